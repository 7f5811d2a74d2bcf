// The Amazon S3 example (examples/public-slas/amazon-s3): the outcomes its README computes by hand.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'public-slas', 'amazon-s3');

describe('Amazon S3: credits per region, on the charges of the region from the bill', async () => {
    const { documents, services } = await loadSlaFiles([path.join(folder, 'amazon-s3.sla')]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.UTC(2026, 5, 1) });
    const credit = (service: string) => report.credits.find(c => c.service === service)!;
    const window = (service: string, region: string, month: string) => credit(service).windows.find(w => w.scopeValue === region && w.start.startsWith(month))!;

    it('S3 Standard: eu-west-1 in March 10 % of its 850.00 USD, us-east-1 in April 25 % of its 1,500.00 USD', () => {
        // The average of the 8,928 five-minute error rates of March (empty periods 0 %): twelve at
        // 100 %, six at 50 %: 1 − 15 / 8,928 = 99.83199 %: 10 % × (830.25 + 19.75) = 85.00.
        expect(window('Standard', 'eu-west-1', '2026-03')).toMatchObject({ tier: 1, fee: 850, amount: 85 });
        expect(window('Standard', 'eu-west-1', '2026-03').value).toBeCloseTo(1 - 15 / 8_928, 12);
        // us-east-1, April (8,640 periods): 08:00–15:30 is 90 periods of 1,000 failed requests, but the
        // 12:00 period also holds the day's 100,000 good background requests: 89 periods at 100 % and
        // one at 1,000 / 101,000: 1 − (89 + 1,000/101,000) / 8,640 = 98.96979 %: 25 % × (1,250 + 250) = 375.00.
        expect(window('Standard', 'us-east-1', '2026-04')).toMatchObject({ tier: 2, fee: 1500, amount: 375 });
        expect(window('Standard', 'us-east-1', '2026-04').value).toBeCloseTo(1 - (89 + 1_000 / 101_000) / 8_640, 12);
        // The other two windows are at 100 %: no credit, whatever their charges (1,200.00 and 870.00).
        expect(window('Standard', 'us-east-1', '2026-03')).toMatchObject({ value: 1, fee: 1200, amount: 0 });
        expect(window('Standard', 'eu-west-1', '2026-04')).toMatchObject({ value: 1, fee: 870, amount: 0 });
        expect(credit('Standard')).toMatchObject({ scope: 'region', feeSource: 'billing data', currency: 'USD', total: 460 });
        expect(credit('Standard').scopeTotals).toEqual([
            { scopeValue: 'eu-west-1', total: 85, provisionalTotal: 0 },
            { scopeValue: 'us-east-1', total: 375, provisionalTotal: 0 }
        ]);
    });

    it('S3 Standard-IA: its own table; eu-west-1 in March is above 99.0 % and earns nothing, us-east-1 in April 10 % of 320.00 USD', () => {
        // eu-west-1, March: 45 periods at 100 %: 1 − 45 / 8,928 = 99.49597 %: ≥ 99.0 %, no credit (under the Standard table it would be 10 %).
        expect(window('InfrequentAccess', 'eu-west-1', '2026-03')).toMatchObject({ tier: null, amount: 0, fee: 410.4 });
        expect(window('InfrequentAccess', 'eu-west-1', '2026-03').value).toBeCloseTo(1 - 45 / 8_928, 12);
        // us-east-1, April: 100 periods at 100 %: 1 − 100 / 8,640 = 98.84259 %: 10 % × 320.00 = 32.00.
        expect(window('InfrequentAccess', 'us-east-1', '2026-04')).toMatchObject({ tier: 1, fee: 320, amount: 32 });
        expect(window('InfrequentAccess', 'us-east-1', '2026-04').value).toBeCloseTo(1 - 100 / 8_640, 12);
        expect(credit('InfrequentAccess').total).toBe(32);
    });

    it('the objectives are judged per region: two breaches in each table', () => {
        const statuses = report.objectives.map(o => `${o.service}: ${o.windows.map(w => `${w.scopeValue} ${w.start.slice(0, 7)} ${w.status}`).join(', ')}`);
        expect(statuses).toEqual([
            'Standard: eu-west-1 2026-03 breached, eu-west-1 2026-04 met, us-east-1 2026-03 met, us-east-1 2026-04 breached',
            'InfrequentAccess: eu-west-1 2026-03 met, eu-west-1 2026-04 met, us-east-1 2026-03 met, us-east-1 2026-04 breached'
        ]);
    });

    it('the committed data are the generator\'s output, and its check prints the same credits', () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-s3-'));
        try {
            const printed = execFileSync(process.execPath, [path.join(folder, 'generate-data.mjs'), '--check', '--out', out], { encoding: 'utf8' });
            for (const file of ['requests.csv', 'billing.csv']) {
                expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(folder, 'data', file), 'utf8'));
            }
            expect(printed).toContain('2026-03 STANDARD    eu-west-1: Σ rates 15 of 8928 intervals → 99.83199 % (per request 99.51892 %), charges 850.00 USD → 10 % = 85.00 USD');
            expect(printed).toContain('2026-04 STANDARD    us-east-1: Σ rates 90 of 8640 intervals → 98.95833 % (per request 97.08738 %), charges 1500.00 USD → 25 % = 375.00 USD');
            expect(printed).toContain('2026-04 STANDARD_IA us-east-1: Σ rates 100 of 8640 intervals → 98.84259 % (per request 98.68421 %), charges 320.00 USD → 10 % = 32.00 USD');
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
