// `sla export openslo` of KPIs measured in slices (`slices(…)`): OpenSLO's Timeslices and
// RatioTimeslices where they say the same, the rest carried in annotations; and back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';
import { problemsOf } from './openslo-v1-rules.js';

type Json = Record<string, any>;

const AGREEMENT = `agreement Slices "Slice budgeting" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset minutes "Requests per minute" from "minutes.csv" {
        time      timestamp
        requests  integer
        errors    integer
        latency   duration ms
        complete to 2026-03-31
    }

    service Api "API" {
        kpi ErrorRate "Share of requests in error" = sum(minutes.errors) / sum(minutes.requests)
        // Atlassian's Downtime Minutes: a minute is bad when more than 5 % of its requests fail.
        kpi MonthlyUptime "Minutes without downtime" = 100% - slices(every 1 minute: share where ErrorRate > 5%, empty as good)
        objective MonthlyUptime >= 99.9% per calendar month
        // S3's average of five-minute error rates.
        kpi AverageUptime "100% minus the average five-minute error rate" = 100% - slices(every 5 minutes: avg of sum(minutes.errors) / sum(minutes.requests), empty as 0%)
        objective AverageUptime >= 99.5% per calendar month
        // A slice judged on a value that is no ratio: the slowest minute's average latency.
        kpi FastMinutes "Minutes with an average latency within 300 ms" = 100% - slices(every 1 minute: share where avg(minutes.latency) > 300 ms, empty as good)
        objective FastMinutes >= 99% per calendar month
        // Google's Downtime Periods: only runs of five bad minutes count.
        kpi Periods "Minutes outside Downtime Periods" = 100% - slices(every 1 minute: share where ErrorRate > 10%, at least 5 consecutive, empty as good)
        objective Periods >= 99.9% per calendar month
    }
}
`;

/** March 2026: two minutes with requests; 10:00 has 20 % errors (bad for ErrorRate > 5 % and > 10 %), 10:01 none. */
const DATA = 'time,requests,errors,latency\n2026-03-02T10:00:00Z,100,20,400\n2026-03-02T10:01:00Z,100,0,100\n';

function exportedSlices(): { folder: string; objects: Json[]; stderr: string } {
    const folder = temporaryFolder('openslo-slices');
    fs.writeFileSync(path.join(folder, 'slices.sla'), AGREEMENT);
    fs.writeFileSync(path.join(folder, 'minutes.csv'), DATA);
    const out = path.join(folder, 'openslo');
    const result = runSla(['export', 'openslo', path.join(folder, 'slices.sla'), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const objects = fs.readdirSync(out).sort().map(name => YAML.parse(fs.readFileSync(path.join(out, name), 'utf8')) as Json);
    return { folder, objects, stderr: result.stderr };
}

describe('OpenSLO export of slices(…) KPIs', () => {
    const { folder, objects, stderr } = exportedSlices();
    const slo = (kpi: string) => objects.find(o => o.kind === 'SLO' && o.metadata.displayName.startsWith(`Api.${kpi} `))!;
    const sliOf = (s: Json) => objects.find(o => o.kind === 'SLI' && o.metadata.name === s.spec.indicatorRef)!;

    test('every document conforms to the OpenSLO v1 field rules', () => {
        expect(problemsOf(objects)).toEqual([]);
    });

    test('the share of good minutes on a ratio: Timeslices of 1m, a minute good when its good ratio is at least 95 % (errors > 5 % bad)', () => {
        const uptime = slo('MonthlyUptime');
        expect(uptime.spec.budgetingMethod).toBe('Timeslices');
        // ErrorRate > 5 % ⇔ good ratio 1 − ErrorRate < 95 %: a minute is good when its good ratio ≥ 0.95; 99.9 % of minutes good.
        expect(uptime.spec.objectives[0]).toMatchObject({ timeSliceWindow: '1m', timeSliceTarget: 0.95, targetPercent: 99.9 });
        const sli = sliOf(uptime);
        expect(sli.spec.ratioMetric.bad.metricSource.spec.query).toBe('sum(minutes.errors)');
        expect(sli.spec.ratioMetric.total.metricSource.spec.query).toBe('sum(minutes.requests)');
        expect(uptime.metadata.annotations['sla-language/slices']).toBe('100% - slices(every 1 minute: share where ErrorRate > 5%, empty as good)');
        expect(uptime.metadata.annotations['sla-language/comparison']).toBeUndefined();
        expect(stderr).toContain('a slice without data counts as good (OpenSLO has no rule for it)');
    });

    test('the average of five-minute ratios: RatioTimeslices of 5m', () => {
        const average = slo('AverageUptime');
        expect(average.spec.budgetingMethod).toBe('RatioTimeslices');
        expect(average.spec.objectives[0]).toEqual({ displayName: 'AverageUptime >= 99.5%', timeSliceWindow: '5m', targetPercent: 99.5 });
        expect(sliOf(average).spec.ratioMetric.bad.metricSource.spec.query).toBe('sum(minutes.errors)');
    });

    test('a slice value that is no ratio: a threshold per slice (latency <= 300 ms good)', () => {
        const fast = slo('FastMinutes');
        expect(fast.spec.budgetingMethod).toBe('Timeslices');
        expect(fast.spec.objectives[0]).toMatchObject({ op: 'lte', value: 300, timeSliceTarget: 1, timeSliceWindow: '1m', targetPercent: 99 });
        expect(sliOf(fast).spec.thresholdMetric.metricSource.spec.query).toBe('avg(minutes.latency)');
        expect(fast.metadata.annotations['sla-language/unit']).toBe('ms');
    });

    test('runs of at least 5 consecutive bad minutes: exported as Timeslices, the difference said', () => {
        const periods = slo('Periods');
        expect(periods.spec.objectives[0]).toMatchObject({ timeSliceWindow: '1m', timeSliceTarget: 0.9, targetPercent: 99.9 });
        expect(periods.metadata.annotations['sla-language/reading']).toContain('only runs of at least 5 consecutive bad slices count (OpenSLO counts every bad slice)');
        expect(stderr).toContain('only runs of at least 5 consecutive bad slices count');
    });

    test('import restores the formulas and promises as written, and the evaluation says the same', () => {
        const imported = path.join(folder, 'imported.sla');
        const result = runSla(['import', 'openslo', path.join(folder, 'openslo'), '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        const text = fs.readFileSync(imported, 'utf8');
        expect(text).toContain('100% - slices(every 1 minute: share where ErrorRate > 5%, empty as good)');
        expect(text).toContain('100% - slices(every 5 minutes: avg of sum(minutes.errors) / sum(minutes.requests), empty as 0%)');
        const values = (file: string) => (JSON.parse(runSla(['evaluate', file, '--from', '2026-03-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z', '--format', 'json']).stdout).objectives as Json[])
            .map(o => [o.kpi, o.target, o.windows[0].value, o.windows[0].status]).sort();
        // March (44,640 minutes): MonthlyUptime 1 bad minute → 44,639 / 44,640; Periods: a run of 1 < 5 → 100 %.
        expect(values(imported)).toEqual(values(path.join(folder, 'slices.sla')));
        expect(values(imported)).toContainEqual(['MonthlyUptime', 0.999, 44_639 / 44_640, 'met']);
    });
});
