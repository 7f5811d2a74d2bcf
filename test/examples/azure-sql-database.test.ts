// examples/public-slas/azure-sql-database: the designed outcomes of its README, computed by hand.
// Months in UTC: January and March 31 days = 44,640 minutes, February 28 days = 40,320 minutes.
// Inventory: orders deployed all along; reporting deleted on 15 February 00:00; analytics created
// on 21 February 00:00.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { evaluateExampleCopy } from './example-copy.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/azure-sql-database/azure-sql-database.sla');
const OPTIONS = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-11-25T12:00:00Z') };
const HALF_HOUR = 30 * 60_000;

describe('Azure SQL Database: (Maximum Available Minutes − Downtime) / Maximum Available Minutes over the databases of a subscription', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, OPTIONS);
    const [january, february, march] = report.objectives[0]!.windows;
    const credit = report.credits[0]!;

    it('January: orders and reporting deployed all month, 5 + 3 minutes down: (89,280 − 8) / 89,280 = 99.99104 %, met', () => {
        // Maximum Available Minutes 44,640 + 44,640 = 89,280 (analytics not created yet); the allowance is
        // 0.01 % × 89,280 = 8.928 minutes. orders' 5 minutes are 31 Jan 23:55–24:00 of an outage into February.
        expect(january).toMatchObject({ status: 'met', value: (89_280 - 8) / 89_280 });
        expect(january!.notDeployed).toBeUndefined();
    });

    it('February: 40,320 + 20,160 (reporting to 15 Feb) + 11,520 (analytics from 21 Feb) = 72,000 minutes, 150 down: 99.79167 %', () => {
        // Downtime: orders 20 (1 Feb 00:00–00:20) + reporting 60 + 30 (14 Feb 23:30–24:00, before its deletion)
        // + analytics 40 = 150 → (72,000 − 150) / 72,000. The 30 minutes after reporting's deletion are no Downtime.
        expect(february).toMatchObject({ status: 'breached', value: (72_000 - 150) / 72_000 });
        expect(february!.notDeployed).toEqual({ outageMs: HALF_HOUR, resources: ['reporting'] });
    });

    it('March: orders 540 (overlapping rows once) + analytics 420, both down 17 Mar 09:00–16:00: (89,280 − 960) / 89,280 = 98.92473 %', () => {
        // orders: 420 + (02:00–03:30 ∪ 03:00–04:00 = 120) = 540; analytics 420: the same hour of two databases is
        // two hours of Downtime. reporting, deleted in February, down 3 Mar 08:00–08:30: not deployed, no Downtime.
        expect(march).toMatchObject({ status: 'breached', value: (89_280 - 960) / 89_280 });
        expect(march!.notDeployed).toEqual({ outageMs: HALF_HOUR, resources: ['reporting'] });
        expect(report.notes).toContain("SqlDatabase.MonthlyUptime: 1 h of outages in 2 window(s) are of database reporting while the inventory 'deployments' lists no deployment of it: not downtime, and not in the value. Add the deployment to the inventory 'deployments' if it was deployed.");
    });

    it('credits on the month\'s SQL Database charges: none, 10 % of 1,900 = 190, 25 % of 2,600 = 650 USD; claims within two months', () => {
        // Fees (billing.csv, meter category "SQL Database"; the 150 USD of storage a month are another Service):
        // January 1,200 + 600 = 1,800; February 1,200 + 300 (reporting, 14 days) + 400 (analytics, 8 days) = 1,900;
        // March 1,200 + 1,400 = 2,600. 99.79167 % < 99.99 % → 10 %; 98.92473 % < 99 % → 25 %.
        expect(credit.windows.map((w) => ({ tier: w.tier, fee: w.fee, amount: w.amount, claimBy: w.claimBy }))).toEqual([
            { tier: null, fee: 1_800, amount: 0, claimBy: undefined },
            { tier: 1, fee: 1_900, amount: 190, claimBy: '2026-04-30' },
            { tier: 2, fee: 2_600, amount: 650, claimBy: '2026-05-31' }
        ]);
        // 190 + 650 = 840.
        expect(credit).toMatchObject({ total: 840, feeSource: 'billing data', claimWithinMonths: 2 });
    });

    it('the SLA Exclusions are declared terms, listed as not measured', () => {
        expect(report.exclusions?.filter((exclusion) => !exclusion.measured).map((exclusion) => exclusion.name)).toEqual(['OutsideControl', 'CustomerOrThirdParty', 'Preview']);
    });
});

describe('Azure SQL Database: each database over its own Deployment Minutes (a variant with `for each database`)', () => {
    it('per database and month: its downtime over its deployed minutes; a database not deployed in a month has no data', async () => {
        const text = fs.readFileSync(file, 'utf8').replace(
            'objective MonthlyUptime >= 99.99% per calendar month',
            'objective MonthlyUptime >= 99.99% per calendar month\n        objective MonthlyUptime >= 99.99% per calendar month for each database'
        );
        const { diagnostics, report } = await evaluateExampleCopy(path.dirname(file), 'azure-sql-database.sla', text, OPTIONS);
        expect(diagnostics.filter((d) => d.severity === 1 || d.severity === 2)).toEqual([]);
        const each = report.objectives.find((objective) => objective.scope === 'database')!;
        const values = Object.fromEntries(each.windows.map((w) => [`${w.scopeValue} ${w.start.slice(0, 7)}`, w.value]));
        expect(values).toEqual({
            // analytics: created 21 Feb → 8 days = 11,520 minutes in February, 40 down; March 44,640, 420 down.
            'analytics 2026-01': null,
            'analytics 2026-02': (11_520 - 40) / 11_520,
            'analytics 2026-03': (44_640 - 420) / 44_640,
            // orders: deployed all along; 5, 20 and 540 minutes down.
            'orders 2026-01': (44_640 - 5) / 44_640,
            'orders 2026-02': (40_320 - 20) / 40_320,
            'orders 2026-03': (44_640 - 540) / 44_640,
            // reporting: deleted 15 Feb → 14 days = 20,160 minutes in February, 60 + 30 down; none in March.
            'reporting 2026-01': (44_640 - 3) / 44_640,
            'reporting 2026-02': (20_160 - 90) / 20_160,
            'reporting 2026-03': null
        });
    });
});
