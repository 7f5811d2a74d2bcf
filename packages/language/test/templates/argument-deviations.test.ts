import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { agreementOf, catalogueClientText, hostingCatalogue } from './hosting-catalogue.js';

/**
 * A client's arguments are judged with the member they land in, as an override of that member
 * would be: the member with the client's values against the member with the defaults.
 * - The termination right fires on 2 breached months of any 4 (4 − 2 = 2 other months allowed
 *   among them), notice within 30 days. `noticeDays = 14 days` leaves the customer less time:
 *   loosened, as `notice within 14 days` written out is. `breaches = 3, lookback = 5` needs one
 *   more breach and leaves 5 − 3 = 2 other months, as before: one loosening, not two rows.
 * - The objective promises 99.9 %, 99.95 % from July, a minimum (Service Level Defaults) of
 *   99.5 %. `floor = 99%` lowers the minimum: fewer months are defaults — loosened (§ 9.4), as
 *   `minimum 99%` written out is. The standard written out (`>= 99.95% from`, `99.95 %` in the
 *   catalogue) is no deviation: steps compare by value, not by their spelling.
 */
const CATALOGUE = hostingCatalogue(`    parameter breaches count default 2
    parameter lookback count default 4
    parameter noticeDays duration default 30 days
    parameter floor percentage default 99.5 %
    parameter later percentage default 99.95 %
    objective Uptime >= 99.9% per calendar month, >= later from 2026-07-01, minimum floor
    termination Chronic "Months below the promise" when Uptime is breached in breaches of any lookback consecutive windows, notice within noticeDays
`);

const OBJECTIVE = 'objective Uptime >= 99.9% per calendar month, >= 99.95% from 2026-07-01';

const CLIENTS: Record<string, { args?: string; lines?: string }> = {
    Standard: {},
    Defaults: { args: 'breaches = 2, floor = 99.50 %' },
    Notice: { args: 'noticeDays = 14 days' },
    NoticeWritten: { lines: '    termination Chronic "Months below the promise" when Uptime is breached in 2 of any 4 consecutive windows, notice within 14 days\n' },
    SameSlack: { args: 'breaches = 3, lookback = 5' },
    Floor: { args: 'floor = 99%' },
    FloorWritten: { lines: `    ${OBJECTIVE}, minimum 99%\n` },
    Restated: { lines: `    ${OBJECTIVE}, minimum 99.5%\n` },
    Later: { args: 'later = 99.99 %' }
};

describe('arguments judged with the member they land in', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-argument-deviations-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    for (const [name, client] of Object.entries(CLIENTS)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, client));
    const { documents } = await loadSlaFiles(Object.keys(CLIENTS).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`/${name.toLowerCase()}.sla`))!;
    const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
    const warnings = (name: string) => (documentOf(name).diagnostics ?? []).filter(d => d.severity === 2).map(d => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);

    it('the defaults, also written as arguments, are no deviation', () => {
        expect(deviations('Standard')).toEqual([]);
        expect(deviations('Defaults')).toEqual([]);
    });

    it('a shorter notice by an argument loosens the right, as written out, with a warning at the argument', () => {
        expect(deviations('Notice')).toEqual([
            'loosened termination Chronic: 2 of any 4 consecutive windows, notice within 14 days instead of 2 of any 4 consecutive windows, notice within 30 days (noticeDays)'
        ]);
        expect(deviations('NoticeWritten')).toEqual([
            'loosened termination Chronic: 2 of any 4 consecutive windows, notice within 14 days instead of 2 of any 4 consecutive windows, notice within 30 days'
        ]);
        // `    with noticeDays = 14 days` is line 7 (0-based); the argument starts at column 9.
        expect(warnings('Notice')).toEqual(['sla/template-loosened 7:9']);
    });

    it('the counts of a right together: one more breach, the same other months among them, one loosening', () => {
        expect(deviations('SameSlack')).toEqual([
            'loosened termination Chronic: 3 of any 5 consecutive windows, notice within 30 days instead of 2 of any 4 consecutive windows, notice within 30 days (breaches, lookback)'
        ]);
        expect(warnings('SameSlack')).toEqual(['sla/template-loosened 7:9']);
    });

    it('a lower minimum service level loosens the promise, by an argument or written out', () => {
        expect(deviations('Floor')).toEqual([
            'loosened objective Uptime: 99.9%, >= 99.95 % from 2026-07-01, minimum 99 % instead of 99.9%, >= 99.95 % from 2026-07-01, minimum 99.5 % (floor)'
        ]);
        expect(deviations('FloorWritten')).toEqual([
            'loosened objective Uptime: 99.9%, >= 99.95% from 2026-07-01, minimum 99% instead of 99.9%, >= 99.95 % from 2026-07-01, minimum 99.5 %'
        ]);
        expect(warnings('Floor')).toEqual(['sla/template-loosened 7:9']);
    });

    it('the standard written out is no deviation; a higher step target tightens', () => {
        expect(deviations('Restated')).toEqual([]);
        expect(deviations('Later')).toEqual([
            'tightened objective Uptime: 99.9%, >= 99.99 % from 2026-07-01, minimum 99.5 % instead of 99.9%, >= 99.95 % from 2026-07-01, minimum 99.5 % (later)'
        ]);
    });
});
