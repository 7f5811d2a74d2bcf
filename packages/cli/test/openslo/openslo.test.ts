import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { root, runSla, temporaryFolder } from '../run-cli.js';
import { modelOf, promises } from './agreement-promises.js';
import { problemsOf } from './openslo-v1-rules.js';

type Json = Record<string, any>;

/** The examples with data, and the client agreements of the provider library (their datasets are imported). */
const AGREEMENTS = [
    'examples/managed-hosting/acme-hosting.sla',
    'examples/object-storage/nimbus-object-storage.sla',
    'examples/service-desk/helix-service-desk.sla',
    'examples/provider-library/client-fabrikam.sla',
    'examples/provider-library/client-northwind.sla',
    // A promise over the term: its first target exported, the term annotated and imported back.
    'examples/glide-path/iberia-service-desk.sla',
    // Expected and Minimum Service Levels, credits upon a default, a termination right on defaults.
    'examples/service-level-defaults/bayside-health-infrastructure.sla',
    // Continuous Improvement: the rule annotated with the term and imported back.
    'examples/continuous-improvement/thames-council-hosting.sla',
    // A maintenance listed in data (`periods(changes, …)`): its dataset is read by no SLI, declared as a DataSource all the same.
    'examples/announced-maintenance/harbour-hosting.sla',
    // Pauses of the clock read from a dataset of their own (`waits`), also read by no SLI.
    'examples/paris-erp/paris-erp.sla',
    // An inventory read through `across zone of deployments` (a name, not a reference), and a KPI
    // (ErrorRate) that another KPI of its service reads: both come back, the KPI in its service.
    'examples/public-slas/google-compute-engine/google-compute-engine.sla',
    // An at-risk amount (a cap on all credits together) that cuts the credit written second: the
    // folder lists `desk` before `platform`, the credits must come back in the order written.
    'examples/at-risk-amount/lakeside-workplace.sla'
];

/** Client agreements of a template (language reference § 18): exported as they resolve, the client scope with them. */
const CLIENTS = [
    'examples/portfolio/adatum.sla',
    // A service of its own beside the template's.
    'examples/portfolio/litware.sla',
    // Its own credit tiers in place of the template's.
    'examples/portfolio/wingtip.sla'
];

function exported(file: string): { folder: string; objects: Json[]; stderr: string } {
    const folder = temporaryFolder('openslo');
    const result = runSla(['export', 'openslo', file, '--out', folder]);
    expect(result.code, result.stderr).toBe(0);
    const objects = fs.readdirSync(folder).sort().map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
    return { folder, objects, stderr: result.stderr };
}

/**
 * Writes a hosting agreement (UTC, valid `validity`, over an empty `incidents.csv` with `started`,
 * `resolved` and the `fields` given) with `members` after its dataset, in a folder of its own.
 */
function hostingFile(label: string, members: string, options: { head?: string; fields?: string; validity?: string } = {}): string {
    const folder = temporaryFolder(label);
    const extra = (options.fields ?? '').split('\n').filter(line => line !== '');
    fs.writeFileSync(path.join(folder, 'incidents.csv'), ['started', 'resolved', ...extra.map(line => line.trim().split(' ')[0])].join(',') + '\n');
    const file = path.join(folder, 'hosting.sla');
    fs.writeFileSync(file, `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from ${options.validity ?? '2026-01-01 to 2026-12-31'}
    timezone "UTC"
${options.head ?? ''}    dataset incidents "Outages" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
${extra.map(line => `        ${line.trim()}\n`).join('')}    }
${members}}
`);
    return file;
}

