/**
 * A file named twice on the command line (`. kilo.sla`, `kilo.sla ./kilo.sla`, an absolute path)
 * holds its agreements once: they are evaluated once and their credits counted once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/** A Tokyo client of 100,000 JPY a month, `>= 90 %` good requests a calendar month, 10 % of the fee below. */
const client = (name: string) => `agreement ${name} "Web for ${name}" {
    customer ${name}KK "${name} K.K."
    valid from 2026-01-01 to 2026-12-31
    timezone "Asia/Tokyo"
    fee 100000 JPY per calendar month
    client scope client = "${name.toLowerCase()}"
    dataset requests "Requests, all clients" from "requests.csv" {
        client text
        time   timestamp
        status integer
    }
    service Web "Web" {
        kpi Success "good requests" = share(requests where status < 500 of requests)
        objective Success >= 90% per calendar month
        credit for Success per calendar month {
            below 90% : 10% of fee
        }
    }
}
`;

/** Kilo and Lima, each with 8 good of 10 requests on 10 January: 80 % < 90 %, 10 % × 100,000 = 10,000 JPY each. */
function kiloAndLima(): string {
    const folder = temporaryFolder('named-twice');
    const rows = ['client,time,status'];
    for (const name of ['kilo', 'lima']) for (let i = 0; i < 10; i++) rows.push(`${name},2026-01-10T10:0${i}:00+09:00,${i < 8 ? 200 : 500}`);
    fs.writeFileSync(path.join(folder, 'requests.csv'), `${rows.join('\n')}\n`);
    for (const name of ['Kilo', 'Lima']) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), client(name));
    return folder;
}

const JANUARY = ['--to', '2026-01-31', '--now', '2026-02-02T00:00:00Z', '--format', 'json'];

describe('sla evaluate: a file named twice', () => {
    test('the folder and a file in it: 2 agreements and 20,000 JPY, not Kilo twice and 30,000', () => {
        const result = runSla(['evaluate', '.', 'kilo.sla', ...JANUARY], { cwd: kiloAndLima() });
        expect(result.stderr).toBe('');
        const report = JSON.parse(result.stdout);
        expect(report.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['Kilo', 'Lima']);
        // 10,000 (Kilo) + 10,000 (Lima).
        expect(report.totals.credits).toEqual([{ currency: 'JPY', total: 20000, provisionalTotal: 0 }]);
    });

    test('one file written three ways, with --agreement: that agreement\'s own report, its credit once', () => {
        const folder = kiloAndLima();
        const result = runSla(['evaluate', 'kilo.sla', './kilo.sla', path.join(folder, 'kilo.sla'), '--agreement', 'Kilo', ...JANUARY], { cwd: folder });
        expect(result.stderr).toBe('');
        const report = JSON.parse(result.stdout);
        expect(report.kind).toBeUndefined();
        expect(report.agreement).toBe('Kilo');
        expect(report.credits.map((credit: { total: number }) => credit.total)).toEqual([10000]);
    });
});
