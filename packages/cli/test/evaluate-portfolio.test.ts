/** `sla evaluate` on several agreements: one portfolio report, each data file read once, exit code over all. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

const client = (name: string, client: string, zone: string, fee: string) => `agreement ${name} "${name}" {
    customer ${name} "${name} Ltd"
    valid from 2026-01-01 to 2026-12-31
    timezone "${zone}"
    fee ${fee} per calendar month
    client scope client = "${client}"
    dataset requests "Shared request log" from "../requests.csv" {
        time   timestamp
        client text
        status integer
    }
    service Web "Web" {
        kpi Success "Requests below 500" = share(requests where status < 500 of requests)
        objective Success >= 90% per calendar month
        credit for Success per calendar month {
            below 90% : 10% of fee
        }
    }
}
`;

/** 10 January requests per client (days 1–10, 12:00 UTC); alpha's first two fail: 8/10 = 80 % < 90 %. */
function portfolioFolder(): string {
    const folder = temporaryFolder('portfolio');
    const rows = ['time,client,status'];
    for (const name of ['alpha', 'bravo']) {
        for (let day = 1; day <= 10; day++) rows.push(`2026-01-${String(day).padStart(2, '0')}T12:00:00Z,${name},${name === 'alpha' && day <= 2 ? 500 : 200}`);
    }
    fs.writeFileSync(path.join(folder, 'requests.csv'), rows.join('\n') + '\n');
    fs.mkdirSync(path.join(folder, 'clients'));
    fs.writeFileSync(path.join(folder, 'clients', 'alpha.sla'), client('Alpha', 'alpha', 'Europe/Berlin', '1000 EUR'));
    fs.writeFileSync(path.join(folder, 'clients', 'bravo.sla'), client('Bravo', 'bravo', 'America/New_York', '2000 USD'));
    return folder;
}

const PERIOD = ['--from', '2026-01-01', '--to', '2026-01-31', '--now', '2026-02-15T00:00:00Z'];

describe('sla evaluate on a portfolio', () => {
    test('a folder of client agreements gives the portfolio report; exit 1 as one client is breached', () => {
        const folder = portfolioFolder();
        const result = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'json'], { cwd: folder });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.kind).toBe('portfolio');
        expect(report.entries.map((entry: { client: string; status: string }) => [entry.client, entry.status])).toEqual([['Alpha Ltd', 'breached'], ['Bravo Ltd', 'met']]);
        // Alpha: 10 % of 1,000 EUR; Bravo owes nothing: the currencies stay apart.
        expect(report.totals.credits).toEqual([{ currency: 'EUR', total: 100, provisionalTotal: 0 }, { currency: 'USD', total: 0, provisionalTotal: 0 }]);
        // The shared log: 20 rows, one read for both agreements.
        expect(report.dataFiles).toEqual([{ path: fs.realpathSync(path.join(folder, 'requests.csv')), agreements: 2, reads: 1, rows: 20, threads: 1 }]);
        // Each entry embeds the agreement's own report.
        expect(report.entries[0].report.objectives[0].windows[0].value).toBe(0.8);
        // Written in pieces as it is made (json-chunks.ts), the text is JSON.stringify's with two spaces, on stdout and in --out.
        expect(result.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
        const written = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'json', '--out', 'portfolio.json'], { cwd: folder });
        expect(written.code).toBe(1);
        expect(fs.readFileSync(path.join(folder, 'portfolio.json'), 'utf8').replace(/"generatedAt": "[^"]*"/g, '')).toBe(result.stdout.replace(/"generatedAt": "[^"]*"/g, ''));
    });

    test('--agreement keeps one agreement\'s own report; exit 0 when it is met', () => {
        const folder = portfolioFolder();
        const result = runSla(['evaluate', 'clients', '--agreement', 'Bravo', ...PERIOD, '--format', 'json'], { cwd: folder });
        expect(result.code).toBe(0);
        const report = JSON.parse(result.stdout);
        expect(report.kind).toBeUndefined();
        expect(report.agreement).toBe('Bravo');
    });

    test('the table and Markdown formats show the status of each client and the totals per currency', () => {
        const folder = portfolioFolder();
        const table = runSla(['evaluate', 'clients/alpha.sla', 'clients/bravo.sla', ...PERIOD], { cwd: folder });
        expect(table.code).toBe(1);
        expect(table.stdout).toMatch(/^2 agreements .*1 breached, 0 at risk, 1 met, 0 no data; credits owed €100\.00, \$0\.00\./);
        expect(table.stdout).toMatch(/Alpha Ltd\s+Alpha\s+BREACHED/);
        const markdown = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'markdown'], { cwd: folder });
        expect(markdown.stdout).toContain('# SLA portfolio report');
        expect(markdown.stdout).toContain('| EUR | €100.00 | €0.00 |');
    });
});