describe('sla export openslo', () => {
    test.each(AGREEMENTS)('%s: every document conforms to the OpenSLO v1 field rules', (file) => {
        const { objects } = exported(file);
        expect(objects.length).toBeGreaterThan(3);
        expect(problemsOf(objects)).toEqual([]);
        expect(new Set(objects.map(o => o.kind))).toEqual(new Set(['Service', 'SLO', 'SLI', 'DataSource']));
    });

    test('the validator itself rejects what the spec forbids', () => {
        const good = exported('examples/managed-hosting/acme-hosting.sla').objects;
        const broken = structuredClone(good);
        const slo = broken.find(o => o.kind === 'SLO')!;
        slo.metadata.name = 'Web_Shop';
        slo.spec.objectives[0].target = 1;
        slo.spec.timeWindow[0].duration = '30 days';
        delete slo.spec.budgetingMethod;
        const sli = broken.find(o => o.kind === 'SLI')!;
        sli.spec.ratioMetric = { total: {} };
        expect(problemsOf(broken)).toEqual(expect.arrayContaining([
            expect.stringContaining('RFC 1123'),
            expect.stringContaining('duration-shorthand'),
            expect.stringContaining('budgetingMethod must be'),
            expect.stringContaining('exactly one of thresholdMetric and ratioMetric')
        ]));
    });

    test('acme-hosting: each KPI in the OpenSLO form that says it, windows with the agreement zone, contractual vs internal', () => {
        const { objects, stderr } = exported('examples/managed-hosting/acme-hosting.sla');
        const slo = (name: string) => objects.find(o => o.kind === 'SLO' && o.metadata.name === name)!;
        const sliOf = (s: Json) => objects.find(o => o.kind === 'SLI' && o.metadata.name === s.spec.indicatorRef)!;

        // ErrorRate < 0.5% per rolling 7 days: a ratio of counts, bad over total; 100 − 0.5 = 99.5 % good.
        const errors = slo('web-shop-error-rate-rolling-7-days');
        expect(errors.spec.budgetingMethod).toBe('Occurrences');
        expect(errors.spec.timeWindow).toEqual([{ duration: '7d', isRolling: true }]);
        expect(errors.spec.objectives[0].targetPercent).toBe(99.5);
        expect(sliOf(errors).spec.ratioMetric.bad.metricSource.spec.query).toBe('count(requests where service = "webshop" and status >= 500)');
        expect(sliOf(errors).spec.ratioMetric.total.metricSource.metricSourceRef).toBe('requests-data');
        // `<` is stricter than OpenSLO's "at least": carried, and said.
        expect(errors.metadata.annotations['sla-language/comparison']).toBe('<');

        // P95Latency <= 300 ms: at least 95 % of the values within 300 (nearest rank).
        const latency = slo('web-shop-p95-latency-month');
        expect(latency.spec.budgetingMethod).toBe('Occurrences');
        expect(latency.spec.objectives[0]).toMatchObject({ op: 'lte', value: 300, target: 0.95 });
        expect(latency.metadata.annotations['sla-language/unit']).toBe('ms');
        expect(latency.spec.timeWindow).toEqual([{ duration: '1M', isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'Europe/Berlin' } }]);

        // Availability (uptime) >= 99.9%: time slices of a minute.
        const availability = slo('web-shop-availability-month');
        expect(availability.spec.budgetingMethod).toBe('Timeslices');
        expect(availability.spec.objectives[0]).toMatchObject({ op: 'gte', value: 1, timeSliceTarget: 1, timeSliceWindow: '1m', targetPercent: 99.9 });
        expect(availability.metadata.labels['sla-commitment']).toBe('contractual');
        // The credit tiers and cap travel with it.
        expect(availability.metadata.annotations['sla-language/credit']).toContain('below 99.9% : 10% of fee');
        const internal = slo('internal-acme-hosting-availability-month');
        expect(internal.metadata.labels['sla-commitment']).toBe('internal');
        expect(internal.metadata.annotations['sla-language/owner']).toBe('Platform team');
        expect(sliOf(internal).metadata.annotations['sla-language/maintenance.Patching']).toContain('every sunday 02:00 to 04:00');

        // What OpenSLO cannot say is listed.
        for (const term of ['credits and caps', 'maintenance Patching', 'business calendar SupportHours', 'parties', 'validity']) {
            expect(stderr).toContain(`warning: ${term}`);
        }
    });

    test('exclusions, termination rights and a cap on all credits, which OpenSLO cannot say, travel as annotations and are listed', () => {
        const file = hostingFile('openslo-terms', `    exclusion CustomerCaused "Outages the customer caused" = incidents where cause = "customer"
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month
    termination ChronicFailure "Three months in a row" when Uptime is breached in 3 consecutive windows, notice within 60 days
`, { head: '    fee 10000 EUR per calendar month\n    credits capped at 12% of fee per calendar month\n', fields: 'cause one of "provider", "customer"' });
        const { objects, stderr } = exported(file);
        const service = objects.find(o => o.kind === 'Service')!;
        expect(service.metadata.annotations['sla-language/exclusions']).toBe('exclusion CustomerCaused "Outages the customer caused" = incidents where cause = "customer"');
        expect(service.metadata.annotations['sla-language/terminations']).toBe('termination ChronicFailure "Three months in a row" when Uptime is breached in 3 consecutive windows, notice within 60 days');
        expect(stderr).toContain('warning: exclusions (1): OpenSLO has no exclusions; carried in sla-language/exclusions, not applied to the exported SLIs');
        expect(stderr).toContain('warning: termination rights (1): OpenSLO has none; carried in sla-language/terminations');
        expect(service.metadata.annotations['sla-language/credits-cap']).toBe('credits capped at 12% of fee per calendar month');
        expect(stderr).toContain('warning: the cap on all credits together: OpenSLO has no service credits; carried in sla-language/credits-cap');
    });

    test('a promise over the term: the objective\'s first target is exported, the term travels as an annotation and is listed', () => {
        const file = hostingFile('openslo-schedule', `    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.5% per calendar month from 2026-04-01, >= 99.7% from 2027-01-01
`, { validity: '2026-01-01 to 2027-12-31' });
        const { objects, stderr } = exported(file);
        const slo = objects.find(o => o.kind === 'SLO')!;
        expect(slo.spec.objectives[0]).toMatchObject({ targetPercent: 99.5 });
        expect(slo.metadata.annotations['sla-language/term']).toBe('from 2026-04-01, >= 99.7% from 2027-01-01');
        expect(stderr).toContain('warning: Uptime from 2026-04-01, >= 99.7% from 2027-01-01: an OpenSLO SLO has one target for all time; exported with >= 99.5%, the term carried in sla-language/term');
        expect(problemsOf(objects)).toEqual([]);
    });

    test('Service Level Defaults travel with the term as an annotation, are listed, and come back', async () => {
        const file = hostingFile('openslo-defaults', `    fee 10000 EUR per calendar month
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 12 consecutive windows
    credit for Uptime per calendar month, capped at 20% of fee {
        missed : 2% of fee
        default : 10% of fee
    }
`);
        const { folder, objects, stderr } = exported(file);
        const slo = objects.find(o => o.kind === 'SLO')!;
        expect(slo.spec.objectives[0]).toMatchObject({ targetPercent: 99.9 });
        expect(slo.metadata.annotations['sla-language/term']).toBe('minimum 99.5%, default when breached in 3 of any 12 consecutive windows');
        expect(stderr).toContain('warning: Uptime minimum 99.5%, default when breached in 3 of any 12 consecutive windows: OpenSLO has no minimum service level or Service Level Defaults; carried in sla-language/term');
        expect(stderr).not.toContain('one target for all time');
        expect(problemsOf(objects)).toEqual([]);
        const back = path.join(temporaryFolder('openslo-defaults-back'), 'hosting.sla');
        const imported = runSla(['import', 'openslo', folder, '--out', back]);
        expect(imported.code, imported.stderr).toBe(0);
        const [before, after] = [await modelOf(file), await modelOf(back)];
        expect(after.objectives[0]).toMatchObject({ target: 0.999, minimum: 0.995, defaultRule: { breached: 3, span: 12 } });
        expect(after.credits[0]!.tiers.map(tier => tier.label)).toEqual(before.credits[0]!.tiers.map(tier => tier.label));
    });

    test('Continuous Improvement travels with the term as an annotation, is listed, and comes back', async () => {
        const file = hostingFile('openslo-improvement', `    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.5% per calendar month, minimum 99%, improved yearly to the mean of the best 6 windows by at most 0.2%
`, { validity: '2026-01-01 to 2027-12-31' });
        const { folder, objects, stderr } = exported(file);
        const slo = objects.find(o => o.kind === 'SLO')!;
        expect(slo.spec.objectives[0]).toMatchObject({ targetPercent: 99.5 });
        expect(slo.metadata.annotations['sla-language/term']).toBe('minimum 99%, improved yearly to the mean of the best 6 windows by at most 0.2%');
        expect(stderr).toContain('warning: Uptime improved yearly to the mean of the best 6 windows by at most 0.2%: an OpenSLO SLO has one target for all time; exported with >= 99.5%, the improvement carried in sla-language/term');
        expect(problemsOf(objects)).toEqual([]);
        const back = path.join(temporaryFolder('openslo-improvement-back'), 'hosting.sla');
        const imported = runSla(['import', 'openslo', folder, '--out', back]);
        expect(imported.code, imported.stderr).toBe(0);
        expect((await modelOf(back)).objectives[0]).toMatchObject({ target: 0.995, minimum: 0.99, improvement: { best: 6, limit: 0.002, step: 0.001 } });
    });

    test('exclusions and termination rights come back where they were: the agreement\'s in the agreement, a service\'s in its service', async () => {
        const file = hostingFile('openslo-rights', `    service Mail "Mail" {
        kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
        objective Uptime >= 99.9% per calendar month
        exclusion ThirdParty "Third-party causes" = incidents where cause = "third-party"
        termination Chronic "Three months in a row" when Uptime is breached in 3 consecutive windows, notice within 60 days
    }
    termination AnyFailure "Two failures in a row" when any objective is breached in 2 consecutive windows
`, { fields: 'cause text' });
        const { folder, objects } = exported(file);
        const service = objects.find(o => o.kind === 'Service')!;
        expect(service.metadata.annotations['sla-language/terminations']).toBe('termination AnyFailure "Two failures in a row" when any objective is breached in 2 consecutive windows\nMail: termination Chronic "Three months in a row" when Uptime is breached in 3 consecutive windows, notice within 60 days');
        expect(service.metadata.annotations['sla-language/exclusions']).toBe('Mail: exclusion ThirdParty "Third-party causes" = incidents where cause = "third-party"');
        const back = path.join(path.dirname(file), 'imported.sla');
        const imported = runSla(['import', 'openslo', folder, '--out', back]);
        expect(imported.code, imported.stderr).toBe(0);
        expect(runSla(['validate', back]).stdout).toBe('No problems found in 1 file.\n');
        const [before, after] = [await modelOf(file), await modelOf(back)];
        expect(after.terminations).toEqual(before.terminations);
        expect(after.terminations!.map(t => [t.name, t.service])).toEqual([['AnyFailure', undefined], ['Chronic', 'Mail']]);
        // The same exclusions, written a few lines further down.
        const withoutSource = (exclusions: typeof before.exclusions) => exclusions?.map(({ source: _source, ...exclusion }) => exclusion);
        expect(withoutSource(after.exclusions)).toEqual(withoutSource(before.exclusions));
    });

    test('a dataset only the fee reads, and the maintenance only an exclusion takes out, come back too', async () => {
        const file = hostingFile('openslo-fee-data', `    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month
    exclusion Planned "Planned work" during Planned
`, { head: `    fee from sum(billing.amount) of previous month
    maintenance Planned "Planned work" {
        every sunday 02:00 to 04:00
        notice 72 hours
    }
    dataset billing "Fees paid" from "billing.csv" {
        paid    timestamp
        amount  number in EUR
    }
` });
        fs.writeFileSync(path.join(path.dirname(file), 'billing.csv'), 'paid,amount\n');
        expect(runSla(['validate', file]).stdout).toBe('No problems found in 1 file.\n');
        const { folder, objects } = exported(file);
        expect(objects.filter(o => o.kind === 'DataSource').map(o => o.metadata.displayName).sort()).toEqual(['billing', 'incidents']);
        expect(objects.find(o => o.kind === 'Service')!.metadata.annotations['sla-language/maintenance.Planned']).toContain('every sunday 02:00 to 04:00');
        const back = path.join(path.dirname(file), 'imported.sla');
        const imported = runSla(['import', 'openslo', folder, '--out', back]);
        expect(imported.code, imported.stderr).toBe(0);
        expect(runSla(['validate', back]).stdout).toBe('No problems found in 1 file.\n');
        const [before, after] = [await modelOf(file), await modelOf(back)];
        expect(after.fee).toEqual(before.fee);
        expect(after.exclusions!.map(e => e.name)).toEqual(['Planned']);
    });

    test('a credit whose objective is not exported (a 100 % target) is listed as not exported, not as carried', () => {
        const file = hostingFile('openslo-lost-credit', `    fee 2000 EUR per calendar month
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 100% per calendar month
    credit for Uptime per calendar month {
        below 100% : 10% of fee
    }
`);
        const { objects, stderr } = exported(file);
        expect(objects.some(o => o.kind === 'SLO')).toBe(false);
        expect(stderr).toContain('credit for Uptime per calendar month: not exported: no exported objective on Uptime per calendar month to carry it');
        expect(stderr).not.toContain('carried in the SLO annotation sla-language/credit');
    });

    test('a fiscal quarter is a calendar-aligned quarter that starts at a fiscal quarter', () => {
        // Fiscal year from February, validity from 15 March 2026: the fiscal quarter holding it starts 1 February 2026.
        const folder = temporaryFolder('openslo-fiscal');
        fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n');
        const file = path.join(folder, 'chat.sla');
        fs.writeFileSync(file, `agreement Chat "Team chat" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2026-03-15 to 2028-01-31
    timezone "UTC"
    fiscal year from february
    dataset incidents "Outages" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.99% per fiscal quarter
    objective Uptime >= 99.9% per fiscal year
}
`);
        const { objects } = exported(file);
        const windows = objects.filter(o => o.kind === 'SLO').map(o => o.spec.timeWindow[0]);
        expect(windows).toEqual([
            { duration: '1Q', isRolling: false, calendar: { startTime: '2026-02-01 00:00:00', timeZone: 'UTC' } },
            { duration: '1Y', isRolling: false, calendar: { startTime: '2026-02-01 00:00:00', timeZone: 'UTC' } }
        ]);
    });

    test('without --out: one YAML stream on stdout that parses to the same objects', () => {
        const file = 'examples/managed-hosting/acme-hosting.sla';
        const stream = runSla(['export', 'openslo', file]);
        expect(stream.code).toBe(0);
        const objects = YAML.parseAllDocuments(stream.stdout).map(d => d.toJS() as Json);
        expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual(exported(file).objects.map(o => `${o.kind}/${o.metadata.name}`).sort());
    });

    test('a file with errors is not exported (exit 2, errors with their places)', () => {
        const folder = temporaryFolder('openslo-bad');
        fs.writeFileSync(path.join(folder, 'bad.sla'), 'agreement X {\n    valid from 2026-01-01 to 2026-12-31\n    objective Nothing >= 99% per calendar month\n}\n');
        const result = runSla(['export', 'openslo', path.join(folder, 'bad.sla')]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/bad\.sla:3:15: error: /);
        expect(result.stdout).toBe('');
    });
});

