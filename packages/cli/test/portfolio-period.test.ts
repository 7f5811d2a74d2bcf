/**
 * Which agreements a portfolio's period evaluates (docs/cli.md, "Portfolio"): one not in force
 * during the days asked — not yet in force at --now, or valid on none of the days — is left out
 * and named in the notes; when none is left, the refusal's advice, followed, evaluates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/** A Tokyo client of 100,000 JPY a month over the shared log, `>= 90 %` good requests a calendar month, 10 % of the fee below. */
const client = (name: string, validity: string) => `agreement ${name} "Web for ${name}" {
    customer ${name}KK "${name} K.K."
    valid from ${validity}
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

/**
 * Kilo (2026), Mike (from 15 January 2026), Lima's renewal (from 1 March 2026, signed early) and
 * Oscar (2025, ended): the files named in `clients`. Kilo's 10 January requests: 8 of 10 good.
 */
function folderOf(clients: Record<string, string>): string {
    const folder = temporaryFolder('portfolio-period');
    const rows = ['client,time,status', ...Array.from({ length: 10 }, (_, i) => `kilo,2026-01-10T10:0${i}:00+09:00,${i < 8 ? 200 : 500}`)];
    fs.writeFileSync(path.join(folder, 'requests.csv'), `${rows.join('\n')}\n`);
    for (const [name, validity] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), client(name, validity));
    return folder;
}

const KILO = { Kilo: '2026-01-01 to 2026-12-31' };
const MIKE = { Mike: '2026-01-15 to 2026-12-31' };
const LIMA = { Lima: '2026-03-01 to 2027-02-28' };
const OSCAR = { Oscar: '2025-01-01 to 2025-12-31' };
const JANUARY = ['--from', '2026-01-01', '--to', '2026-01-31'];
const FEB_15 = ['--now', '2026-02-15T12:00:00Z'];

const json = (folder: string, args: string[]) => {
    const result = runSla(['evaluate', '.', ...args, '--format', 'json'], { cwd: folder });
    expect(result.stderr).toBe('');
    return { code: result.code, report: JSON.parse(result.stdout) as { entries: Array<{ agreement: string; credits: unknown; report: { period: { from: string } } }>; notes: string[] } };
};

describe('sla evaluate on a portfolio: the agreements the period leaves out', () => {
    test('a renewal not yet in force, January asked on 15 February: the January report, the renewal named in the notes', () => {
        const { code, report } = json(folderOf({ ...KILO, ...LIMA }), [...JANUARY, ...FEB_15]);
        // Kilo: 8/10 = 80 % < 90 %, breached: 10 % × 100,000 JPY = 10,000 JPY.
        expect(code).toBe(1);
        expect(report.entries.map(entry => [entry.agreement, entry.credits])).toEqual([['Kilo', [{ currency: 'JPY', total: 10000, provisionalTotal: 0 }]]]);
        expect(report.notes).toContain('Not yet in force on 2026-02-15T12:00:00+00:00, so not evaluated: Lima (valid from 2026-03-01).');
    });

    test('an agreement that ended before the days asked: left out, named with its validity', () => {
        const { code, report } = json(folderOf({ ...KILO, ...OSCAR }), [...JANUARY, ...FEB_15]);
        expect(code).toBe(1);
        expect(report.entries.map(entry => entry.agreement)).toEqual(['Kilo']);
        expect(report.notes).toContain('Valid on none of the days asked (from 2026-01-01 to 2026-01-31), so not evaluated: Oscar (valid from 2025-01-01 to 2025-12-31).');
    });

    test('days on which no agreement is valid: refused with the days all agreements in force are valid, and those days evaluate', () => {
        const folder = folderOf({ ...KILO, ...MIKE, ...LIMA });
        const refused = runSla(['evaluate', '.', '--from', '2027-06-01', '--to', '2027-06-30', ...FEB_15], { cwd: folder });
        expect(refused.code).toBe(2);
        // Kilo and Mike are in force on 15 February, both valid from 15 January 2026 to 31 December 2026; Lima (from 1 March) is not yet.
        expect(refused.stderr).toBe('sla evaluate: Nothing to evaluate: the period starts on 2027-06-01, after Kilo is valid (from 2026-01-01 to 2026-12-31). Give --from and --to between 2026-01-15 and 2026-12-31, the days all 2 agreements are valid.\n');
        const { code, report } = json(folder, ['--from', '2026-01-15', '--to', '2026-01-31', ...FEB_15]);
        // Kilo's January is judged whole, from the 1st (evaluation-period.ts): its 10 January requests, 8/10 = 80 % < 90 %,
        // breached: 10 % × 100,000 JPY = 10,000 JPY; Mike (valid from the 15th) has none. Lima is left out.
        expect(code).toBe(1);
        expect(report.entries.map(entry => entry.agreement)).toEqual(['Kilo', 'Mike']);
        expect(report.entries.map(entry => [entry.agreement, entry.report.period.from, entry.credits])).toEqual([
            ['Kilo', '2026-01-01T00:00:00+09:00', [{ currency: 'JPY', total: 10000, provisionalTotal: 0 }]],
            ['Mike', '2026-01-15T00:00:00+09:00', [{ currency: 'JPY', total: 0, provisionalTotal: 0 }]]
        ]);
        expect(report.notes).toContain('Not yet in force on 2026-02-15T12:00:00+00:00, so not evaluated: Lima (valid from 2026-03-01).');
    });

    test('the only agreement valid on the days asked is not yet in force: refused with a --now after its start, which evaluates', () => {
        const folder = folderOf({ ...LIMA, ...OSCAR });
        const march = ['--from', '2026-03-01', '--to', '2026-03-31'];
        const refused = runSla(['evaluate', '.', ...march, ...FEB_15], { cwd: folder });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('(Lima from 2026-03-01T00:00:00+09:00)');
        expect(refused.stderr).toContain('a --now after 2026-03-01T00:00:00+09:00');
        const { code, report } = json(folder, [...march, '--now', '2026-04-01T00:00:00Z']);
        expect(code).toBe(0);
        expect(report.entries.map(entry => entry.agreement)).toEqual(['Lima']);
        expect(report.notes).toContain('Valid on none of the days asked (from 2026-03-01 to 2026-03-31), so not evaluated: Oscar (valid from 2025-01-01 to 2025-12-31).');
    });

    test('one agreement in force, the other not yet: the refusal speaks of that one agreement, not of "all 1 agreements"', () => {
        const folder = folderOf({ ...KILO, ...LIMA });
        // --from 2026-02-20 after --now 2026-02-15: Kilo's period starts after now; Lima is not yet in force (left out).
        const refused = runSla(['evaluate', '.', '--from', '2026-02-20', ...FEB_15], { cwd: folder });
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('Nothing to evaluate for the one agreement in force: its period starts (with --from 2026-02-20) at or after --now 2026-02-15T12:00:00Z (Kilo from 2026-02-20T00:00:00+09:00).');
        expect(refused.stderr).toContain('a --now after 2026-02-20T00:00:00+09:00, the start of its period,');
        expect(refused.stderr).not.toMatch(/\b1 agreements/);
    });
});
