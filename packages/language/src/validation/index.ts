// The validation API other packages use (the CLI's `sla validate`, the editor, tests).
export { DIAGNOSTIC_SEVERITY, qualifiedCode, SYNTAX_ERROR_CODE, type DiagnosticSeverity, type SlaCode } from './diagnostic-codes.js';
export { isSlaDiagnosticData, type FixEdit, type QuickFix, type SlaDiagnosticData } from './quick-fix.js';
export { dataAccessOf, vagueTermsOf, type SlaValidationServices } from './sla-validation-module.js';
export { DEFAULT_VAGUE_TERMS, VagueTerms, type VagueTermMatch } from './vague-terms.js';