/** The period an example is evaluated over: an objective improved yearly is evaluated from the validity's first day (2025-01-01). */
const periodOf = (file: string): string[] => file.includes('continuous-improvement')
    ? ['--to', '2026-09-30', '--now', '2026-12-01T00:00:00Z']
    : ['--from', '2026-01-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z'];

describe('sla import openslo', () => {
    test.each(AGREEMENTS)('%s: export then import yields the same objectives (formula, comparison, target, window) and the same report', async (file) => {
        const { folder } = exported(file);
        // Written into a copy of the example's folder, so that the dataset paths lead to the same data.
        const copy = temporaryFolder('openslo-copy');
        fs.cpSync(path.join(root, path.dirname(file)), copy, { recursive: true });
        const imported = path.join(copy, 'imported.sla');
        try {
            const result = runSla(['import', 'openslo', folder, '--out', imported]);
            expect(result.code, result.stderr).toBe(0);
            // What validation finds is the original's (none, or an information such as a plan without a credit table), wherever it is now.
            const findings = (sla: string) => runSla(['validate', sla]).stdout.split('\n').filter(line => /:\d+:\d+: /.test(line)).map(line => line.replace(/^.*?:\d+:\d+: /, '')).sort();
            expect(findings(imported)).toEqual(findings(file));
            const original = promises(await modelOf(path.join(root, file)));
            expect(original.length).toBeGreaterThan(0);
            expect(promises(await modelOf(imported))).toEqual(original);
            // And the evaluation says the same: values, statuses, each credit's amounts (in the order written: a cap on all credits pays in it).
            const outcome = (sla: string) => {
                const report = JSON.parse(runSla(['evaluate', sla, ...periodOf(file), '--format', 'json']).stdout);
                const lines = [...report.objectives, ...report.internalTargets].map((o: Json) => JSON.stringify([o.kpiKey, o.comparison, o.target, o.window, o.status, o.windows.map((w: Json) => [w.scopeValue, w.value, w.status])]));
                return { objectives: lines.sort(), credits: report.credits.map((c: Json) => [c.kpiKey, c.total, c.windows.map((w: Json) => w.amount)]) };
            };
            expect(outcome(imported)).toEqual(outcome(file));
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    }, 60_000);

    test.each(CLIENTS)('%s: a client agreement round-trips as it resolves (the template\'s promises with the client\'s values, its client scope)', async (file) => {
        const { folder, objects, stderr } = exported(file);
        expect(stderr).toContain('template: OpenSLO has no templates');
        expect(stderr).toContain(`carried in sla-language/client-scope`);
        // The template's service and its promises, not only what the client adds.
        expect(objects.filter(o => o.kind === 'Service').map(o => o.metadata.displayName)).toContain('Hosting');
        expect(problemsOf(objects)).toEqual([]);
        const copy = temporaryFolder('openslo-client');
        fs.cpSync(path.join(root, path.dirname(file)), copy, { recursive: true });
        const imported = path.join(copy, 'imported.sla');
        const result = runSla(['import', 'openslo', folder, '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        expect(fs.readFileSync(imported, 'utf8')).toMatch(/^ {4}client scope client = "\w+"$/m);
        // No errors or warnings (the template's own infos come with its promises).
        expect(runSla(['validate', imported]).stdout).not.toMatch(/: (error|warning): /);
        const original = promises(await modelOf(path.join(root, file)));
        expect(original.length).toBeGreaterThan(1);
        expect(promises(await modelOf(imported))).toEqual(original);
        // The same figures, of the client's rows only.
        const outcome = (sla: string) => {
            const report = JSON.parse(runSla(['evaluate', sla, ...periodOf(file), '--format', 'json']).stdout);
            const lines = [...report.objectives, ...report.internalTargets].map((o: Json) => JSON.stringify([o.kpiKey, o.comparison, o.target, o.window, o.status, o.windows.map((w: Json) => [w.value, w.status])]));
            return { objectives: lines.sort(), credits: report.credits.map((c: Json) => c.total), rows: report.datasets.map((d: Json) => [d.name, d.rows]) };
        };
        expect(outcome(imported)).toEqual(outcome(path.join(root, file)));
        fs.rmSync(copy, { recursive: true, force: true });
    }, 90_000);

    test('a template is not exported: its client agreements are', () => {
        const result = runSla(['export', 'openslo', 'examples/portfolio/catalogue.sla']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('sla export openslo: examples/portfolio/catalogue.sla holds no agreement (only templates: export a client agreement of one).\n');
    });

    test('google-compute-engine: the inventory of `across zone of deployments` is a DataSource, ErrorRate comes back in its service', () => {
        const file = 'examples/public-slas/google-compute-engine/google-compute-engine.sla';
        const { folder, objects } = exported(file);
        expect(objects.filter(o => o.kind === 'DataSource').map(o => o.metadata.displayName).sort()).toEqual(['billing', 'datastore', 'deployments', 'lb_outages', 'memory_optimized_outages', 'other_families_outages', 'zone_outages']);
        const back = path.join(temporaryFolder('openslo-gce'), 'imported.sla');
        expect(runSla(['import', 'openslo', folder, '--out', back]).code).toBe(0);
        const text = fs.readFileSync(back, 'utf8');
        const datastore = text.slice(text.indexOf('service DatastoreRegional'));
        expect(datastore.slice(0, datastore.indexOf('\n    }'))).toContain('kpi ErrorRate');
        expect(text).toMatch(/^ {4}dataset deployments /m);
    });

    test('the caps on all credits together come back: the agreement\'s in the agreement, a service\'s in its service', () => {
        const file = hostingFile('openslo-caps', `    service Mail "Mail" {
        fee 4000 EUR per calendar month
        credits capped at 10% of fee per calendar month
        kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
        objective Uptime >= 99.9% per calendar month
        credit for Uptime per calendar month {
            below 99.9% : 5% of fee
        }
    }
`, { head: '    fee 10000 EUR per calendar month\n    credits capped at 12% of fee per calendar month\n' });
        const folder = path.dirname(file);
        const exportedTo = path.join(folder, 'openslo');
        expect(runSla(['export', 'openslo', file, '--out', exportedTo]).code).toBe(0);
        const imported = path.join(folder, 'imported.sla');
        const result = runSla(['import', 'openslo', exportedTo, '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        const text = fs.readFileSync(imported, 'utf8');
        expect(text).toMatch(/^    credits capped at 12% of fee per calendar month$/m);
        // The service's own fee too: its caps and credits are shares of it.
        expect(text).toMatch(/    service Mail "Mail" \{[^]*\n        fee 4000 EUR per calendar month\n[^]*\n        credits capped at 10% of fee per calendar month\n    \}/);
        expect(runSla(['validate', imported]).stdout).toBe('No problems found in 1 file.\n');
    });

    test('a metric source that is not an SLA formula is refused by name, nothing written (exit 2)', () => {
        const folder = temporaryFolder('openslo-foreign');
        fs.writeFileSync(path.join(folder, 'slo.yaml'), [
            'apiVersion: openslo/v1', 'kind: SLO', 'metadata:', '  name: foo-slo', 'spec:', '  service: foo',
            '  indicator:', '    metadata:', '      name: foo-error', '    spec:', '      ratioMetric:', '        counter: true',
            '        good:', '          metricSource:', '            type: Prometheus', '            spec:', '              query: sum(ok)',
            '        total:', '          metricSource:', '            type: Prometheus', '            spec:', '              query: sum(all)',
            '  timeWindow:', '    - duration: 28d', '      isRolling: true', '  budgetingMethod: Occurrences', '  objectives:', '    - target: 0.98', ''
        ].join('\n'));
        const out = path.join(folder, 'out.sla');
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml'), '--out', out]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain("SLO foo-slo: a metric source of type 'Prometheus' is not a formula of the SLA language");
        expect(fs.existsSync(out)).toBe(false);
    });

    test('YAML that does not parse names the file, line and column (exit 2)', () => {
        const folder = temporaryFolder('openslo-yaml');
        fs.writeFileSync(path.join(folder, 'bad.yaml'), 'apiVersion: openslo/v1\nkind: [SLO\n');
        const result = runSla(['import', 'openslo', folder]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/bad\.yaml:\d+:\d+: error: /);
    });
});
