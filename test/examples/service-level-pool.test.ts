// The service-level-pool example evaluates to the outcomes its README computes by hand; a
// variant whose allocations exceed the pool is refused where the pool is written.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Report } from '@sla/engine';
import { describe, expect, test } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'service-level-pool');
const SLA = fs.readFileSync(path.join(folder, 'harbor-city-it.sla'), 'utf8');
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-15T00:00:00Z') };

/** Loads the agreement as written, or `text` in its place, over the example's data; evaluates it when it has no error. */
async function load(text = SLA): Promise<{ diagnostics: Diagnostic[]; report?: Report }> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-pool-'));
    fs.cpSync(path.join(folder, 'data'), path.join(copy, 'data'), { recursive: true });
    fs.writeFileSync(path.join(copy, 'harbor-city-it.sla'), text);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, 'harbor-city-it.sla')]);
        const diagnostics = documents[0]!.diagnostics ?? [];
        if (diagnostics.some(d => d.severity === 1)) return { diagnostics };
        return { diagnostics, report: await evaluateDocument(documents[0]!, services, OPTIONS) };
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}

describe('examples/service-level-pool: designed outcomes (README.md)', async () => {
    const { diagnostics, report } = await load();

    test('no problem: the allocations add up to the pool exactly', () => {
        expect(diagnostics.map(d => d.message)).toEqual([]);
    });

    test('each critical service level per month', () => {
        // README: 40 of 40,320 and 30 of 44,580 minutes (March: 743 hours in Chicago) for the data center;
        // 20 of 44,640 and 60 of 44,580 for the network (OUT-32 spans the DST change: 1 hour, not 2).
        const value = (key: string) => report!.objectives.find(o => o.kpiKey === key)!.windows;
        expect(value('DataCenter').map(w => w.value)).toEqual([1, 1 - 40 / 40320, 1 - 30 / 44580].map(v => expect.closeTo(v, 12)));
        expect(value('Network').map(w => w.value)).toEqual([1 - 20 / 44640, 1, 1 - 60 / 44580].map(v => expect.closeTo(v, 12)));
        expect(value('SpeedToAnswer').map(w => w.value)).toEqual([0.9, 0.8, 0.7]);
        expect(['DataCenter', 'Network', 'SpeedToAnswer'].map(key => value(key).map(w => w.status))).toEqual([
            ['met', 'breached', 'breached'],
            ['met', 'met', 'breached'],
            ['met', 'met', 'breached']
        ]);
    });

    test('each credit its allocation of 30,000 USD; March capped at the at-risk amount', () => {
        expect(report!.credits.map(credit => credit.windows.map(w => w.amount))).toEqual([[0, 24000, 24000], [0, 0, 6000], [0, 0, 0]]);
        expect(report!.credits.map(credit => credit.windows[2]!.uncappedAmount)).toEqual([24000, 21000, 30000]);
        expect(report!.credits.map(credit => [credit.windows[2]!.allocation, credit.windows[2]!.percentOfFee])).toEqual([[80, 9.6], [70, 8.4], [100, 12]]);
        expect(report!.creditCaps![0]!.periods.map(p => [p.start.slice(0, 10), p.limit, p.owed, p.paid, p.lowered ?? []])).toEqual([
            ['2026-02-01', 30000, 24000, 24000, []],
            ['2026-03-01', 30000, 75000, 30000, ['Network', 'SpeedToAnswer']]
        ]);
        // 54,000 USD paid; 99,000 USD priced one by one.
        expect(report!.credits.reduce((sum, credit) => sum + credit.total, 0)).toBe(54000);
        expect(report!.credits.flatMap(credit => credit.windows).reduce((sum, w) => sum + w.uncappedAmount, 0)).toBe(99000);
    });

    test('a larger allocation takes them above the pool: refused at the pool', async () => {
        const { diagnostics: problems, report: none } = await load(SLA.replace('below 99.95% : 80% of at-risk amount', 'below 99.95% : 90% of at-risk amount'));
        expect(none).toBeUndefined();
        expect(problems.map(d => [d.code, d.range.start.line + 1, d.message])).toEqual([[
            'sla/credit-allocation', 12,
            "The credits' allocations add up to 260% of the at-risk amount (DataCenter 90%, Network 70%, SpeedToAnswer 100%), more than the pool of 250%. Lower an allocation or raise the pool."
        ]]);
    });
});
