// The Atlassian Cloud example (examples/public-slas/atlassian-cloud/) evaluated over March and
// April 2026 against the outcomes computed by hand in its README.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'public-slas', 'atlassian-cloud', 'atlassian-cloud.sla');

async function report() {
    const { documents, services } = await loadSlaFiles([file]);
    return evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
}

describe('Atlassian Cloud: Downtime Minutes', () => {
    test('monthly uptime per product is 100 % minus the Downtime Minutes out of the minutes of the month', async () => {
        const { objectives } = await report();
        const byKey = Object.fromEntries(objectives.map((o) => [o.kpiKey, o.windows.map((w) => ({ value: w.value, status: w.status, bad: w.slices?.bad, total: w.slices?.total }))]));
        // Jira March: 44 Downtime Minutes of 31 × 1,440 = 44,640 → 44,596 / 44,640 = 99.901434 % ≥ 99.9 % (the budget is 44.64 minutes).
        // Jira April: 59 minutes at 20 % + one at 6 % = 60 (the minute at exactly 5 % is not "greater than 5%",
        // the minute without requests has no Error Rate) of 43,200 → 43,140 / 43,200 = 99.861111 %: Atlassian's own example.
        expect(byKey['JiraPremium.MonthlyUptime']).toEqual([
            { value: 44_596 / 44_640, status: 'met', bad: 44, total: 44_640 },
            { value: 43_140 / 43_200, status: 'breached', bad: 60, total: 43_200 }
        ]);
        // Confluence March: no Downtime Minute → 100 %. April: 20 inoperable minutes → 43,180 / 43,200 = 99.953704 % ≥ 99.95 %.
        expect(byKey['ConfluenceEnterprise.MonthlyUptime']).toEqual([
            { value: 1, status: 'met', bad: 0, total: 44_640 },
            { value: 43_180 / 43_200, status: 'met', bad: 20, total: 43_200 }
        ]);
    });

    test('each product is judged on its plan\'s target: Jira on Premium (99.9 %), Confluence on Enterprise (99.95 %)', async () => {
        const { objectives } = await report();
        expect(objectives.map((o) => [o.kpiKey, o.plan, o.target])).toEqual([
            ['JiraPremium.MonthlyUptime', 'Premium', 0.999],
            ['ConfluenceEnterprise.MonthlyUptime', 'Enterprise', 0.9995]
        ]);
    });

    test('April earns Jira the confirmed Premium tier: 10 % of the 1,000 USD monthly fee, to claim by 15 May; Enterprise has no confirmed table', async () => {
        const { credits, notes } = await report();
        // Confluence is under Enterprise, which has no table: no credit at all (not a credit of 0 with a guessed tier).
        expect(credits.map((c) => [c.kpiKey, c.plan])).toEqual([['JiraPremium.MonthlyUptime', 'Premium']]);
        // 99.861111 % < 99.9 %: 10 % × 1,000 = 100 USD; 15 days after 30 April = 15 May.
        expect(credits[0]!.windows.map((w) => [w.amount, w.claimBy])).toEqual([[0, undefined], [100, '2026-05-15']]);
        expect(credits[0]).toMatchObject({ total: 100, claimWithinDays: 15, appliedToNextInvoice: true });
        expect(notes).toContain('Credits for JiraPremium.MonthlyUptime (plan Premium) are applied to the next invoice, not paid out.');
        // Confluence met 99.95 % in both months (100 %, 99.953704 %): no breach, so no note that a breach under Enterprise earns nothing.
        expect(notes.join('\n')).not.toContain('has no table for the plan');
    });

    test('a breach of Confluence under Enterprise, which has no table: no credit line, a note says it earns nothing', async () => {
        // The example with Enterprise's target at 99.96 %, in a copy (its data beside it).
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-atlassian-enterprise-'));
        try {
            fs.cpSync(path.join(path.dirname(file), 'data'), path.join(folder, 'data'), { recursive: true });
            const copy = path.join(folder, 'atlassian-cloud.sla');
            fs.writeFileSync(copy, fs.readFileSync(file, 'utf8').replaceAll('Enterprise: >= 99.95%', 'Enterprise: >= 99.96%'));
            const { documents, services } = await loadSlaFiles([copy]);
            const { credits, notes } = await evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
            // Confluence March 100 % >= 99.96 %: met; April 43,180 / 43,200 = 99.953704 % < 99.96 %: breached.
            expect(credits.map((c) => c.kpiKey)).toEqual(['JiraPremium.MonthlyUptime']);
            expect(notes).toContain('Credits for ConfluenceEnterprise.MonthlyUptime (plan Enterprise): the credit block has no table for the plan Enterprise, so a breach under it earns no credit; 1 breached window(s) (starting 2026-04-01) earn nothing.');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});

describe('atlassian-cloud: the data script', () => {
    test('reproduces the committed data byte for byte, and its --check recounts the outcomes without the engine', () => {
        const folder = path.dirname(file);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-atlassian-cloud-'));
        try {
            const printed = execFileSync(process.execPath, [path.join(folder, 'make-data.mjs'), '--out', out, '--check'], { encoding: 'utf8' });
            for (const data of ['requests.csv']) {
                expect(fs.readFileSync(path.join(out, 'data', data)).equals(fs.readFileSync(path.join(folder, 'data', data))), `${data} differs from make-data.mjs's output`).toBe(true);
            }
            for (const line of [
                'jira 2026-03: 44 Downtime Minutes of 44640 → 99.901434 %',
                'jira 2026-04: 60 Downtime Minutes of 43200 → 99.861111 %',
                'confluence 2026-04: 20 Downtime Minutes of 43200 → 99.953704 %'
            ]) expect(printed).toContain(line);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
