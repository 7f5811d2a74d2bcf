// `sla export openslo` of targets per plan (`plans`, `plan`, `by plan { … }`, credit tables per plan,
// language reference § 9.2, § 12.3): an OpenSLO SLO has one target, the rest travels in annotations; and back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';
import { modelOf, promises } from './agreement-promises.js';
import { problemsOf } from './openslo-v1-rules.js';

type Json = Record<string, any>;

const PERIOD = ['--from', '2026-01-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z'];

/**
 * A hosting agreement sold in two plans, Gold and Silver, over outages in January (2 hours: 99.73 %),
 * February (8 hours: 98.81 %) and March (1 hour: 99.87 %), each row naming its plan (`tier`);
 * `head` says which plan applies, `members` come after the KPI.
 */
function plansFile(label: string, head: string, members: string): string {
    const folder = temporaryFolder(label);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), [
        'started,resolved,tier',
        '2026-01-10T10:00:00Z,2026-01-10T12:00:00Z,Silver',
        '2026-02-05T00:00:00Z,2026-02-05T08:00:00Z,Gold',
        '2026-03-03T09:00:00Z,2026-03-03T10:00:00Z,Silver',
        ''
    ].join('\n'));
    const file = path.join(folder, 'hosting.sla');
    fs.writeFileSync(file, `agreement Hosting "Hosting in plans" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    plans Gold "Gold support", Silver "Silver support"
${head}
    dataset incidents "Outages" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
        tier     one of "Gold", "Silver"
        complete to 2026-03-31
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
${members}}
`);
    expect(runSla(['validate', file]).stdout).toBe('No problems found in 1 file.\n');
    return file;
}

const BY_PLAN = `    objective Uptime by plan {
        Gold: >= 99.9%,
        Silver: >= 99.5%
    } per calendar month
    credit for Uptime per calendar month, capped at 50% of fee {
        plan Gold {
            below 99.9% : 10% of fee
        }
        plan Silver {
            at least 99.0% and below 99.5% : 5% of fee
            below 99.0% : 20% of fee
        }
    }
`;

function exported(file: string): { folder: string; objects: Json[]; stderr: string } {
    const folder = path.join(path.dirname(file), 'openslo');
    const result = runSla(['export', 'openslo', file, '--out', folder]);
    expect(result.code, result.stderr).toBe(0);
    const objects = fs.readdirSync(folder).sort().map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
    expect(problemsOf(objects)).toEqual([]);
    return { folder, objects, stderr: result.stderr };
}

function imported(folder: string, file: string): { text: string; stderr: string } {
    const back = path.join(path.dirname(file), 'imported.sla');
    const result = runSla(['import', 'openslo', folder, '--out', back]);
    expect(result.code, result.stderr).toBe(0);
    return { text: fs.readFileSync(back, 'utf8'), stderr: result.stderr };
}

/** Each objective's windows and each credit's amounts, as `sla evaluate` reports them. */
function outcome(file: string) {
    const report = JSON.parse(runSla(['evaluate', file, ...PERIOD, '--format', 'json']).stdout);
    return {
        objectives: report.objectives.map((o: Json) => [o.kpiKey, o.plan, o.comparison, o.target, o.status, o.windows.map((w: Json) => [w.scopeValue, w.value, w.status])]),
        credits: report.credits.map((c: Json) => [c.kpiKey, c.plan, c.total, c.windows.map((w: Json) => w.amount)])
    };
}

