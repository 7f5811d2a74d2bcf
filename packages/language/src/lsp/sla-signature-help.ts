/**
 * Signature help for the built-in functions of formulas. Found from the text before the
 * cursor (the call being typed rarely parses yet): the innermost open `name(`, and the
 * parameter by the commas at its nesting level (an optional part by its first word).
 */
import type { LangiumDocument } from 'langium';
import type { SignatureHelpProvider } from 'langium/lsp';
import type { SignatureHelp, SignatureHelpOptions, SignatureHelpParams, SignatureInformation } from 'vscode-languageserver';
import { codeOnlyText } from './code-only-text.js';

const WHERE = 'where: keeps only the rows that satisfy the condition';

const SIGNATURES: Record<string, SignatureInformation> = {
    count: { label: 'count(dataset where condition)', documentation: `The number of rows in the window. ${WHERE}.`, parameters: [{ label: 'dataset where condition' }] },
    sum: { label: 'sum(dataset.field where condition)', documentation: `The total of the field over the rows in the window. ${WHERE}.`, parameters: [{ label: 'dataset.field where condition' }] },
    avg: { label: 'avg(dataset.field where condition)', documentation: `The average of the field over the rows in the window. ${WHERE}.`, parameters: [{ label: 'dataset.field where condition' }] },
    min: { label: 'min(dataset.field where condition)', documentation: `The smallest value of the field in the window. ${WHERE}.`, parameters: [{ label: 'dataset.field where condition' }] },
    max: { label: 'max(dataset.field where condition)', documentation: `The largest value of the field in the window. ${WHERE}.`, parameters: [{ label: 'dataset.field where condition' }] },
    percentile: {
        label: 'percentile(p, dataset.field where condition)',
        documentation: 'Nearest-rank percentile: the smallest value such that at least p% of the values are at or below it. No interpolation.',
        parameters: [{ label: 'p', documentation: 'the percentile, 0 to 100 (95 for p95)' }, { label: 'dataset.field where condition' }]
    },
    share: {
        label: 'share(dataset where part of dataset where whole)',
        documentation: 'The number of rows matching the part divided by the number matching the whole; no data when the whole is empty.',
        parameters: [{ label: 'dataset where part of dataset where whole' }]
    },
    uptime: {
        label: 'uptime(dataset where outage, from start to end, options) during Calendar excluding Maintenance',
        documentation: 'Share of eligible time not covered by the rows\' intervals [start, end); overlaps count once; excluded maintenance is removed from downtime and eligible time (`counting M as available`: kept as eligible time, no downtime in it).',
        parameters: [
            { label: 'dataset where outage', documentation: 'the outage rows' },
            { label: 'from start to end', documentation: 'the timestamp fields bounding each outage; an empty end is open' },
            {
                label: 'options',
                documentation: 'each at most once, after a comma: `across zone in ("a", "b")` or `across zone of inventory` (down only while every instance is down; `at least N down`), `weighted by field` (`summed`), `at least 1 minute`, `whole minutes`, `deployed in inventory by field from start to end`'
            }
        ]
    },
    periods: {
        label: 'periods(dataset where maintenance, from start to end, announced at announced)',
        documentation: 'Maintenance periods listed in a dataset (a change log), one per row, inside a `maintenance` block. With `announced at` and the maintenance\'s `notice`, a period counts only if announced at least the notice before it starts; a later one is ordinary time, downtime in it included.',
        parameters: [
            { label: 'dataset where maintenance', documentation: 'the rows that list maintenance periods' },
            { label: 'from start to end', documentation: 'the timestamp fields bounding each period' },
            { label: 'announced at announced', documentation: 'the timestamp field of each period\'s announcement, checked against the notice' }
        ]
    },
    slices: {
        label: 'slices(every length by field: aggregation, at least N consecutive, empty as rule)',
        documentation: 'A value per fixed slice of the window (absolute time, aligned to its start), aggregated over the slices.',
        parameters: [
            { label: 'every length by field: aggregation', documentation: 'the slice length (`every 5 minutes`), optionally `by` the timestamp field placing the rows; then `avg of` a slice value, or `count where`, `duration where`, `share where` a slice condition' },
            { label: 'at least N consecutive', documentation: 'optional, not with `avg of`: a bad slice counts only in a run of at least N consecutive bad slices (a run goes on into the window before or after)' },
            { label: 'empty as rule', documentation: 'required: what a slice without data counts as: `good`, `bad`, `no data`, or in an average a value (`empty as 0%`)' }
        ]
    },
    pauses: {
        label: 'excluding pauses(pauses by key = id, from start to end)',
        documentation: 'Stops the clock of `elapsed` during the pause rows of each measured row: merged, clipped to the row\'s interval; with `during C` only their working time, and compared in business days (`<= 2 business days`) their business days.',
        parameters: [
            { label: 'pauses by key = id', documentation: 'the pause dataset, its field naming the measured row, and the measured row\'s field it equals (`ticketPauses by ticket = id`)' },
            { label: 'from start to end', documentation: 'the pause dataset\'s timestamp fields bounding each pause; an empty end: still paused' }
        ]
    },
    elapsed: {
        label: 'elapsed(start, end) during Calendar | wall-clock',
        documentation: 'The time from start to end in each row; `during` counts only the calendar\'s working time. A row without end is open: judged on its time so far, listed, never dropped.',
        parameters: [{ label: 'start', documentation: 'a timestamp field' }, { label: 'end', documentation: 'a timestamp field' }]
    }
};

