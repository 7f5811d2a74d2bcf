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

    test('--agreement repeated evaluates each agreement named (a portfolio of them), and refuses a name none has', () => {
        const folder = withCharlie();
        const two = runSla(['evaluate', 'clients', '--agreement', 'Alpha', '--agreement', 'Bravo', ...PERIOD, '--format', 'json'], { cwd: folder });
        // Alpha is breached, Bravo met: Alpha's breach counts (before, the last name alone was evaluated: exit 0).
        expect(two.code).toBe(1);
        const report = JSON.parse(two.stdout);
        expect(report.kind).toBe('portfolio');
        expect(report.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['Alpha', 'Bravo']);
        const misspelt = runSla(['evaluate', 'clients', '--agreement', 'Alpha', '--agreement', 'Bravi', ...PERIOD], { cwd: folder });
        expect(misspelt.code).toBe(2);
        expect(misspelt.stderr).toContain("is called 'Bravi'");
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

/** Charlie (UTC) is valid from 1 March 2026 only: its period differs from Alpha's and Bravo's. */
function withCharlie(): string {
    const folder = portfolioFolder();
    fs.writeFileSync(path.join(folder, 'clients', 'charlie.sla'), client('Charlie', 'charlie', 'UTC', '500 EUR').replace('valid from 2026-01-01', 'valid from 2026-03-01'));
    return folder;
}

describe('sla evaluate on a portfolio: what cannot be honoured for one agreement refuses the portfolio, with advice that holds for all', () => {
    test('an agreement not yet in force (valid from 1 March, --now 15 February) is left out and named in the notes; the others are evaluated', () => {
        const result = runSla(['evaluate', 'clients', '--now', '2026-02-15T00:00:00Z', '--format', 'json'], { cwd: withCharlie() });
        expect(result.stderr).toBe('');
        const report = JSON.parse(result.stdout);
        expect(report.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['Alpha', 'Bravo']);
        expect(report.notes).toContain('Not yet in force on 2026-02-15T00:00:00+00:00, so not evaluated: Charlie (valid from 2026-03-01).');
    });

    test('no agreement in force yet: exit 2 naming them, and a --now after the latest start of all periods', () => {
        const result = runSla(['evaluate', 'clients', '--now', '2025-12-15T00:00:00Z'], { cwd: withCharlie() });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('sla evaluate: Nothing to evaluate for all 3 agreements');
        expect(result.stderr).toContain('give a --now after 2026-03-01T00:00:00+00:00');
    });

    test('--from after --now: refused for the agreements in force, with a --from that has begun for them (Charlie, not yet in force, is left out)', () => {
        const result = runSla(['evaluate', 'clients', '--from', '2026-02-20', '--now', '2026-02-15T00:00:00Z'], { cwd: withCharlie() });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("sla evaluate: Nothing to evaluate for all 2 agreements: their periods start (with --from 2026-02-20) at or after --now 2026-02-15T00:00:00Z (Alpha from 2026-02-20T00:00:00+01:00, Bravo from 2026-02-20T00:00:00-05:00). A portfolio is evaluated as of one time for every agreement: give --from 2026-02-14 or earlier, or a --now after 2026-02-20T00:00:00-05:00, the latest start of the 2 agreements' periods, or leave out --now to evaluate up to the present.\n");
    });

    test('--from after --now: the --from suggested has begun in every zone, not only in the first agreement\'s', () => {
        // 03:00 UTC on 15 February is 04:00 on the 15th in Berlin but 22:00 on the 14th in New York.
        const folder = portfolioFolder();
        const result = runSla(['evaluate', 'clients', '--from', '2026-02-20', '--now', '2026-02-15T03:00:00Z'], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("sla evaluate: Nothing to evaluate for all 2 agreements: their periods start (with --from 2026-02-20) at or after --now 2026-02-15T03:00:00Z (Alpha from 2026-02-20T00:00:00+01:00, Bravo from 2026-02-20T00:00:00-05:00). A portfolio is evaluated as of one time for every agreement: give --from 2026-02-14 or earlier, or a --now after 2026-02-20T00:00:00-05:00, the latest start of the 2 agreements' periods, or leave out --now to evaluate up to the present.\n");
        expect(runSla(['evaluate', 'clients', '--from', '2026-02-14', '--now', '2026-02-15T03:00:00Z'], { cwd: folder }).code).toBe(0);
        expect(runSla(['evaluate', 'clients', '--from', '2026-02-15', '--now', '2026-02-15T03:00:00Z'], { cwd: folder }).code).toBe(2);
    });

    test('--from/--to before one agreement is valid: it is left out and named in the notes, the others are evaluated (portfolio-period.test.ts)', () => {
        // Charlie, valid from 1 March, is not in force in January (nor yet on 15 February): January is Alpha's and Bravo's.
        const result = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'json'], { cwd: withCharlie() });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['Alpha', 'Bravo']);
        expect(report.notes).toContain('Not yet in force on 2026-02-15T00:00:00+00:00, so not evaluated: Charlie (valid from 2026-03-01).');
    });

    test('a --data-end name no agreement has a dataset for is refused with the datasets, nearest first', () => {
        const result = runSla(['evaluate', 'clients', ...PERIOD, '--data-end', 'reqests=2026-01-20'], { cwd: portfolioFolder() });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe("sla evaluate: --data-end reqests=2026-01-20: none of the 2 agreements has a dataset 'reqests'. Did you mean 'requests'? The datasets, nearest first: requests.\n");
    });

    test('--agreement that no agreement found is called: every file was searched; the nearest names, and a name differing in case', () => {
        const folder = withCharlie();
        const none = runSla(['evaluate', 'clients', '--agreement', 'Bravi'], { cwd: folder });
        expect(none.code).toBe(2);
        // Edit distances from 'bravi': bravo 1, alpha 4, charlie 6.
        expect(none.stderr).toBe("sla evaluate: none of the 3 agreements found in clients is called 'Bravi'. The nearest names: Bravo, Alpha, Charlie. Nothing was evaluated.\n");
        const lower = runSla(['evaluate', 'clients', '--agreement', 'charlie'], { cwd: folder });
        expect(lower.code).toBe(2);
        expect(lower.stderr).toBe("sla evaluate: none of the 3 agreements found in clients is called 'charlie'. Names are case-sensitive: did you mean 'Charlie'? The nearest names: Charlie, Alpha, Bravo. Nothing was evaluated.\n");
    });
});