describe('sla export openslo: targets per plan', () => {
    test('under `plan Silver` the SLO has Silver\'s target; the plans, the lines per plan and the credit tables travel and come back', async () => {
        const file = plansFile('openslo-plan', '    plan Silver', `${BY_PLAN}    internal target Uptime >= 99.95% per calendar month owner "Platform team"
`);
        const { folder, objects, stderr } = exported(file);
        const slos = objects.filter(o => o.kind === 'SLO');
        const slo = slos.find(o => o.metadata.labels['sla-commitment'] === 'contractual')!;
        expect(slo.spec.objectives[0].targetPercent).toBe(99.5);
        expect(slo.metadata.annotations['sla-language/target-plan']).toBe('Silver');
        expect(slo.metadata.annotations['sla-language/by-plan']).toBe('by plan {\n    Gold: >= 99.9%,\n    Silver: >= 99.5%\n}');
        expect(slo.metadata.annotations['sla-language/credit']).toContain('plan Silver {\n        at least 99.0% and below 99.5% : 5% of fee');
        const service = objects.find(o => o.kind === 'Service')!;
        expect(service.metadata.annotations['sla-language/plans']).toBe('plans Gold "Gold support", Silver "Silver support"');
        expect(service.metadata.annotations['sla-language/plan']).toBe('plan Silver');
        expect(stderr).toContain('warning: Uptime per calendar month by plan { … }: an OpenSLO SLO has one target; exported with the line of the plan in effect (Silver >= 99.5%), the targets per plan carried in sla-language/by-plan');
        expect(stderr).toContain('warning: plans (Gold, Silver): OpenSLO has no plans; carried in sla-language/plans, the plan in effect: \'plan Silver\' in sla-language/plan');
        expect(stderr).not.toContain('not exported');
        // A target of its own (the internal target): exported as before, nothing about plans on it.
        const internal = slos.find(o => o.metadata.labels['sla-commitment'] === 'internal')!;
        expect(internal.spec.objectives[0].targetPercent).toBe(99.95);
        expect(Object.keys(internal.metadata.annotations).filter(key => key.includes('plan'))).toEqual([]);

        const { text } = imported(folder, file);
        expect(text).toContain('    plans Gold "Gold support", Silver "Silver support"\n    plan Silver\n');
        expect(text).toContain('    objective Uptime by plan {\n        Gold: >= 99.9%,\n        Silver: >= 99.5%\n    } per calendar month\n');
        const back = path.join(path.dirname(file), 'imported.sla');
        expect(runSla(['validate', back]).stdout).toBe('No problems found in 1 file.\n');
        expect(promises(await modelOf(back))).toEqual(promises(await modelOf(file)));
        const before = outcome(file);
        // Silver: January met (99.73 %), February 20 % of the fee (98.81 %), March met.
        expect(before.credits).toEqual([['Uptime', 'Silver', 200, [0, 200, 0]]]);
        expect(outcome(back)).toEqual(before);
    }, 60_000);

    test('a service\'s own `plan Gold` comes back in the service; a `none` line under the plan in effect is no SLO, said so', async () => {
        const file = plansFile('openslo-service-plan', '    plan Silver', `    service Mail "Mail" {
        plan Gold
        kpi MailUptime "Mail uptime" = uptime(incidents, from started to resolved)
${BY_PLAN.replace(/Uptime/g, 'MailUptime').replace(/^/gm, '    ').replace(/^ +$/gm, '')}    }
    objective Uptime by plan { Gold: >= 99.0%, Silver: none } per calendar quarter
`);
        const { folder, objects, stderr } = exported(file);
        const slos = objects.filter(o => o.kind === 'SLO');
        expect(slos.map(o => [o.metadata.name, o.spec.objectives[0].targetPercent, o.metadata.annotations['sla-language/target-plan']])).toEqual([['mail-mail-uptime-month', 99.9, 'Gold']]);
        expect(objects.find(o => o.kind === 'Service' && o.metadata.name === 'mail')!.metadata.annotations['sla-language/service-plan']).toBe('plan Gold');
        expect(stderr).toContain('warning: objective Uptime by plan { Gold: >= 99.0%, Silver: none } per calendar quarter: not exported: under the plan in effect, Silver, it promises nothing (\'Silver: none\')');
        const { text } = imported(folder, file);
        expect(text).toMatch(/ {4}service Mail "Mail" \{\n(?:.*\n)*? {8}plan Gold\n/);
        const back = path.join(path.dirname(file), 'imported.sla');
        expect(promises(await modelOf(back))).toEqual(promises(await modelOf(file)));
        expect(outcome(back)).toEqual(outcome(file));
    }, 60_000);

    test('under `plan from tier` one SLO per plan with a target, each with its plan\'s target; the import writes the statement once', async () => {
        const file = plansFile('openslo-plan-from', '    plan from tier', BY_PLAN);
        const { folder, objects, stderr } = exported(file);
        const slos = objects.filter(o => o.kind === 'SLO');
        expect(slos.map(o => [o.metadata.name, o.spec.objectives[0].targetPercent, o.metadata.annotations['sla-language/target-plan']])).toEqual([
            ['hosting-uptime-month-gold', 99.9, 'Gold'],
            ['hosting-uptime-month-silver', 99.5, 'Silver']
        ]);
        // One SLI: OpenSLO has no rows per plan, the query reads every plan's rows.
        expect(new Set(slos.map(o => o.spec.indicatorRef)).size).toBe(1);
        expect(objects.find(o => o.kind === 'Service')!.metadata.annotations['sla-language/plan']).toBe('plan from tier');
        // The credit once, on the first plan's SLO.
        expect(slos.map(o => o.metadata.annotations['sla-language/credit'] !== undefined)).toEqual([true, false]);
        expect(stderr).toContain('warning: Uptime per calendar month by plan { … } with plan from tier: an OpenSLO SLO has one target; one SLO per plan with a target (Gold >= 99.9%, Silver >= 99.5%), its plan in sla-language/target-plan; OpenSLO has no rows per plan: the queries read every plan\'s rows, the plan\'s rows are chosen again on import');

        const { text } = imported(folder, file);
        expect(text.match(/objective Uptime by plan/g)).toHaveLength(1);
        const back = path.join(path.dirname(file), 'imported.sla');
        expect(runSla(['validate', back]).stdout).toBe('No problems found in 1 file.\n');
        expect(promises(await modelOf(back))).toEqual(promises(await modelOf(file)));
        const before = outcome(file);
        // Gold's rows: February breached (10 %); Silver's: January and March met.
        expect(before.credits).toEqual([['Uptime', 'Gold', 100, [0, 100, 0]], ['Uptime', 'Silver', 0, [0, 0, 0]]]);
        expect(outcome(back)).toEqual(before);
    }, 60_000);

    test('import: a plan\'s SLO changed by hand changes its line (said so); a plan the lines do not name is refused', () => {
        const file = plansFile('openslo-plan-edit', '    plan from tier', BY_PLAN);
        const { folder } = exported(file);
        const silver = path.join(folder, 'slo-hosting-uptime-month-silver.yaml');
        const original = fs.readFileSync(silver, 'utf8');
        fs.writeFileSync(silver, original.replace('targetPercent: 99.5', 'targetPercent: 99.7'));
        const { text, stderr } = imported(folder, file);
        expect(text).toContain('    objective Uptime by plan {\n        Gold: >= 99.9%,\n        Silver: >= 99.7%\n    } per calendar month\n');
        expect(stderr).toContain("SLO hosting-uptime-month-silver: the plan Silver's line in sla-language/by-plan was '>= 99.5%', its objective says >= 99.7%: written as the objective says.");

        fs.writeFileSync(silver, original.replace('sla-language/target-plan: Silver', 'sla-language/target-plan: Bronze'));
        const refused = runSla(['import', 'openslo', folder]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain("SLO hosting-uptime-month-silver: the annotation sla-language/target-plan names the plan Bronze, which has no line in sla-language/by-plan: add 'Bronze: >= 99.5%' to it.");
    }, 60_000);
});
