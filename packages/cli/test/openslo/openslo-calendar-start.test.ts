// `calendar.startTime` of an OpenSLO time window on import: a fiscal quarter or year comes back
// fiscal (with its `fiscal year from …`), a start the language cannot say is refused.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';

type Json = Record<string, any>;

/** Requests: 10 of 100 failed on 10 January 2026, none of 100 on 10 March 2026. */
function fiscalAgreement(fiscalMonth = 'february'): string {
    const folder = temporaryFolder('openslo-fiscal');
    const day = (date: string, failed: number) => Array.from({ length: 100 }, (_, i) => `${date}T10:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}Z,${i < failed ? 500 : 200}`);
    fs.writeFileSync(path.join(folder, 'requests.csv'), ['time,status', ...day('2026-01-10', 10), ...day('2026-03-10', 0)].join('\n') + '\n');
    const file = path.join(folder, 'fiscal.sla');
    fs.writeFileSync(file, `agreement Fiscal "Fiscal quarters" {
    provider P "Provider"
    customer C "Customer"
    valid from 2025-11-01 to 2026-10-31
    timezone "UTC"
    fiscal year from ${fiscalMonth}

    dataset requests "Requests" from "requests.csv" {
        time      timestamp
        status    integer
    }

    service Web "Web" {
        kpi ErrorRate "Failed requests" = count(requests where status >= 500) / count(requests)
        objective ErrorRate <= 5% per fiscal quarter
    }
}
`);
    return file;
}

const PERIOD = ['--from', '2025-11-01', '--to', '2026-04-30', '--now', '2026-05-01T00:00:00Z'];

/** Each window of the objective: its start, value and status. */
function windows(file: string): Array<[string, number, string]> {
    const report = JSON.parse(runSla(['evaluate', file, ...PERIOD, '--format', 'json']).stdout);
    return report.objectives[0].windows.map((w: Json) => [w.start.slice(0, 10), w.value, w.status]);
}

function exportTo(file: string): string {
    const folder = path.join(path.dirname(file), 'openslo');
    const result = runSla(['export', 'openslo', file, '--out', folder]);
    expect(result.code, result.stderr).toBe(0);
    return folder;
}

function importFrom(folder: string): { code: number; stderr: string; file: string } {
    const file = path.join(path.dirname(folder), `imported-${path.basename(folder)}.sla`);
    const result = runSla(['import', 'openslo', folder, '--out', file]);
    return { code: result.code, stderr: result.stderr, file };
}