describe('sla evaluate on a portfolio: the period and the counts', () => {
    test('period: instants [from, to) whatever the flags, as each agreement report states its own, in every format', () => {
        const folder = portfolioFolder();
        // --from/--to are days in each agreement's zone: Alpha's period starts first (Berlin), Bravo's ends last (New York).
        const expected = { from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00-05:00' };
        const flags = JSON.parse(runSla(['evaluate', 'clients', ...PERIOD, '--format', 'json'], { cwd: folder }).stdout);
        expect(flags.period).toEqual(expected);
        expect(flags.entries.map((entry: { report: { period: unknown } }) => entry.report.period)).toEqual([
            { from: '2026-01-01T00:00:00+01:00', to: '2026-02-01T00:00:00+01:00' },
            { from: '2026-01-01T00:00:00-05:00', to: '2026-02-01T00:00:00-05:00' }
        ]);
        // --from alone, and no flag but --now: the same format.
        const fromOnly = JSON.parse(runSla(['evaluate', 'clients', '--from', '2026-01-01', '--now', '2026-02-01T05:00:00Z', '--format', 'json'], { cwd: folder }).stdout);
        expect(fromOnly.period).toEqual(expected);
        const none = JSON.parse(runSla(['evaluate', 'clients', '--now', '2026-02-01T05:00:00Z', '--format', 'json'], { cwd: folder }).stdout);
        expect(none.period).toEqual(expected);
        const headline = `2 agreements from ${expected.from} to ${expected.to}: `;
        expect(runSla(['evaluate', 'clients', ...PERIOD], { cwd: folder }).stdout.startsWith(headline)).toBe(true);
        expect(runSla(['evaluate', 'clients', ...PERIOD, '--format', 'markdown'], { cwd: folder }).stdout).toContain(headline);
        expect(runSla(['evaluate', 'clients', ...PERIOD, '--format', 'html'], { cwd: folder }).stdout).toContain(headline);
    });

    test('an objective whose only window is in progress and breached counts as breached, as in the agreement report and the exit code', () => {
        // 15 January: January is in progress; Alpha's 8/10 = 80 % misses 90 % (at risk), Bravo's 10/10 meets it.
        const result = runSla(['evaluate', 'clients', '--from', '2026-01-01', '--now', '2026-01-15T00:00:00Z', '--format', 'json'], { cwd: portfolioFolder() });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        const alpha = report.entries.find((entry: { agreement: string }) => entry.agreement === 'Alpha');
        expect(alpha.report.objectives[0].windows.map((window: { status: string; partial: boolean }) => [window.status, window.partial])).toEqual([['breached', true]]);
        expect(alpha.status).toBe('at risk');
        expect(alpha.objectives).toEqual({ met: 0, breached: 1, noData: 0 });
        const bravo = report.entries.find((entry: { agreement: string }) => entry.agreement === 'Bravo');
        expect(bravo.objectives).toEqual({ met: 1, breached: 0, noData: 0 });
        const table = runSla(['evaluate', 'clients', '--from', '2026-01-01', '--now', '2026-01-15T00:00:00Z'], { cwd: portfolioFolder() });
        expect(table.stdout).toMatch(/Alpha Ltd\s+Alpha\s+AT RISK\s+0\/1\/0/);
    });
});

describe('sla evaluate on a portfolio: early warnings', () => {
    /** Two agreements (A and B) over one log, valid `validity` (UTC), with `members` after the dataset. */
    function pair(members: string, rows: string[], validity = '2026-01-01 to 2026-01-06'): string {
        const folder = temporaryFolder('early-warnings');
        fs.writeFileSync(path.join(folder, 'r.csv'), ['time,region,ok', ...rows].join('\n') + '\n');
        for (const name of ['A', 'B']) {
            fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), `agreement ${name} "${name}" {
    provider X "X"
    customer ${name} "${name} Ltd"
    valid from ${validity}
    timezone "UTC"
    dataset r "r" from "r.csv" {
        time   timestamp
        region text
        ok     boolean
    }
${members}}
`);
        }
        return folder;
    }

    test('rolling windows: a window is compared with the same window of the contract, not an earlier one that was met', () => {
        // Rows on 2 January 10:00, 3 January 10:00 and 11:00, 4 January 10:00. Windows of 2 days ending at each midnight:
        // [1, 3) 1 row, [2, 4) 3, [3, 5) 3, [4, 6) 1 (and the partial first one, none). The internal target (≤ 1) is missed
        // in [2, 4) and [3, 5), and so is the contract (≤ 2): no early warning. [1, 3), which holds 2 January, was met,
        // but it is another window.
        const folder = pair('    kpi C "c" = count(r)\n    objective C <= 2 per rolling 2 days\n    internal target C <= 1 per rolling 2 days owner "ops"\n',
            ['2026-01-02T10:00:00Z,eu,true', '2026-01-03T10:00:00Z,eu,true', '2026-01-03T11:00:00Z,eu,true', '2026-01-04T10:00:00Z,eu,true']);
        const report = JSON.parse(runSla(['evaluate', '.', '--format', 'json', '--now', '2027-01-01T00:00:00Z'], { cwd: folder }).stdout);
        const internal = report.entries[0].report.internalTargets[0].windows.filter((window: { status: string }) => window.status === 'breached').map((window: { start: string }) => window.start.slice(0, 10));
        expect(internal).toEqual(['2026-01-02', '2026-01-03']);
        expect(report.entries.map((entry: { earlyWarnings: unknown[] }) => entry.earlyWarnings)).toEqual([[], []]);
    });

    test('for each: the warning names the value (eu: 19 of 20 = 95 %, the contract\'s 95 % met, the internal 96 % missed; us: all ok)', () => {
        const rows: string[] = [];
        for (let day = 1; day <= 20; day++) {
            const at = `2026-03-${String(day).padStart(2, '0')}T12:00:00Z`;
            rows.push(`${at},eu,${day === 1 ? 'false' : 'true'}`, `${at},us,true`);
        }
        const folder = pair('    kpi Good "g" = share(r where ok of r)\n    objective Good >= 95% per calendar month for each region\n    internal target Good >= 96% per calendar month for each region owner "ops"\n',
            rows, '2026-03-01 to 2026-03-31');
        const result = runSla(['evaluate', '.', '--format', 'json', '--now', '2027-01-01T00:00:00Z'], { cwd: folder });
        const report = JSON.parse(result.stdout);
        expect(report.entries[0].earlyWarnings).toEqual([{ kpi: 'Good', window: 'calendar month', start: '2026-03-01T00:00:00+00:00', scopeValue: 'eu' }]);
        expect(runSla(['evaluate', '.', '--now', '2027-01-01T00:00:00Z'], { cwd: folder }).stdout).toMatch(/A Ltd\s+Good \(eu\)\s+calendar month/);
    });
});

