/**
 * The stable codes listed in docs/language-reference.md § 16 (shown as `sla/<code>`) and their default severity.
 * Tools (CLI json, CI pipelines, the editor) rely on these codes: never rename one.
 */
export const DIAGNOSTIC_SEVERITY = {
    'window-missing': 'error',
    'window-ambiguous': 'error',
    'fiscal-year-missing': 'error',
    'timezone-missing': 'error',
    'timezone-unknown': 'error',
    'unit-missing': 'error',
    'unit-unknown': 'error',
    'unit-mismatch': 'error',
    'comparison-missing': 'error',
    'vague-term': 'warning',
    'clause-unmeasured': 'warning',
    'clause-procedural-measured': 'warning',
    'tier-range-ambiguous': 'warning',
    'tier-gap': 'error',
    'tier-overlap': 'error',
    'tier-when-met': 'warning',
    'business-clock-unclear': 'warning',
    'business-days-unclear': 'warning',
    'member-misplaced': 'error',
    'range-invalid': 'error',
    'minimum-sample': 'error',
    'naive-timestamps': 'warning',
    'event-time-optional': 'warning',
    'fixed-month-duration': 'warning',
    'kpi-name-ambiguous': 'error',
    'plan-missing': 'error',
    'plan-uncovered': 'error',
    'plan-field': 'error',
    'credit-plan-tiers': 'error',
    'fee-previous': 'error',
    'exclusion-rows': 'error',
    'unresolved-reference': 'error',
    'duplicate-name': 'error',
    'duplicate-entry': 'error',
    'kpi-cycle': 'error',
    'kpi-depth': 'error',
    'target-out-of-range': 'error',
    'objective-unachievable': 'warning',
    'enum-value-unknown': 'error',
    'field-type': 'error',
    'aggregate-required': 'error',
    'division-by-zero': 'error',
    'validity-range': 'error',
    'calendar-range': 'error',
    'calendar-empty': 'error',
    'maintenance-unbounded': 'warning',
    'maintenance-ambiguous': 'error',
    'maintenance-rule': 'error',
    'maintenance-notice': 'warning',
    'termination-rule': 'error',
    'objective-schedule': 'error',
    'service-level-default': 'error',
    'continuous-improvement': 'error',
    'holiday-region-unknown': 'error',
    'holiday-not-in-set': 'warning',
    'holiday-date-invalid': 'error',
    'credit-cap': 'error',
    'credit-allocation': 'error',
    'credit-without-objective': 'error',
    'credit-formula': 'error',
    'internal-weaker': 'warning',
    'kpi-unused': 'hint',
    'kpi-no-owner': 'info',
    'dataset-missing-file': 'warning',
    'data-end-range': 'error',
    'dataset-unreadable-file': 'warning',
    'column-missing': 'error',
    'data-file-format': 'error',
    'text-encoding': 'error',
    'csv-dialect': 'error',
    'timestamp-format': 'error',
    'path-invalid': 'error',
    'path-outside-workspace': 'error',
    'data-not-read': 'info',
    'connection-unknown': 'error',
    'mean-latency': 'info',
    'item-kpi': 'error',
    'pause-join': 'error',
    'score-scale': 'error',
    // credits per scope, fees per service and from billing data
    'fee-inconsistent': 'error',
    'fee-missing': 'error',
    'scope-field-missing': 'error',
    'credit-scope-mismatch': 'warning',
    // timeslice KPIs
    'slice-empty-rule': 'error',
    'slice-length': 'error',
    'slice-run': 'error',
    'slice-time-field': 'error',
    'slice-nested': 'error',
    'uptime-across': 'error',
    'uptime-weight': 'error',
    'uptime-option': 'error',
    'uptime-deployed': 'error',
    'maintenance-conflict': 'error',
    // client agreements (client scope)
    'client-scope-field-missing': 'warning',
    // templates and client agreements
    'parameter-type-unknown': 'error',
    'parameter-name-keyword': 'error',
    'template-parameter-unknown': 'error',
    'template-argument-missing': 'error',
    'template-argument-type': 'error',
    'template-argument-unused': 'warning',
    'template-override-unknown': 'error',
    'template-dataset-field': 'error',
    'template-loosened': 'warning',
    'template-internal-weaker': 'warning',
    'template-cycle': 'error'
} as const satisfies Record<string, DiagnosticSeverity>;

/**
 * The code of the lexer's and parser's errors (docs/cli.md), which Langium reports without
 * one: always an error, and no check's, so not in the table above.
 */
export const SYNTAX_ERROR_CODE = 'sla/syntax-error';

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';
export type SlaCode = keyof typeof DIAGNOSTIC_SEVERITY;

/** `window-ambiguous` → `sla/window-ambiguous`, the code every tool shows. */
export function qualifiedCode(code: SlaCode): string {
    return `sla/${code}`;
}
