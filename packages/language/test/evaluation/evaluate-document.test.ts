import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvaluationInputError, evaluateDocument, type EvaluateModelOptions } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';

/**
 * The path the CLI and the language server share: what it refuses before reading data, and
 * how it hands over a data error (its place once, whether skipping rows would help).
 */
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-evaluate-document-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const AGREEMENT = `agreement Desk "Desk" {
    valid from 2026-01-01 to 2026-03-31
    timezone "Europe/Paris"
    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        priority  one of "P1", "P2"
    }
    kpi Tickets "P1 tickets" = count(tickets where priority = "P1")
    objective Tickets <= 10 per calendar month
}
`;

async function evaluate(tickets: string, options: EvaluateModelOptions) {
    fs.writeFileSync(path.join(folder, 'desk.sla'), AGREEMENT);
    fs.writeFileSync(path.join(folder, 'tickets.csv'), tickets);
    const { documents, services } = await loadSlaFiles([path.join(folder, 'desk.sla')], { validate: true });
    return evaluateDocument(documents[0], services, { now: Date.parse('2026-06-01T00:00:00Z'), ...options });
}

async function refusal(tickets: string, options: EvaluateModelOptions): Promise<EvaluationInputError> {
    const error = await evaluate(tickets, options).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluationInputError);
    return error as EvaluationInputError;
}

const ONE_P1 = 'opened,priority\n2026-01-05T09:00:00Z,P1\n';

describe('evaluateDocument', () => {
    it('refuses an empty period and one outside the validity, for every caller', async () => {
        expect((await refusal(ONE_P1, { from: '2026-03-01', to: '2026-01-31' })).request?.kind).toBe('period-empty');
        const outside = await refusal(ONE_P1, { from: '2026-04-01' });
        expect(outside.request).toMatchObject({ kind: 'period-outside-validity', validity: { from: '2026-01-01', to: '2026-03-31' } });
        expect(outside.message).toBe('Nothing to evaluate: the period starts on 2026-04-01, after Desk is valid (from 2026-01-01 to 2026-03-31).');
    });

    it('refuses a replacement for an unknown dataset only when asked (editor settings serve several agreements)', async () => {
        const other = path.join(folder, 'other.csv');
        fs.writeFileSync(other, ONE_P1);
        const refused = await refusal(ONE_P1, { dataOverrides: { tickts: other }, refuseUnknownDatasets: true });
        expect(refused.request).toEqual({ kind: 'unknown-dataset', name: 'tickts', path: other, datasets: ['tickets'] });
        // Not asked: the declared file is read (one P1 ticket in January).
        const report = await evaluate(ONE_P1, { dataOverrides: { tickts: other }, to: '2026-01-31' });
        expect(report.objectives[0].windows[0].value).toBe(1);
    });

    it('hands over an invalid row with its place once and says that skipping would pass it', async () => {
        const error = await refusal('opened,priority\n2026-01-05T09:00:00Z,P7\n', { to: '2026-01-31' });
        expect(error.invalidRow).toBe(true);
        expect(error.problems).toEqual([{
            file: path.join(folder, 'tickets.csv'), line: 2, column: 2,
            message: 'invalid value "P7" for field priority (enum) in column 2 (priority): expected one of "P1", "P2"'
        }]);
    });

    it('a file-level problem (a missing column) is no invalid row', async () => {
        // The declared file is right; the one given with --data lacks the column: the engine says so.
        const other = path.join(folder, 'other-columns.csv');
        fs.writeFileSync(other, 'opened,prio\n2026-01-05T09:00:00Z,P1\n');
        const error = await refusal(ONE_P1, { to: '2026-01-31', dataOverrides: { tickets: other } });
        expect(error.invalidRow).toBe(false);
        expect(error.problems[0].message).toMatch(/^missing column "priority"/);
        // … naming the .sla field and where it is declared (line 6 of AGREEMENT).
        expect(error.problems[0].message).toMatch(/^missing column "priority" for field priority \(declared at \S*desk\.sla:6\); the header has 2 columns: "opened", "prio"/);
    });

    it('a declared file without a declared column is refused at the field, before any data is read', async () => {
        const error = await refusal('opened,prio\n2026-01-05T09:00:00Z,P1\n', { to: '2026-01-31' });
        expect(error.problems).toMatchObject([{ line: 6, code: 'sla/column-missing' }]);
        expect(error.problems[0].message).toContain('has no column "priority" for the field \'priority\'');
    });

    it('a declared file without a declared column does not stop evaluation of a replacement that has it', async () => {
        const other = path.join(folder, 'other-good.csv');
        fs.writeFileSync(other, ONE_P1);
        const report = await evaluate('opened,prio\n2026-01-05T09:00:00Z,P1\n', { to: '2026-01-31', dataOverrides: { tickets: other } });
        // One P1 ticket in January (ONE_P1).
        expect(report.objectives[0].windows[0].value).toBe(1);
    });
});