describe('sla evaluate on a portfolio: one customer\'s agreement in two files is refused', () => {
    /** clients/old/alpha.sla: Alpha kept as it was, one folder down (its log one more `../` away). */
    function withOldAlpha(): string {
        const folder = portfolioFolder();
        fs.mkdirSync(path.join(folder, 'clients', 'old'));
        fs.writeFileSync(path.join(folder, 'clients', 'old', 'alpha.sla'), client('Alpha', 'alpha', 'Europe/Berlin', '1000 EUR').replace('"../requests.csv"', '"../../requests.csv"'));
        return folder;
    }
    const REFUSAL = "sla evaluate: Alpha (customer Alpha) is in 2 files: clients/alpha.sla:1:11, clients/old/alpha.sla:1:11. Each copy would be evaluated and its credits counted. Rename one (one customer's agreements need different names) or delete the copy, or pass only the files or folders that hold the one to evaluate. Nothing was evaluated.\n";

    test('a copy kept in a subfolder: exit 2 naming both places (`agreement Alpha`: line 1, column 11), nothing evaluated', () => {
        const folder = withOldAlpha();
        // Before: 3 agreements, Alpha breached twice, 2 × 10 % × 1,000 EUR = 200 EUR instead of 100 EUR.
        const result = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'csv'], { cwd: folder });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(REFUSAL);
        // --agreement Alpha selects both copies: refused the same; Bravo alone is one agreement, evaluated.
        expect(runSla(['evaluate', 'clients', '--agreement', 'Alpha', ...PERIOD], { cwd: folder }).stderr).toBe(REFUSAL);
        const bravo = runSla(['evaluate', 'clients', '--agreement', 'Bravo', ...PERIOD, '--format', 'json'], { cwd: folder });
        expect(bravo.code).toBe(0);
        expect(JSON.parse(bravo.stdout).agreement).toBe('Bravo');
    });

    test('one copy passed: evaluated once, 10 % × 1,000 EUR = 100 EUR; a file named twice is still read once', () => {
        const folder = withOldAlpha();
        for (const paths of [['clients/old', 'clients/bravo.sla'], ['clients/alpha.sla', 'clients/bravo.sla', 'clients/alpha.sla']]) {
            const result = runSla(['evaluate', ...paths, ...PERIOD, '--format', 'json'], { cwd: folder });
            expect(result.stderr).toBe('');
            expect(result.code).toBe(1);
            const report = JSON.parse(result.stdout);
            expect(report.entries.map((entry: { agreement: string }) => entry.agreement)).toEqual(['Alpha', 'Bravo']);
            expect(report.totals.credits).toEqual([{ currency: 'EUR', total: 100, provisionalTotal: 0 }, { currency: 'USD', total: 0, provisionalTotal: 0 }]);
        }
    });

    test('one name for two customers is two clients: both evaluated (Alpha 100 EUR; Delta, on bravo\'s rows, met)', () => {
        const folder = portfolioFolder();
        fs.writeFileSync(path.join(folder, 'clients', 'delta.sla'), client('Alpha', 'bravo', 'UTC', '500 EUR').replace('customer Alpha "Alpha Ltd"', 'customer Delta "Delta Ltd"'));
        const result = runSla(['evaluate', 'clients', ...PERIOD, '--format', 'json'], { cwd: folder });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.entries.map((entry: { agreement: string; client: string; status: string }) => [entry.agreement, entry.client, entry.status]))
            .toEqual([['Alpha', 'Alpha Ltd', 'breached'], ['Bravo', 'Bravo Ltd', 'met'], ['Alpha', 'Delta Ltd', 'met']]);
        expect(report.totals.credits).toEqual([{ currency: 'EUR', total: 100, provisionalTotal: 0 }, { currency: 'USD', total: 0, provisionalTotal: 0 }]);
    });
});

