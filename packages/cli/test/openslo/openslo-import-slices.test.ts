// `sla import openslo` of slice budgeting written by hand (no `sla-language/slices` annotation):
// read as the `slices(…)` form the export writes for it, never as a plain ratio of events.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';

type Json = Record<string, any>;

const SERVICE = `apiVersion: openslo/v1
kind: Service
metadata:
  name: web-shop
  annotations:
    sla-language/agreement: Shop
    sla-language/validity: valid from 2026-01-01 to 2026-12-31
    sla-language/timezone: UTC
spec:
  description: Web shop
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: requests-data
spec:
  type: SLA
  connectionDetails:
    path: requests.csv
    declaration: |-
      dataset requests "Requests" from "requests.csv" {
          time      timestamp
          status    integer
      }
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: good-requests
spec:
  ratioMetric:
    counter: false
    good:
      metricSource:
        metricSourceRef: requests-data
        type: SLA
        spec:
          query: count(requests where status < 500)
    total:
      metricSource:
        metricSourceRef: requests-data
        type: SLA
        spec:
          query: count(requests)
`;

function slo(method: string, objective: string): string {
    return `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: good-hours
spec:
  service: web-shop
  indicatorRef: good-requests
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: UTC
  budgetingMethod: ${method}
  objectives:
${objective}`;
}

/** 100 requests in the hour 2026-01-05 10:00, 10 of them failed: that hour's good ratio is 90 %. */
function folderWith(yaml: string): string {
    const folder = temporaryFolder('openslo-slices-import');
    const rows = Array.from({ length: 100 }, (_, i) => `2026-01-05T10:${String(Math.floor(i * 0.6)).padStart(2, '0')}:${String((i * 36) % 60).padStart(2, '0')}Z,${i < 10 ? 500 : 200}`);
    fs.writeFileSync(path.join(folder, 'requests.csv'), ['time,status', ...rows].join('\n') + '\n');
    fs.writeFileSync(path.join(folder, 'slo.yaml'), yaml);
    return folder;
}

const TIMESLICES = slo('Timeslices', '    - displayName: 99% of hours with at least 95% good requests\n      timeSliceTarget: 0.95\n      timeSliceWindow: 1h\n      targetPercent: 99\n');

describe('sla import openslo: Timeslices and RatioTimeslices written by hand', () => {
    test('Timeslices on a ratio: the share of good hours, as the export writes it (not a ratio of events)', () => {
        const folder = folderWith(SERVICE + TIMESLICES);
        const imported = path.join(folder, 'imported.sla');
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml'), '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain("warning: SLO good-hours: Timeslices of 1h imported as the KPI GoodHours, the share of good slices; a slice without events counts as good (OpenSLO has no rule for it): change 'empty as good' if the agreement says otherwise.");
        const text = fs.readFileSync(imported, 'utf8');
        expect(text).toContain('100% - slices(every 1 hour: share where GoodRequests < 95%, empty as good)');
        expect(text).toMatch(/objective GoodHours >= 99% per calendar month/);
        expect(runSla(['validate', imported]).stdout).toBe('No problems found in 1 file.\n');
        // January: 744 hours; 10:00 on the 5th has a good ratio of 90/100 = 90 % < 95 %: bad. The others have
        // no requests (empty as good). 743 / 744 = 99.866 % >= 99 %: met. Read as a ratio of events it was 90 %, breached.
        const report = JSON.parse(runSla(['evaluate', imported, '--from', '2026-01-01', '--to', '2026-01-31', '--now', '2026-02-01T00:00:00Z', '--format', 'json']).stdout);
        expect(report.objectives.map((o: Json) => [o.kpi, o.windows[0].value, o.windows[0].status])).toEqual([['GoodHours', 743 / 744, 'met']]);

        // Exported again: the OpenSLO fields written by hand.
        const again = runSla(['export', 'openslo', imported]);
        expect(again.code, again.stderr).toBe(0);
        const exported = YAML.parseAllDocuments(again.stdout).map(d => d.toJS() as Json).find(o => o.kind === 'SLO')!;
        expect(exported.spec.budgetingMethod).toBe('Timeslices');
        expect(exported.spec.objectives[0]).toMatchObject({ timeSliceTarget: 0.95, timeSliceWindow: '1h', targetPercent: 99 });
    });

    test('Timeslices on bad/total: a slice is bad when its bad ratio is above 1 − timeSliceTarget', () => {
        const bad = SERVICE.replace('name: good-requests', 'name: failed-requests').replace('    good:\n', '    bad:\n').replace('status < 500', 'status >= 500');
        const folder = folderWith(bad + TIMESLICES.replace('indicatorRef: good-requests', 'indicatorRef: failed-requests'));
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml')]);
        expect(result.code, result.stderr).toBe(0);
        // Good ratio at least 95 % ⇔ bad ratio at most 5 %: bad when above 5 %.
        expect(result.stdout).toContain('100% - slices(every 1 hour: share where FailedRequests > 5%, empty as good)');
    });

    test('RatioTimeslices: the average of the slices\' good ratios', () => {
        const folder = folderWith(SERVICE + slo('RatioTimeslices', '    - timeSliceWindow: 5m\n      targetPercent: 99.5\n'));
        const imported = path.join(folder, 'imported.sla');
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml'), '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        expect(fs.readFileSync(imported, 'utf8')).toContain('slices(every 5 minutes: avg of GoodRequests, empty as no data)');
        expect(runSla(['validate', imported]).stdout).toBe('No problems found in 1 file.\n');
    });

    test('Occurrences written by hand is still a ratio of events', () => {
        const folder = folderWith(SERVICE + slo('Occurrences', '    - target: 0.99\n'));
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml')]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('objective GoodRequests >= 99% per calendar month');
        expect(result.stdout).not.toContain('slices(');
    });

    test('a misspelt budgetingMethod is refused at its key, with the spelling to write (exit 2, nothing written)', () => {
        const folder = folderWith(SERVICE + slo('Ocurrences', '    - target: 0.99\n'));
        const out = path.join(folder, 'out.sla');
        const result = runSla(['import', 'openslo', path.join(folder, 'slo.yaml'), '--out', out]);
        expect(result.code).toBe(2);
        // SERVICE is 44 lines: the SLO's `---` is line 45, its `budgetingMethod` 14 lines further (59), indented 2 (column 3).
        expect(result.stderr).toContain(`${path.join(folder, 'slo.yaml')}:59:3: error: SLO good-hours: budgetingMethod 'Ocurrences' is not OpenSLO's: write Occurrences.`);
        expect(fs.existsSync(out)).toBe(false);
    });
});
