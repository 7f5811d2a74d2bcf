// `sla export openslo --out DIR` then `sla import openslo DIR`: a folder is listed by file name,
// but the credits must come back in the order they were written (a cap on all credits together
// pays them in that order, language reference § 12.4), and each credit once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { root, runSla, temporaryFolder } from '../run-cli.js';

type Json = Record<string, any>;

/** `file` exported into a folder and imported back from it, in a copy of the file's folder (its data). */
function roundTrip(file: string): { original: string; imported: string; folder: string } {
    const copy = temporaryFolder('openslo-order');
    fs.cpSync(path.dirname(file), copy, { recursive: true });
    const original = path.join(copy, path.basename(file));
    const folder = path.join(copy, 'openslo');
    const exported = runSla(['export', 'openslo', original, '--out', folder]);
    expect(exported.code, exported.stderr).toBe(0);
    const imported = path.join(copy, 'imported.sla');
    const result = runSla(['import', 'openslo', folder, '--out', imported]);
    expect(result.code, result.stderr).toBe(0);
    return { original, imported, folder };
}

/** Each credit's KPI, total and window amounts, in the report's order. */
function credits(file: string, period: string[]): Array<[string, number, number[]]> {
    const report = JSON.parse(runSla(['evaluate', file, ...period, '--format', 'json']).stdout);
    return report.credits.map((c: Json) => [c.kpiKey, c.total, c.windows.map((w: Json) => w.amount)]);
}

describe('OpenSLO round trip through a folder: credits in the order written', () => {
    test('examples/at-risk-amount: the 12 % at-risk amount cuts Desk, written second, as in the original', () => {
        const { original, imported } = roundTrip(path.join(root, 'examples/at-risk-amount/lakeside-workplace.sla'));
        const period = ['--from', '2026-01-01', '--to', '2026-03-31', '--now', '2026-04-02T00:00:00Z'];
        // Fee 40,000 EUR a month; at most 12 % = 4,800 EUR of credits a month, paid in the order written (Platform, then Desk).
        // Platform·Availability: Jan 99.866 % → 0; Feb 98.81 % (below 99.0 %) → 10 % = 4,000; Mar 99.731 % (below 99.8 %) → 5 % = 2,000.
        // Desk·LateP1: 1,000 EUR per late P1: Jan 1 → 1,000; Feb 2 → 2,000; Mar 4 → 4,000, capped at 3,000.
        // Feb: 4,000 + 2,000 = 6,000 > 4,800 → Platform 4,000, Desk 800. Mar: 2,000 + 3,000 = 5,000 > 4,800 → Platform 2,000, Desk 2,800.
        // Platform 0 + 4,000 + 2,000 = 6,000; Desk 1,000 + 800 + 2,800 = 4,600. (In file-name order, Desk first: Desk 6,000, Platform 4,600.)
        const expected = [
            ['Platform.Availability', 6000, [0, 4000, 2000]],
            ['Desk.LateP1', 4600, [1000, 800, 2800]]
        ];
        expect(credits(original, period)).toEqual(expected);
        expect(credits(imported, period)).toEqual(expected);
        const text = fs.readFileSync(imported, 'utf8');
        expect(text.indexOf('service Platform')).toBeLessThan(text.indexOf('service Desk'));
    }, 60_000);

    test('the objects carry their place in the export; hand-written objects without one follow, in the order read', () => {
        const { folder } = roundTrip(path.join(root, 'examples/at-risk-amount/lakeside-workplace.sla'));
        const objects = fs.readdirSync(folder).map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
        const order = objects.map(o => Number(o.metadata.annotations['sla-language/order'])).sort((a, b) => a - b);
        expect(order).toEqual(objects.map((_, i) => i + 1));
        const services = objects.filter(o => o.kind === 'Service').sort((a, b) => Number(a.metadata.annotations['sla-language/order']) - Number(b.metadata.annotations['sla-language/order']));
        expect(services.map(s => s.metadata.name)).toEqual(['platform', 'desk']);
    }, 60_000);
});

/** Web: 100 requests in January 2026, 4 of them failed (4 %), two regions. */
function shopFolder(): string {
    const folder = temporaryFolder('openslo-credit-once');
    const rows = Array.from({ length: 100 }, (_, i) => `2026-01-05T10:${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}Z,${i < 4 ? 500 : 200},${i % 2 === 0 ? 'us' : 'eu'}`);
    fs.writeFileSync(path.join(folder, 'requests.csv'), ['time,status,region', ...rows].join('\n') + '\n');
    fs.writeFileSync(path.join(folder, 'shop.sla'), `agreement Shop "Shop" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    dataset requests "Requests" from "requests.csv" {
        time      timestamp
        status    integer
        region    text
    }

    service Web "Web" {
        kpi ErrorRate "Failed requests" = count(requests where status >= 500) / count(requests)
        objective ErrorRate <= 3% per calendar month
        objective ErrorRate <= 5% per calendar month for each region
        credit for ErrorRate per calendar month, capped at 50% of fee {
            above 3% : 10% of fee
        }
    }
}
`);
    return path.join(folder, 'shop.sla');
}

describe('OpenSLO round trip: a credit comes back once, however many objectives share its KPI and window', () => {
    const period = ['--from', '2026-01-01', '--to', '2026-01-31', '--now', '2026-02-01T00:00:00Z'];
    // 4 failed of 100 = 4 % > 3 %: 10 % of the 1,000 EUR fee = 100 EUR, once (twice would be 200 EUR).
    const once = [['Web.ErrorRate', 100, [100]]];

    test('the credit travels on one SLO, and is paid once after the round trip', () => {
        const file = shopFolder();
        expect(credits(file, period)).toEqual(once);
        const { imported, folder } = roundTrip(file);
        const slos = fs.readdirSync(folder).filter(name => name.startsWith('slo-')).map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
        expect(slos).toHaveLength(2);
        expect(slos.filter(slo => slo.metadata.annotations['sla-language/credit'] !== undefined)).toHaveLength(1);
        expect(credits(imported, period)).toEqual(once);
        expect(fs.readFileSync(imported, 'utf8').match(/credit for ErrorRate/g)).toHaveLength(1);
    }, 60_000);

    test('a credit carried on both SLOs (an earlier export, or by hand) is written once', () => {
        const file = shopFolder();
        const folder = path.join(path.dirname(file), 'openslo');
        expect(runSla(['export', 'openslo', file, '--out', folder]).code).toBe(0);
        const names = fs.readdirSync(folder).filter(name => name.startsWith('slo-'));
        const slos = names.map(name => YAML.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Json);
        const carrier = slos.find(slo => slo.metadata.annotations['sla-language/credit'] !== undefined)!;
        // As exports wrote it before: the credit on every SLO of its KPI and window, without its place.
        for (const [index, slo] of slos.entries()) {
            slo.metadata.annotations['sla-language/credit'] = carrier.metadata.annotations['sla-language/credit'];
            delete slo.metadata.annotations['sla-language/credit-order'];
            fs.writeFileSync(path.join(folder, names[index]!), YAML.stringify(slo));
        }
        const imported = path.join(path.dirname(file), 'imported.sla');
        const result = runSla(['import', 'openslo', folder, '--out', imported]);
        expect(result.code, result.stderr).toBe(0);
        expect(credits(imported, period)).toEqual(once);
    }, 60_000);
});