describe('sla import openslo: calendar.startTime', () => {
    // Fiscal quarters from February: Nov 2025–Jan 2026 holds January's 100 requests, 10 failed = 10 % > 5 %: breached;
    // Feb–Apr 2026 holds March's 100, none failed = 0 %: met. Calendar quarters would put January with March
    // (10 of 200 = 5 % <= 5 %: met): the breach would disappear.
    const expected = [['2025-11-01', 0.1, 'breached'], ['2026-02-01', 0, 'met']];

    test('a fiscal quarter round-trips as a fiscal quarter, with the fiscal year', () => {
        const file = fiscalAgreement();
        expect(windows(file)).toEqual(expected);
        const imported = importFrom(exportTo(file));
        expect(imported.code, imported.stderr).toBe(0);
        const text = fs.readFileSync(imported.file, 'utf8');
        expect(text).toMatch(/^ {4}fiscal year from february$/m);
        expect(text).toContain('objective ErrorRate <= 5% per fiscal quarter');
        expect(windows(imported.file)).toEqual(expected);
    });

    test('without the annotations: a quarter from 1 November is a fiscal quarter of a year from November (the same quarters)', () => {
        const file = fiscalAgreement();
        const folder = exportTo(file);
        for (const name of fs.readdirSync(folder)) {
            const object = YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json;
            delete object.metadata.annotations?.['sla-language/fiscal-year'];
            delete object.metadata.annotations?.['sla-language/window'];
            fs.writeFileSync(path.join(folder, name), YAML.stringify(object));
        }
        const imported = importFrom(folder);
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stderr).toContain("warning: the start time of SLO web-error-rate-quarter is in november: imported as 'fiscal year from november' with 'per fiscal …' windows.");
        expect(fs.readFileSync(imported.file, 'utf8')).toMatch(/^ {4}fiscal year from november$/m);
        expect(windows(imported.file)).toEqual(expected);
    });

    test('a fiscal quarter of a year from April (the calendar quarters) stays fiscal: the window travels as written', () => {
        const file = fiscalAgreement('april');
        const folder = exportTo(file);
        const slo = YAML.parse(fs.readFileSync(path.join(folder, fs.readdirSync(folder).find(n => n.startsWith('slo-'))!), 'utf8')) as Json;
        // Validity from 2025-11-01: with years from April the quarters are October–December, …; the one holding it starts 2025-10-01.
        expect(slo.spec.timeWindow[0].calendar.startTime).toBe('2025-10-01 00:00:00');
        expect(slo.metadata.annotations['sla-language/window']).toBe('per fiscal quarter');
        const imported = importFrom(folder);
        expect(imported.code, imported.stderr).toBe(0);
        const text = fs.readFileSync(imported.file, 'utf8');
        expect(text).toMatch(/^ {4}fiscal year from april$/m);
        expect(text).toContain('objective ErrorRate <= 5% per fiscal quarter');
    });

    test('a quarter from 1 January is a calendar quarter', () => {
        const file = fiscalAgreement();
        const folder = exportTo(file);
        const name = fs.readdirSync(folder).find(n => n.startsWith('slo-'))!;
        const slo = YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json;
        slo.spec.timeWindow[0].calendar.startTime = '2026-01-01 00:00:00';
        delete slo.metadata.annotations['sla-language/window'];
        fs.writeFileSync(path.join(folder, name), YAML.stringify(slo));
        const imported = importFrom(folder);
        expect(imported.code, imported.stderr).toBe(0);
        expect(fs.readFileSync(imported.file, 'utf8')).toContain('objective ErrorRate <= 5% per calendar quarter');
    });

    test.each([
        ['1M', '2026-01-15 00:00:00', 'startTime 2026-01-15: calendar months start on the 1st, and the language has no months from the 15th: write 2026-01-01 00:00:00, or a rolling window (e.g. duration: 30d, isRolling: true).'],
        ['1w', '2026-01-14 00:00:00', 'startTime 2026-01-14 is a Wednesday: calendar weeks start on Monday (ISO weeks), and the language has no weeks from another day: write 2026-01-12 00:00:00, or a rolling window (duration: 7d, isRolling: true).'],
        ['1d', '2026-01-01 06:00:00', "startTime 2026-01-01 06:00:00: calendar days start at midnight (in the agreement's time zone), and the language has none from 06:00:00: write 2026-01-01 00:00:00."],
        ['1Y', '2026-03-01 00:00:00', 'startTime 2026-03-01: a year from March is a fiscal year, but the fiscal year starts in February (the Service annotation sla-language/fiscal-year): an agreement has one fiscal year; start the year then, or on 1 January (a calendar year).']
    ])('a %s window from %s has no window in the language: refused at its startTime (exit 2)', (duration, startTime, message) => {
        const file = fiscalAgreement();
        const folder = exportTo(file);
        const name = fs.readdirSync(folder).find(n => n.startsWith('slo-'))!;
        const slo = YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json;
        Object.assign(slo.spec.timeWindow[0], { duration, calendar: { startTime, timeZone: 'UTC' } });
        delete slo.metadata.annotations['sla-language/window'];
        fs.writeFileSync(path.join(folder, name), YAML.stringify(slo, { lineWidth: 0 }));
        const imported = importFrom(folder);
        expect(imported.code).toBe(2);
        // The line of `startTime` in the file as written.
        const line = fs.readFileSync(path.join(folder, name), 'utf8').split('\n').findIndex(l => l.includes('startTime:')) + 1;
        expect(imported.stderr).toContain(`${path.join(folder, name)}:${line}:9: error: SLO web-error-rate-quarter: ${message}`);
        expect(fs.existsSync(imported.file)).toBe(false);
    });
});
