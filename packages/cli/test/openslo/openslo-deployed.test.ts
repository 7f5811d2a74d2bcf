import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';
import { problemsOf } from './openslo-v1-rules.js';

type Json = Record<string, any>;

const UPTIME = 'uptime(outages, from started to ended, deployed in deployments by database from created to deleted)';

/** Databases measured while deployed (Azure SQL Database), with empty data files. */
function agreementFile(): string {
    const folder = temporaryFolder('openslo-deployed');
    fs.writeFileSync(path.join(folder, 'outages.csv'), 'database,started,ended\n');
    fs.writeFileSync(path.join(folder, 'deployments.csv'), 'database,created,deleted\n');
    const file = path.join(folder, 'databases.sla');
    fs.writeFileSync(file, `agreement AzureSql "Azure SQL Database" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

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

    kpi Availability "Monthly uptime" = ${UPTIME}
    objective Availability >= 99.99% per calendar month
}
`);
    return file;
}

describe('sla export openslo: an uptime over each resource\'s deployed time', () => {
    test('is the KPI\'s value over the window (not minute slices of "the service up"), with the inventory as a DataSource, and comes back', () => {
        const file = agreementFile();
        const folder = path.join(path.dirname(file), 'openslo');
        const exported = runSla(['export', 'openslo', file, '--out', folder]);
        expect(exported.code, exported.stderr).toBe(0);
        // One database down of ten makes a minute "down" in one-minute slices; the value summed over deployed time does not.
        expect(exported.stderr).toContain('uptime(…, deployed in …) sums the deployed time of every resource, which minute slices cannot say');
        const objects = fs.readdirSync(folder).sort().map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
        expect(problemsOf(objects)).toEqual([]);
        const slo = objects.find(o => o.kind === 'SLO')!;
        expect(slo.spec.budgetingMethod).toBe('Timeslices');
        expect(slo.spec.objectives[0]).toMatchObject({ op: 'gte', value: 0.9999, timeSliceWindow: '1M' });
        expect(objects.find(o => o.kind === 'SLI')!.spec.thresholdMetric.metricSource.spec.query).toBe(UPTIME);
        // `deployed in deployments` names its inventory without a reference: declared all the same.
        expect(objects.filter(o => o.kind === 'DataSource').map(o => o.metadata.displayName).sort()).toEqual(['deployments', 'outages']);

        const back = path.join(path.dirname(file), 'imported.sla');
        const imported = runSla(['import', 'openslo', folder, '--out', back]);
        expect(imported.code, imported.stderr).toBe(0);
        const text = fs.readFileSync(back, 'utf8');
        expect(text).toContain(UPTIME);
        expect(text).toMatch(/^ {4}dataset deployments /m);
        expect(runSla(['validate', back]).code).toBe(0);
    });
});