describe('sla evaluate --agreement: only the files of the agreements named must be free of errors', () => {
    /** clients/broken.sla: an agreement never closed (1 error, at the end of the file). */
    function withBroken(): string {
        const folder = portfolioFolder();
        fs.writeFileSync(path.join(folder, 'clients', 'broken.sla'), 'agreement Empty "x" {\n');
        return folder;
    }

    test('an unrelated broken file is warned of on stderr, and the agreement named is evaluated', () => {
        const result = runSla(['evaluate', 'clients', '--agreement', 'Bravo', ...PERIOD, '--format', 'json'], { cwd: withBroken() });
        // Before: exit 2, "clients/broken.sla has 1 error … Nothing was evaluated."
        expect(result.stderr).toBe('sla evaluate: warning: clients/broken.sla has 1 error (sla validate clients/broken.sla); not evaluated, as --agreement names no agreement of it.\n');
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).agreement).toBe('Bravo');
    });

    test('still refused: without --agreement, and when the file of the agreement named has errors', () => {
        const folder = withBroken();
        const all = runSla(['evaluate', 'clients', ...PERIOD], { cwd: folder });
        expect(all.code).toBe(2);
        expect(all.stderr).toMatch(/sla evaluate: clients\/broken\.sla has 1 error; fix it before evaluating \(sla validate clients\/broken\.sla\)\. Nothing was evaluated\.\n$/);
        expect(runSla(['evaluate', 'clients', '--agreement', 'Empty', ...PERIOD], { cwd: folder }).code).toBe(2);
        // A name found nowhere: every file counts (the name may be in one whose errors kept it from being read).
        fs.writeFileSync(path.join(folder, 'clients', 'bravo.sla'), client('Bravo', 'bravo', 'America/New_York', '2000 USD').replace('agreement Bravo', 'agrement Bravo'));
        const typo = runSla(['evaluate', 'clients', '--agreement', 'Bravo', ...PERIOD], { cwd: folder });
        expect(typo.code).toBe(2);
        expect(typo.stdout).toBe('');
        expect(typo.stderr).toContain('clients/bravo.sla:1:1: error:');
    });
});
