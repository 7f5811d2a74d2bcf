import { describe, expect, it } from 'vitest';
import { renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * The small-volume rule: "Where fewer than 20 Incidents occur in a Measurement Period, the
 * Service Level is met if no more than one Incident fails to meet it."
 * `incidents(month, count, late)`: `count` P1 incidents opened at 08:00 UTC on the first days of the
 * month, resolved after 1 hour, the last `late` of them after 6 hours (the promise: within 4 hours).
 */
function incidents(month: string, count: number, late: number): string[] {
    return Array.from({ length: count }, (_, index) => {
        const day = String(index + 1).padStart(2, '0');
        const hours = index >= count - late ? 14 : 9; // resolved at 14:00 (6 h) or 09:00 (1 h)
        return `${month}-${day}T08:00:00Z,${month}-${day}T${String(hours).padStart(2, '0')}:00:00Z`;
    });
}

/**
 * January: 10 incidents, 1 late → 9/10 = 90 %; February: 10, 2 late → 8/10 = 80 %;
 * March: 25, 1 late → 24/25 = 96 %; April: none.
 */
const INCIDENTS = ['opened,resolved', ...incidents('2026-01', 10, 1), ...incidents('2026-02', 10, 2), ...incidents('2026-03', 25, 1)].join('\n') + '\n';

const agreement = (objective: string) => `agreement Desk "Managed service" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    dataset incidents "P1 incidents" from "incidents.csv" {
        opened timestamp
        resolved timestamp optional
    }
    kpi P1Resolved "P1 incidents resolved within 4 hours" = share(incidents where elapsed(opened, resolved) wall-clock <= 4 hours of incidents)
    kpi P1Late "P1 incidents resolved late" = share(incidents where elapsed(opened, resolved) wall-clock > 4 hours of incidents)
    ${objective}
    credit for P1Resolved per calendar month {
        below 95% : 10% of fee
        below 85% : 25% of fee
    }
}
`;

describe('objective … with at least 20 incidents, else at most 1 failing', async () => {
    const options = { from: '2026-01-01', to: '2026-04-30' };
    const report = await evaluateFixture({ 'desk.sla': agreement('objective P1Resolved >= 95% per calendar month with at least 20 incidents, else at most 1 failing'), 'incidents.csv': INCIDENTS }, options);
    const [january, february, march, april] = report.objectives[0]!.windows;
    const credits = report.credits[0]!.windows;

    it('10 incidents, 1 late: 90 %, but met by the rule (1 failing, 1 allowed), and no credit', () => {
        expect(january).toMatchObject({ value: 0.9, status: 'met', rows: 10, smallVolume: { rows: 10, minimum: 20, failing: 1, allowed: 1 } });
        expect(january!.insufficientData).toBeUndefined();
        expect(credits[0]).toMatchObject({ value: 0.9, tier: null, amount: 0, smallVolume: { failing: 1, allowed: 1 } });
    });

    it('10 incidents, 2 late: 80 %, breached by the rule, and the credit of its tier: below 85 %, 25 % of 1,000 EUR = 250 EUR', () => {
        expect(february).toMatchObject({ value: 0.8, status: 'breached', smallVolume: { rows: 10, minimum: 20, failing: 2, allowed: 1 } });
        expect(credits[1]).toMatchObject({ value: 0.8, tier: 2, amount: 250 });
    });

    it('25 incidents, 1 late: 24/25 = 96 %, met by the target, the rule not applied', () => {
        expect(march).toMatchObject({ value: 0.96, status: 'met', rows: 25 });
        expect(march!.smallVolume).toBeUndefined();
        expect(credits[2]).toMatchObject({ amount: 0 });
    });

    it('no incidents: no data, as before', () => {
        expect(april).toMatchObject({ value: null, status: 'no data', rows: 0 });
        expect(april!.smallVolume).toBeUndefined();
    });

    it('the total is February\'s 250 EUR', () => {
        expect(report.credits[0]!.total).toBe(250);
    });

    it('the table says which windows the rule judged', () => {
        const table = renderTable(report);
        expect(table).toContain('fewer than 20 rows: 1 failing, at most 1 allowed');
        expect(table).toContain('fewer than 20 rows: 2 failing, at most 1 allowed');
    });

    it('without the rule January is 90 %, breached, and pays 10 % of 1,000 EUR = 100 EUR (total 100 + 250 = 350 EUR)', async () => {
        const plain = await evaluateFixture({ 'desk.sla': agreement('objective P1Resolved >= 95% per calendar month'), 'incidents.csv': INCIDENTS }, options);
        expect(plain.objectives[0]!.windows[0]).toMatchObject({ value: 0.9, status: 'breached' });
        expect(plain.credits[0]!.total).toBe(350);
    });

    it('an error share (<=) counts the items in its part: January 1 late of 10 (10 %) met, February 2 late breached', async () => {
        const late = await evaluateFixture({ 'desk.sla': agreement('objective P1Late <= 5% per calendar month with at least 20 incidents, else at most 1 failing\n    objective P1Resolved >= 95% per calendar month'), 'incidents.csv': INCIDENTS }, options);
        const [jan, feb] = late.objectives[0]!.windows;
        expect(jan).toMatchObject({ value: 0.1, status: 'met', smallVolume: { failing: 1, allowed: 1 } });
        expect(feb).toMatchObject({ value: 0.2, status: 'breached', smallVolume: { failing: 2, allowed: 1 } });
    });
});
