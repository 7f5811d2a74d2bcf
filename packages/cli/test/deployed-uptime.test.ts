import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectValidReport } from './json-schema-check.js';
import { runSla, temporaryFolder } from './run-cli.js';

/**
 * `uptime(…, deployed in deployments by database from created to deleted)` from the command line:
 * Azure SQL Database's "Maximum Available Minutes is the total accumulated minutes during a billing
 * month for all databases deployed", each database counted only while deployed.
 * April 2026 (UTC): 30 days = 43,200 minutes. db1 deployed all April, down 60 minutes; db2 created
 * 21 April (10 days = 14,400 minutes), down 60 minutes; db3 is in no deployment, down 60 minutes.
 */
function databases(): string {
    const folder = temporaryFolder('deployed');
    fs.writeFileSync(path.join(folder, 'outages.csv'), [
        'database,started,ended',
        'db1,2026-04-10T10:00:00Z,2026-04-10T11:00:00Z',
        'db2,2026-04-25T10:00:00Z,2026-04-25T11:00:00Z',
        'db3,2026-04-12T10:00:00Z,2026-04-12T11:00:00Z'
    ].join('\n') + '\n');
    fs.writeFileSync(path.join(folder, 'deployments.csv'), ['database,created,deleted', 'db1,2026-04-01T00:00:00Z,', 'db2,2026-04-21T00:00:00Z,'].join('\n') + '\n');
    const file = path.join(folder, 'databases.sla');
    fs.writeFileSync(file, `agreement AzureSql "Azure SQL Database" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-04-30
    timezone "UTC"
    fee 57600 EUR per calendar month

    dataset outages "Database outages" from "outages.csv" {
        database text
        started  timestamp
        ended    timestamp optional
    }

    dataset deployments "One row per deployment of a database" from "deployments.csv" {
        database text
        created  timestamp
        deleted  timestamp optional
    }

    kpi Availability "Monthly uptime of the databases deployed" =
        uptime(outages, from started to ended, deployed in deployments by database from created to deleted)
    objective Availability >= 99.99% per calendar month
    objective Availability >= 99.99% per calendar month for each database

    // Each minute down of the Maximum Available Minutes pays its share of the fee.
    credit for Availability per calendar month {
        below 100% : downtime / eligible * fee
    }
}
`);
    return file;
}

type Json = Record<string, any>;

function evaluate(file: string, extra: string[] = []): Json {
    const result = runSla(['evaluate', file, '--format', 'json', '--now', '2026-06-01T00:00:00Z', ...extra]);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as Json;
}

const rounded = (value: number | null) => (value === null ? null : Number((value * 100).toFixed(4)));

describe('sla evaluate: uptime over each database\'s deployed time', () => {
    const file = databases();

    test.each([[[]], [['--engine', 'duckdb']]])('%j: summed, per database, the note and the credit formula\'s eligible and downtime', (extra) => {
        const report = evaluate(file, extra);
        expectValidReport(report);
        const [all, each] = report.objectives as Json[];
        // March: no database deployed → no data. April: (57,600 − 120) / 57,600 = 99.7917 %.
        expect(all!.windows.map((w: Json) => [w.status, rounded(w.value)])).toEqual([['no data', null], ['breached', 99.7917]]);
        expect(all!.windows[1].notDeployed).toEqual({ outageMs: 3_600_000, resources: ['db3'] });
        // db1: 43,140 / 43,200 = 99.8611 %; db2: 14,340 / 14,400 = 99.5833 % (not 99.8611 %); db3: no data.
        const april = Object.fromEntries(each!.windows.filter((w: Json) => w.start.startsWith('2026-04')).map((w: Json) => [w.scopeValue, rounded(w.value)]));
        expect(april).toEqual({ db1: 99.8611, db2: 99.5833, db3: null });
        expect(report.notes).toContain("Availability: 1 h of outages in 1 window(s) are of database db3 while the inventory 'deployments' lists no deployment of it: not downtime, and not in the value. Add the deployment to the inventory 'deployments' if it was deployed.");
        // The credit: downtime / eligible × fee = 120 / 57,600 × 57,600 EUR = 120 EUR; eligible is Σ of the databases'
        // deployed minutes (57,600 = 3,456,000,000 ms), downtime Σ of their downtime (120 minutes = 7,200,000 ms).
        const credit = report.credits[0].windows.find((w: Json) => w.start.startsWith('2026-04'));
        expect(credit.amount).toBe(120);
        expect(credit.formula).toEqual({ text: 'downtime / eligible * fee', downtimeMs: 7_200_000, eligibleMs: 3_456_000_000 });
        if (extra.length > 0) expect(report.engines.datasets.map((d: Json) => d.mode)).toEqual(['pulled', 'pulled']);
    });

    test('the table report says it in the window', () => {
        const result = runSla(['evaluate', file, '--now', '2026-06-01T00:00:00Z']);
        expect(result.stdout).toContain('not deployed, no downtime: 1 h of outages');
    });
});