/**
 * Parameters that may be left out, chosen by the first word of the argument being typed rather
 * than by counting commas: `slices(…, empty as good)` has no `at least … consecutive` before it.
 */
const PARAMETER_BY_FIRST_WORD: Record<string, Record<string, number>> = {
    slices: { at: 1, empty: 2 }
};

export class SlaSignatureHelpProvider implements SignatureHelpProvider {
    get signatureHelpOptions(): SignatureHelpOptions {
        return { triggerCharacters: ['(', ','], retriggerCharacters: [','] };
    }

    provideSignatureHelp(document: LangiumDocument, params: SignatureHelpParams): SignatureHelp | undefined {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const call = openCallBefore(text, offset);
        if (!call) return undefined;
        const signature = SIGNATURES[call.name];
        if (!signature) return undefined;
        const parameterCount = signature.parameters?.length ?? 1;
        const firstWord = /^\s*([A-Za-z]+)/.exec(call.argument)?.[1];
        const byWord = call.commas > 0 && firstWord ? PARAMETER_BY_FIRST_WORD[call.name]?.[firstWord] : undefined;
        return { signatures: [signature], activeSignature: 0, activeParameter: byWord ?? Math.min(call.commas, parameterCount - 1) };
    }
}

/**
 * The innermost call still open at `offset`, with the commas typed at its level and the
 * argument being typed (after the last of them). Strings and comments are skipped.
 */
export function openCallBefore(text: string, offset: number): { name: string; commas: number; argument: string } | undefined {
    const code = codeOnlyText(text, offset);
    let depth = 0;
    let commas = 0;
    let argumentStart: number | undefined;
    const start = Math.max(0, offset - 2000);
    for (let i = offset - 1; i >= start; i--) {
        const ch = code[i];
        if (ch === ')') depth++;
        else if (ch === '(') {
            if (depth === 0) {
                const name = /([A-Za-z_-]+)\s*$/.exec(code.slice(Math.max(0, i - 20), i))?.[1];
                return name ? { name, commas, argument: code.slice(argumentStart ?? i + 1, offset) } : undefined;
            }
            depth--;
        } else if (ch === ',' && depth === 0) {
            commas++;
            argumentStart ??= i + 1;
        } else if ((ch === '{' || ch === '}') && depth === 0) return undefined;
    }
    return undefined;
}
