import { describe, expect, test } from 'vitest';
import { AGREEMENT, withCursor } from './fixture.js';
import { hoverHarness } from './hover-harness.js';

const { services, hover, parse } = hoverHarness();

/** The fixture's credit with a formula tier (Slack's 10 × paid during the down time) and claim terms. */
const FORMULA_CREDIT = AGREEMENT.replace(`            below 99.0% : 25% of fee
        }`, `            below 99.0% : 10 * downtime / window * fee
            claim within 15 days
            no credit below 10 EUR
            applied to next invoice
        }`);

describe('hover on a formula credit', () => {
    test('the credit: the formula with what each name stands for, then the claim terms', async () => {
        // 31 January + 15 days = 15 February (the example the hover gives for a January window).
        await hover({
            text: withCursor('credit for', 0, FORMULA_CREDIT),
            index: 0,
            hover: /- If Availability is below 99%, the customer receives `10 \* downtime \/ window \* fee` computed for each window, where `downtime` is the credited KPI's down time in the window: for an uptime, \(100% − its value\) × its eligible time; for a duration KPI \(outage minutes\), its value; `window` is the length of the credit window .*`fee` is the fee of the credit window .*\n\nA credit must be claimed within 15 days after the end of its window \(for a January window: by 15 February\); the report gives the last day per credited window\.\n\nA window's credit below 10\.00 EUR \(after caps\) is not paid\.\n\nCredits are applied to the next invoice, not paid out\./s
        });
    });

    test('blocks of downtime: what floor and ceil count', async () => {
        await hover({
            text: withCursor('credit for', 0, FORMULA_CREDIT.replace('10 * downtime / window * fee', '5% * ceil(downtime / 30 minutes) * fee')),
            index: 0,
            hover: /`ceil\(…\)` is the whole number at or above its value \(every block begun: 75 minutes \/ 30 minutes counts 3\)/
        });
    });

    test('a claim deadline in calendar months: January\'s window by the last day of March', async () => {
        await hover({
            text: withCursor('credit for', 0, FORMULA_CREDIT.replace('claim within 15 days', 'claim within 2 months')),
            index: 0,
            hover: /A credit must be claimed within 2 months after the end of its window \(calendar months: for a January window, by 31 March\); the report gives the last day per credited window\./
        });
    });

    test('a raise for repeated breaches: what the 2nd and 3rd breach in a row pay', async () => {
        await hover({
            text: withCursor('credit for', 0, FORMULA_CREDIT.replace('            applied to next invoice\n', '            raised by 50% per consecutive breach, at most 175%\n')),
            index: 0,
            hover: /A window's credit below 10\.00 EUR \(after caps\) is not paid\.\n\nRepeated breaches cost more: the credit of a window that follows breached windows in a row \(a tier paid in each\) is raised by 50 % of it for each of them — the 2nd breach in a row pays 150 %, the 3rd 175 %, never more than 175 % — before the credit's caps; a window without a breach starts the count again\./
        });
    });

    test('an earn-back: which windows earn the credit back', async () => {
        await hover({
            text: withCursor('credit for', 0, FORMULA_CREDIT.replace('            applied to next invoice\n', '            earned back after 3 met windows\n')),
            index: 0,
            hover: /A window's credit below 10\.00 EUR \(after caps\) is not paid\.\n\nA window's credit is earned back, and not paid, when the 3 windows after it are all met \(no tier applies\); until they are evaluated it is provisional\./
        });
    });

    test('days of service: the value of that many days of the fee', async () => {
        const days = AGREEMENT.replace(`            below 99.9% : 10% of fee
            below 99.0% : 25% of fee`, `            below 99.9% : 3 days of service
            below 99.0% : 7 days of service`);
        await hover({
            text: withCursor('credit for', 0, days),
            index: 0,
            hover: /- If Availability is below 99\.9%, the customer receives 3 days of service \(the value of that many days of the fee: the window's fee ÷ its days × 3\)/
        });
    });

    test('a name in the formula: what that input is', async () => {
        await hover({
            text: withCursor('downtime /', 0, FORMULA_CREDIT),
            index: 0,
            hover: "**downtime** (credit formula input): the credited KPI's down time in the window: for an uptime, (100% − its value) × its eligible time; for a duration KPI (outage minutes), its value."
        });
        await hover({
            text: withCursor('fee\n            claim', 0, FORMULA_CREDIT),
            index: 0,
            hover: /^\*\*fee\*\* \(credit formula input\): the fee of the credit window/
        });
    });

    test('eligible: the credited uptime\'s eligible time, with no error on an uptime KPI', async () => {
        const eligibleCredit = FORMULA_CREDIT.replace('10 * downtime / window * fee', '10 * downtime / eligible * fee');
        await hover({
            text: withCursor('eligible *', 0, eligibleCredit),
            index: 0,
            hover: /^\*\*eligible\*\* \(credit formula input\): the credited uptime's eligible time in the window: the window \(its part inside the validity period\) less the time the uptime does not count/
        });
        const document = await parse(eligibleCredit, { validation: true });
        expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
    });

    test('a claim term shows the credit it belongs to', async () => {
        await hover({ text: withCursor('within 15', 0, FORMULA_CREDIT), index: 0, hover: /^\*\*Service credit for Availability\*\*.*claimed within 15 days/s });
    });

    test('the names link to the credit inputs without errors; go to definition, references find no text for them, rename changes nothing', async () => {
        const document = await parse(FORMULA_CREDIT, { validation: true });
        expect(document.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        const offset = FORMULA_CREDIT.indexOf('downtime /') + 2;
        const position = document.textDocument.positionAt(offset);
        const definitions = await services.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: document.textDocument.uri }, position });
        expect(definitions ?? []).toEqual([]);
        // Find references and rename on an input: nothing written to list or rename, no exception.
        const references = await services.lsp.ReferencesProvider!.findReferences(document, { textDocument: { uri: document.textDocument.uri }, position, context: { includeDeclaration: true } });
        expect(Array.isArray(references)).toBe(true);
        const rename = await services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.textDocument.uri }, position, newName: 'outage' });
        expect(rename).toBeUndefined();
        expect(await services.lsp.RenameProvider!.prepareRename(document, { textDocument: { uri: document.textDocument.uri }, position })).toBeUndefined();
    });
});
