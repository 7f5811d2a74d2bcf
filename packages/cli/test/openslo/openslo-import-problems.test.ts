// `sla import openslo` of OpenSLO it cannot read faithfully: refused (exit 2, nothing written),
// each problem at its file, line and column, with what to write instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from '../run-cli.js';

/** One Service, DataSource, SLI (good/total) and SLO, as someone would write them; `edit` changes the text. */
function documents(edit: (yaml: string) => string = yaml => yaml): string {
    return edit(`apiVersion: openslo/v1
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
---
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
  budgetingMethod: Occurrences
  objectives:
    - displayName: good requests
      target: 0.99
`);
}

function importOf(yaml: string): { code: number; stderr: string; stdout: string; file: string; out: string } {
    const folder = temporaryFolder('openslo-problems');
    fs.writeFileSync(path.join(folder, 'requests.csv'), 'time,status\n');
    const file = path.join(folder, 'slo.yaml');
    fs.writeFileSync(file, yaml);
    const out = path.join(folder, 'out.sla');
    return { ...runSla(['import', 'openslo', file, '--out', out]), file, out };
}

describe('sla import openslo: what it refuses, and where', () => {
    test('the documents as written import (the control case)', () => {
        const result = importOf(documents());
        expect(result.code, result.stderr).toBe(0);
        expect(fs.readFileSync(result.out, 'utf8')).toContain('objective GoodRequests >= 99% per calendar month');
        expect(runSla(['validate', result.out]).stdout).toBe('No problems found in 1 file.\n');
    });

    test('a query that is not a formula of the language: exit 2 at the query, not an agreement that does not parse', () => {
        const result = importOf(documents(yaml => yaml.replace('status < 500)', 'status < )')));
        expect(result.code).toBe(2);
        // The SLI's `query:` of `good` is line 38, indented 10.
        expect(result.stderr).toContain(`${result.file}:38:11: error: SLI good-requests: 'count(requests where status < )' is not a formula of the SLA language: Unexpected ')'`);
        expect(result.stderr).toContain('sla import openslo: nothing was imported.');
        expect(fs.existsSync(result.out)).toBe(false);
    });

    test('a threshold query is checked as the formula it becomes (a selection inside percentile(…) is fine)', () => {
        const threshold = (query: string) => documents(yaml => yaml
            .replace(/ {2}ratioMetric:[^]*?query: count\(requests\)\n/, `  thresholdMetric:\n    metricSource:\n      metricSourceRef: requests-data\n      type: SLA\n      spec:\n        query: ${query}\n`)
            .replace('      target: 0.99\n', '      op: lte\n      value: 300\n      target: 0.95\n'));
        const ok = importOf(threshold('requests.status where status < 500'));
        expect(ok.code, ok.stderr).toBe(0);
        expect(fs.readFileSync(ok.out, 'utf8')).toContain('percentile(95, requests.status where status < 500)');
        const broken = importOf(threshold('requests.status where'));
        expect(broken.code).toBe(2);
        expect(broken.stderr).toContain("SLI good-requests: 'requests.status where' is not a formula of the SLA language (read as percentile(95, requests.status where)): ");
    });

    test.each([
        ['target: 99 (OpenSLO\'s target is a fraction)', (yaml: string) => yaml.replace('target: 0.99', 'target: 99'), "62:7: error: SLO good-hours: target 99 is not a fraction: OpenSLO's target is in [0, 1); write target: 0.99, or targetPercent: 99."],
        ['target and targetPercent together', (yaml: string) => yaml.replace('target: 0.99', 'target: 0.99\n      targetPercent: 95'), '63:7: error: SLO good-hours: its objective has both target (0.99) and targetPercent (95): OpenSLO allows one; keep target (a fraction, 0.99) or targetPercent (a percentage, 99).'],
        ['targetPercent: 100', (yaml: string) => yaml.replace('target: 0.99', 'targetPercent: 100'), "62:7: error: SLO good-hours: targetPercent 100 is not a percentage below 100: OpenSLO's targetPercent is in [0, 100) (99 for 99 %)."],
        ['a misspelt budgetingMethod', (yaml: string) => yaml.replace('Occurrences', 'Ocurrences'), "59:3: error: SLO good-hours: budgetingMethod 'Ocurrences' is not OpenSLO's: write Occurrences."],
        ['a metric source of another type', (yaml: string) => yaml.replace('        type: SLA\n        spec:\n          query: count(requests where', '        type: Prometheus\n        spec:\n          query: count(requests where'), "36:9: error: SLO good-hours: a metric source of type 'Prometheus' is not a formula of the SLA language; write the KPI by hand (only type SLA is imported)."]
    ])('%s: exit 2 at the key, nothing written', (_name, edit, message) => {
        // Lines: the SLO's target at 62 (targetPercent added after it at 63), `budgetingMethod` at 59, the good metric source's `type` at 36.
        const result = importOf(documents(edit));
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`${result.file}:${message}`);
        expect(fs.existsSync(result.out)).toBe(false);
    });

    test('without sla-language/agreement the agreement is named after the file, and the warning names that annotation', () => {
        const result = importOf(documents(yaml => yaml.replace('    sla-language/agreement: Shop\n', '')));
        expect(result.code, result.stderr).toBe(0);
        expect(fs.readFileSync(result.out, 'utf8')).toMatch(/^agreement Slo \{/);
        expect(result.stderr).toContain("warning: no Service has the annotation sla-language/agreement: the agreement is named Slo after slo; add 'sla-language/agreement: NAME' to Service web-shop to name it.");
        expect(result.stderr).not.toContain('validity');
    });

    test('without sla-language/validity: refused, naming that annotation and where to add it', () => {
        const result = importOf(documents(yaml => yaml.replace('    sla-language/validity: valid from 2026-01-01 to 2026-12-31\n', '')));
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`${result.file}:3:1: error: no validity: no Service has the annotation sla-language/validity (e.g. 'sla-language/validity: valid from 2026-01-01 to 2026-12-31'); an agreement needs one: add it to a Service's metadata.annotations.`);
    });

    test('a credit annotation that is not SLA: the agreement is not written, the line named', () => {
        const result = importOf(documents(yaml => yaml.replace('metadata:\n  name: good-hours\n', 'metadata:\n  name: good-hours\n  annotations:\n    sla-language/credit: "credit for GoodRequests per calendar month {"\n')));
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/sla import openslo: the agreement would not parse at its line \d+, '/);
        expect(fs.existsSync(result.out)).toBe(false);
    });
});
