// The provider-library example's Fabrikam agreement pays the credits its README works out by hand
// (README.md, "Credits"): January 425 EUR, February 1,700 EUR cut by the yearly cap of 2,000 EUR
// to 1,575 EUR — and a month evaluated alone (`--from`, `--to`: a monthly billing run) pays what
// the quarter's run pays it, the yearly cap counting what the months before were paid.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'provider-library');
const NOW = Date.parse('2026-11-01T00:00:00Z');

async function fabrikam(from: string, to: string) {
    const file = path.join(folder, 'client-fabrikam.sla');
    const { documents, services } = await loadSlaFiles([file]);
    const document = documents.find((candidate) => candidate.uri.fsPath === file)!;
    return evaluateDocument(document, services, { from, to, now: NOW });
}
const credited = (report: Awaited<ReturnType<typeof fabrikam>>) =>
    report.credits[0]!.windows.map((window) => [window.start.slice(0, 7), window.amount, window.uncappedAmount, window.cap ?? null]);

describe('examples/provider-library: Fabrikam\'s credits (README.md)', () => {
    test('the quarter: January 425 EUR, February 1,700 EUR cut to 1,575 by the yearly cap, 2,000 EUR in all', async () => {
        const quarter = await fabrikam('2026-01-01', '2026-03-31');
        expect(credited(quarter)).toEqual([['2026-01', 425, 425, null], ['2026-02', 1575, 1700, 'year'], ['2026-03', 0, 0, null]]);
        expect(quarter.credits[0]!.total).toBe(2000);
    });

    test('each month alone pays what the quarter\'s run pays it: February\'s yearly cap counts January\'s 425 EUR', async () => {
        const months = [['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-02-28'], ['2026-03-01', '2026-03-31']] as const;
        const alone = [];
        for (const [from, to] of months) alone.push(...credited(await fabrikam(from, to)));
        expect(alone).toEqual([['2026-01', 425, 425, null], ['2026-02', 1575, 1700, 'year'], ['2026-03', 0, 0, null]]);
        const february = await fabrikam('2026-02-01', '2026-02-28');
        expect(february.notes).toContain('Credits for ERP.Availability: the yearly cap counts the 425 EUR paid in the windows of the year from 2026-01-01 before the evaluation period.');
    });
});
