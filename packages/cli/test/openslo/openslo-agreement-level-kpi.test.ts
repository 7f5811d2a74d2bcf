// `sla export openslo` then `sla import openslo` of a KPI declared at the agreement's level and measured by
// objectives inside services: it comes back at the agreement's level, once (`Uptime`, not `Mail.Uptime` and
// `Web.Uptime`), so that every service's objective on it still reads the one KPI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';
import { modelOf, promises } from './agreement-promises.js';

type Json = Record<string, any>;

const PERIOD = ['--from', '2026-01-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z'];

/** A hosting agreement over an incident register (Mail down 2 hours in February, Web 10 minutes in March), `members` after it. */
function agreementFile(label: string, members: string): string {
    const folder = temporaryFolder(label);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), [
        'service,started,resolved',
        'Mail,2026-02-03T10:00:00Z,2026-02-03T12:00:00Z',
        'Web,2026-03-05T10:00:00Z,2026-03-05T10:10:00Z'
    ].join('\n') + '\n');
    const file = path.join(folder, 'hosting.sla');
    fs.writeFileSync(file, `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset incidents "Outages" from "incidents.csv" {
        service text
        started timestamp
        resolved timestamp optional
    }
${members}}
`);
    return file;
}

/** `file` exported into a folder beside it, then imported back beside it (the same data). */
function roundTrip(file: string): { imported: string; objects: Json[] } {
    const folder = path.join(path.dirname(file), 'openslo');
    const exported = runSla(['export', 'openslo', file, '--out', folder]);
    expect(exported.code, exported.stderr).toBe(0);
    const imported = path.join(path.dirname(file), 'imported.sla');
    const result = runSla(['import', 'openslo', folder, '--out', imported]);
    expect(result.code, result.stderr).toBe(0);
    const objects = fs.readdirSync(folder).sort().map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
    return { imported, objects };
}

/** Each objective's KPI key, status and windows (value, status), as `sla evaluate` reports them. */
function outcome(file: string): string[] {
    const result = runSla(['evaluate', file, ...PERIOD, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    return report.objectives.map((o: Json) => JSON.stringify([o.service, o.kpiKey, o.comparison, o.target, o.window, o.status, o.windows.map((w: Json) => [w.value, w.status])])).sort();
}

async function expectSamePromises(file: string, imported: string): Promise<void> {
    expect(runSla(['validate', imported]).stdout).toContain('No problems found');
    const original = promises(await modelOf(file));
    expect(original.length).toBeGreaterThan(0);
    expect(promises(await modelOf(imported))).toEqual(original);
    expect(outcome(imported)).toEqual(outcome(file));
}

const AGREEMENT_KPI = `
    kpi Uptime = uptime(incidents, from started to resolved)
`;

describe('OpenSLO round trip of an agreement-level KPI used by objectives inside services', () => {
    test('one service: the KPI comes back at the agreement\'s level, its key Uptime (not Mail.Uptime)', async () => {
        const file = agreementFile('openslo-agreement-kpi-one', `${AGREEMENT_KPI}
    service Mail {
        objective Uptime >= 99.9% per calendar month
    }
`);
        const { imported, objects } = roundTrip(file);
        const sli = objects.find(o => o.kind === 'SLI')!;
        expect(sli.metadata.annotations['sla-language/kpi-agreement-level']).toBe('true');
        expect(sli.metadata.annotations['sla-language/kpi-service']).toBeUndefined();
        const text = fs.readFileSync(imported, 'utf8');
        expect(text).toMatch(/^ {4}kpi Uptime =/m);
        expect(text).not.toMatch(/^ {8}kpi Uptime/m);
        await expectSamePromises(file, imported);
        // Breached in February (2 hours down: 99.70 %), as before.
        expect(outcome(imported).map(line => JSON.parse(line)).map(([service, kpiKey, , , , status]) => [service, kpiKey, status])).toEqual([['Mail', 'Uptime', 'breached']]);
    }, 60_000);

    test('two services: one KPI at the agreement\'s level, each objective in its service', async () => {
        const file = agreementFile('openslo-agreement-kpi-two', `${AGREEMENT_KPI}
    service Mail {
        objective Uptime >= 99.9% per calendar month
    }

    service Web {
        objective Uptime >= 99.5% per calendar month
    }
`);
        const { imported, objects } = roundTrip(file);
        // One SLI for the one KPI, both SLOs on it.
        expect(objects.filter(o => o.kind === 'SLI')).toHaveLength(1);
        const text = fs.readFileSync(imported, 'utf8');
        expect(text.match(/\bkpi Uptime\b/g)).toHaveLength(1);
        expect(text).toMatch(/^ {4}kpi Uptime =/m);
        await expectSamePromises(file, imported);
        expect(outcome(imported).map(line => JSON.parse(line).slice(0, 2))).toEqual([['Mail', 'Uptime'], ['Web', 'Uptime']]);
    }, 60_000);

    test('the ordinary case is unaffected: a KPI inside its own service comes back there (Mail.Uptime)', async () => {
        const file = agreementFile('openslo-service-kpi', `
    service Mail {
        kpi Uptime = uptime(incidents where service = "Mail", from started to resolved)
        objective Uptime >= 99.9% per calendar month
    }

    service Web {
        kpi Uptime = uptime(incidents where service = "Web", from started to resolved)
        objective Uptime >= 99.5% per calendar month
    }
`);
        const { imported, objects } = roundTrip(file);
        for (const sli of objects.filter(o => o.kind === 'SLI')) {
            expect(sli.metadata.annotations['sla-language/kpi-agreement-level']).toBeUndefined();
        }
        expect(fs.readFileSync(imported, 'utf8')).not.toMatch(/^ {4}kpi Uptime/m);
        await expectSamePromises(file, imported);
        expect(outcome(imported).map(line => JSON.parse(line).slice(0, 2))).toEqual([['Mail', 'Mail.Uptime'], ['Web', 'Web.Uptime']]);
    }, 60_000);
});
