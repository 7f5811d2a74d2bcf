import { DefaultDocumentValidator, type ParseResult, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { withoutFollowOnErrors } from './follow-on-errors.js';

/** Reports each broken line once: follow-on parser errors are left out (see follow-on-errors.ts). */
export class SlaDocumentValidator extends DefaultDocumentValidator {
    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        super.processParsingErrors({ ...parseResult, parserErrors: withoutFollowOnErrors(parseResult.parserErrors) }, diagnostics, options);
    }
}
