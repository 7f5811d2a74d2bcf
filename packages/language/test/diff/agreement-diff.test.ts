import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWorkspaces, type WorkspaceDiff } from '../../src/diff/workspace-diff.js';
import { loadSlaFiles } from '../../src/node.js';
import { diffCatalogue, diffClient } from './diff-catalogue.js';

/**
 * `sla diff`: what a new version of an agreement changes, judged from the customer's side. Each
 * version is written into a folder of its own and loaded into language services of its own (the
 * two hold the same names).
 */
async function diff(before: Record<string, string>, after: Record<string, string>): Promise<WorkspaceDiff> {
    const load = async (files: Record<string, string>) => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-diff-'));
        for (const [name, text] of Object.entries(files)) {
            fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
            fs.writeFileSync(path.join(root, name), text);
        }
        const { documents } = await loadSlaFiles(Object.keys(files).filter(name => !name.startsWith('lib/')).map(name => path.join(root, name)));
        return { documents, root };
    };
    return diffWorkspaces(await load(before), await load(after));
}

/** Hosting, 2026 (UTC), 10,000 EUR a month, with `members` after its KPI. */
const hosting = (members: string, head = '') => `agreement Hosting "Managed hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month
${head}
    dataset incidents "Incidents" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
        cause    text
    }

    kpi Uptime "Share of time up" = uptime(incidents, from started to resolved)
${members}
}
`;

const OBJECTIVE = '    objective Uptime >= 99.9% per calendar month\n';
const CREDIT = `    credit for Uptime per calendar month, capped at 50% of fee {
        below 99.9% : 10% of fee
        below 99.0% : 25% of fee
    }
`;

/** The changes of the one agreement, as [kind, member, text, loosens]. */
async function changes(before: string, after: string) {
    const result = await diff({ 'hosting.sla': before }, { 'hosting.sla': after });
    return result.agreements[0]!.changes.map(change => [change.kind, change.member, change.text, change.loosens]);
}

describe('sla diff: an agreement against its earlier version', () => {
    it('a lower internal target is shown as loosened but loosens no promise (the provider\'s own goal: no exit 1)', async () => {
        const internal = (target: string) => hosting(`${OBJECTIVE}    internal target Uptime >= ${target} per calendar month owner "Ops"\n`);
        expect(await changes(internal('99.95%'), internal('99.0%'))).toEqual([['loosened', 'internal target Uptime', '99.0% instead of 99.95%', false]]);
        const result = await diff({ 'hosting.sla': internal('99.95%') }, { 'hosting.sla': internal('99.0%') });
        expect(result.totals.loosening).toBe(0);
        // The objective loosened: a promise.
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE.replace('99.9%', '99.5%')))).toEqual([['loosened', 'objective Uptime', '99.5% instead of 99.9%', true]]);
    });

    it('a higher target for >= is tightened; a lower one is loosened, and loosens a promise', async () => {
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE.replace('99.9%', '99.95%')))).toEqual([['tightened', 'objective Uptime', '99.95% instead of 99.9%', false]]);
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE.replace('99.9%', '99.5%')))).toEqual([['loosened', 'objective Uptime', '99.5% instead of 99.9%', true]]);
    });

    it('a stricter target judged per another field is another promise: replaced', async () => {
        const perCause = OBJECTIVE.replace('99.9% per calendar month', '99.95% per calendar month for each cause');
        expect(await changes(hosting(OBJECTIVE), hosting(perCause))).toEqual([['replaced', 'objective Uptime', 'objective Uptime >= 99.95% per calendar month for each cause instead of objective Uptime >= 99.9% per calendar month', false]]);
    });

    it('comments, blank lines and indentation are no change', async () => {
        const result = await diff({ 'hosting.sla': hosting(OBJECTIVE) }, { 'hosting.sla': `// Reviewed 2026-12-01.\n${hosting(`\n        objective   Uptime >= 99.9% /* as agreed */ per calendar month // monthly\n`)}` });
        expect(result.agreements.map(agreement => [agreement.agreement, agreement.status, agreement.changes.length])).toEqual([['Hosting', 'unchanged', 0]]);
        expect(result.totals).toEqual({ compared: 1, changed: 0, added: 0, removed: 0, loosening: 0 });
    });

    it('a promise removed loosens; one added is added', async () => {
        expect(await changes(hosting(OBJECTIVE), hosting(''))).toEqual([['removed', 'objective Uptime', 'removed: objective Uptime >= 99.9% per calendar month', true]]);
        expect(await changes(hosting(''), hosting(OBJECTIVE))).toEqual([['added', 'objective Uptime', 'added: objective Uptime >= 99.9% per calendar month', false]]);
    });

    it('credits: a tier paying less, paying in fewer windows, or a lower cap is loosened; a tier more is tightened; the text names what differs', async () => {
        const credit = (text: string) => hosting(OBJECTIVE + text);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('10% of fee', '5% of fee')))).toEqual([['loosened', 'credit Uptime', 'below 99.9% : 5% of fee instead of below 99.9% : 10% of fee', true]]);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('capped at 50%', 'capped at 30%')))).toEqual([['loosened', 'credit Uptime', 'capped at 30% of fee instead of capped at 50% of fee', true]]);
        // `below 98.0%` pays in fewer months than `below 99.0%`.
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('below 99.0%', 'below 98.0%')))).toEqual([['loosened', 'credit Uptime', 'below 98.0% : 25% of fee instead of below 99.0% : 25% of fee', true]]);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('        below 99.0% : 25% of fee\n', '        below 99.0% : 25% of fee\n        below 95.0% : 50% of fee\n')))).toEqual([['tightened', 'credit Uptime', 'below 95.0% : 50% of fee instead of no such tier', false]]);
        // More paid in one tier, less in the other; another kind of condition: replaced.
        expect((await changes(credit(CREDIT), credit(CREDIT.replace('10% of fee', '15% of fee').replace('25% of fee', '20% of fee'))))[0]!.slice(0, 2)).toEqual(['replaced', 'credit Uptime']);
        expect((await changes(credit(CREDIT), credit(CREDIT.replace('below 99.9%', 'missed'))))[0]!.slice(0, 3)).toEqual(['replaced', 'credit Uptime', 'missed : 10% of fee instead of below 99.9% : 10% of fee']);
    });

    it('an exclusion added loosens; one removed tightens; a KPI with another formula is replaced', async () => {
        const exclusion = '    exclusion CustomerCaused "Outages the customer caused" = incidents where cause = "customer"\n';
        expect((await changes(hosting(OBJECTIVE), hosting(OBJECTIVE + exclusion)))[0]!.slice(0, 2)).toEqual(['loosened', 'exclusion CustomerCaused']);
        expect((await changes(hosting(OBJECTIVE + exclusion), hosting(OBJECTIVE)))[0]!.slice(0, 2)).toEqual(['tightened', 'exclusion CustomerCaused']);
        const kpi = await changes(hosting(OBJECTIVE), hosting(OBJECTIVE).replace('uptime(incidents, from started to resolved)', 'uptime(incidents where cause != "planned", from started to resolved)'));
        expect(kpi).toEqual([['replaced', 'kpi Uptime', 'kpi Uptime "Share of time up" = uptime(incidents where cause != "planned", from started to resolved) instead of kpi Uptime "Share of time up" = uptime(incidents, from started to resolved); it measures objective Uptime per calendar month', false]]);
    });

    it('a KPI with another formula names the promises it measures: on it, and on the KPIs built on it', async () => {
        const built = `    kpi Downtime "Share of time down" = 100% - Uptime
    kpi Other "Not built on Uptime" = uptime(incidents where cause = "x", from started to resolved)
    objective Uptime >= 99.9% per calendar month
    internal target Uptime >= 99.95% per calendar month
    objective Downtime <= 0.5% per calendar quarter
    objective Other >= 99% per calendar month
${CREDIT}`;
        const change = await changes(hosting(built), hosting(built).replace('uptime(incidents, from started to resolved)', 'uptime(incidents where cause != "planned", from started to resolved)'));
        expect(change).toHaveLength(1);
        expect(change[0]![2]).toMatch(/; it measures objective Uptime per calendar month, internal target Uptime per calendar month, objective Downtime per calendar quarter, credit Uptime per calendar month$/);
        // A KPI no promise reads: the formulas alone.
        expect((await changes(hosting(''), hosting('').replace('from started to resolved)', 'from started to resolved) ')))).toEqual([]);
        const unread = await changes(hosting(''), hosting('').replace('uptime(incidents, from started to resolved)', 'uptime(incidents where cause != "planned", from started to resolved)'));
        expect(unread[0]![2]).not.toContain('it measures');
    });

    it('a calendar: replaced, with its working hours a week and the days off that changed', async () => {
        const calendar = (hours: string, days: string) => `    calendar SupportHours "Support hours" {\n        monday to friday ${hours}\n${days}    }\n`;
        const before = calendar('08:00 to 18:00', '        except 2026-12-24 "Christmas Eve"\n');
        // 5 × 10 hours = 50 a week; 5 × 8 = 40.
        expect(await changes(hosting(OBJECTIVE + before), hosting(OBJECTIVE + calendar('09:00 to 17:00', '        except 2026-12-31 "New Year\'s Eve"\n')))).toEqual([
            ['replaced', 'calendar SupportHours', '40 working hours a week instead of 50 working hours a week; days off added: 2026-12-31; days off removed: 2026-12-24', false]
        ]);
        // Another title only: the text as written.
        expect((await changes(hosting(OBJECTIVE + before), hosting(OBJECTIVE + before.replace('"Support hours"', '"Service desk hours"'))))[0]!.slice(0, 2)).toEqual(['replaced', 'calendar SupportHours']);
    });

    it('the fee and the zone: the fee is changed (no promise), the zone replaced (every window moves)', async () => {
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE).replace('10000 EUR', '12000 EUR'))).toEqual([['changed', 'fee', 'fee 12000 EUR per calendar month instead of fee 10000 EUR per calendar month', false]]);
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE).replace('"UTC"', '"Europe/Berlin"'))).toEqual([['replaced', 'timezone', 'timezone "Europe/Berlin" instead of timezone "UTC"', false]]);
    });

    it('a termination right that needs more breached windows is loosened; fewer, tightened; on another KPI, replaced', async () => {
        const right = (rule: string, kpi = 'Uptime') => `${OBJECTIVE}    kpi Up2 "Second" = uptime(incidents, from started to resolved)
    objective Up2 >= 99% per calendar month
    termination Chronic "Months in a row" when ${kpi} is breached in ${rule} consecutive windows
`;
        expect(await changes(hosting(right('3')), hosting(right('4')))).toEqual([['loosened', 'termination Chronic', '4 consecutive windows instead of 3 consecutive windows', true]]);
        expect(await changes(hosting(right('3')), hosting(right('2 of any 6')))).toEqual([['tightened', 'termination Chronic', '2 of any 6 consecutive windows instead of 3 consecutive windows', false]]);
        expect(await changes(hosting(right('3')), hosting(right('3', 'Up2')))).toEqual([['replaced', 'termination Chronic', 'on Up2 instead of Uptime', false]]);
    });

    it('a minimum sample of more rows, or an earn-back after fewer met windows, is loosened; the opposite tightened', async () => {
        // More rows needed: more windows are insufficient data, never breached. Earned back sooner: fewer credits paid.
        const desk = (rows: string, earnBack: string) => hosting(`    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        hours  number
    }
    kpi MeanHours "Mean hours" = avg(tickets.hours)
    objective MeanHours <= 8 per calendar month${rows ? ` with at least ${rows}` : ''}
    credit for MeanHours per calendar month, capped at 50% of fee {
        above 8: 5% of fee
${earnBack ? `        earned back after ${earnBack} met windows\n` : ''}    }
`);
        expect(await changes(desk('20 tickets', '3'), desk('200 tickets', '1'))).toEqual([
            ['loosened', 'objective MeanHours', '8 with at least 200 tickets instead of 8 with at least 20 tickets', true],
            ['loosened', 'credit MeanHours', 'earned back after 1 met windows instead of earned back after 3 met windows', true]
        ]);
        expect(await changes(desk('20 tickets', '3'), desk('', ''))).toEqual([
            ['tightened', 'objective MeanHours', '8 instead of 8 with at least 20 tickets', false],
            ['tightened', 'credit MeanHours', 'no earn-back instead of earned back after 3 met windows', false]
        ]);
        // Rows of another dataset: another promise.
        expect((await changes(desk('20 tickets', '3'), desk('20 incidents', '3')))[0]!.slice(0, 2)).toEqual(['replaced', 'objective MeanHours']);
    });

    it('the small-volume rule: more failing items allowed, or the rule removed, is loosened; fewer, or the rule added, tightened', async () => {
        // Removed: the thin windows are insufficient data again, never breached. Added: they are judged, and can be breached.
        const desk = (sample: string) => hosting(`    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        late   boolean
    }
    kpi OnTime "Tickets on time" = share(tickets where not late of tickets)
    objective OnTime >= 95% per calendar month with at least 20 tickets${sample}
`);
        expect(await changes(desk(', else at most 1 failing'), desk(', else at most 2 failing'))).toEqual([
            ['loosened', 'objective OnTime', '95% with at least 20 tickets, else at most 2 failing instead of 95% with at least 20 tickets, else at most 1 failing', true]
        ]);
        expect((await changes(desk(', else at most 1 failing'), desk('')))[0]!.slice(0, 2)).toEqual(['loosened', 'objective OnTime']);
        expect((await changes(desk(''), desk(', else at most 0 failing')))[0]!.slice(0, 2)).toEqual(['tightened', 'objective OnTime']);
    });

    it('a credit\'s claim terms: less time to claim, a higher minimum, a smaller escalation loosen; an escalation added tightens; settlement added is another credit', async () => {
        const credit = (terms: string) => hosting(`${OBJECTIVE}    credit for Uptime per calendar month, capped at 50% of fee {
        below 99.9% : 10% of fee
${terms.split('; ').filter(Boolean).map(term => `        ${term}\n`).join('')}    }
`);
        const base = 'claim within 30 days; no credit below 50 EUR; raised by 50% per consecutive breach, at most 200%';
        const judged = async (terms: string) => (await changes(credit(base), credit(terms))).map(([kind, , text, loosens]) => [kind, text, loosens]);
        expect(await judged('claim within 14 days; no credit below 50 EUR; raised by 50% per consecutive breach, at most 200%')).toEqual([
            ['loosened', 'claim within 14 days instead of claim within 30 days', true]
        ]);
        expect(await judged('claim within 30 days; no credit below 100 EUR; raised by 25% per consecutive breach, at most 200%')).toEqual([
            ['loosened', 'no credit below 100 EUR; raised by 25% per consecutive breach, at most 200% instead of no credit below 50 EUR; raised by 50% per consecutive breach, at most 200%', true]
        ]);
        expect(await judged('claim within 60 days; no credit below 50 EUR; raised by 50% per consecutive breach')).toEqual([
            ['tightened', 'claim within 60 days; raised by 50% per consecutive breach instead of claim within 30 days; raised by 50% per consecutive breach, at most 200%', false]
        ]);
        expect(await judged('claim within 30 days; no credit below 50 EUR')).toEqual([
            ['loosened', 'no repeat escalation instead of raised by 50% per consecutive breach, at most 200%', true]
        ]);
        expect((await judged(`${base}; applied to next invoice`))[0]!.slice(0, 2)).toEqual(['replaced', 'applied to next invoice instead of no settlement on the next invoice']);
        // 50 EUR against 50 USD: not comparable.
        expect((await judged(base.replace('50 EUR', '50 USD')))[0]![0]).toBe('replaced');
    });

    it('an agreement removed is counted as loosening; one added is not', async () => {
        const result = await diff({ 'hosting.sla': hosting(OBJECTIVE) }, { 'other.sla': hosting(OBJECTIVE).replace('agreement Hosting', 'agreement Other') });
        expect(result.agreements.map(agreement => [agreement.agreement, agreement.status, agreement.file])).toEqual([['Other', 'added', 'other.sla'], ['Hosting', 'removed', 'hosting.sla']]);
        expect(result.totals).toEqual({ compared: 0, changed: 0, added: 1, removed: 1, loosening: 1 });
    });
});

describe('sla diff: a target written another way, or compared strictly', () => {
    it('the same target in other words is changed, not replaced (no promise moves)', async () => {
        expect(await changes(hosting(OBJECTIVE), hosting(OBJECTIVE.replace('99.9%', '99.90%')))).toEqual([
            ['changed', 'objective Uptime', 'written another way: objective Uptime >= 99.90% per calendar month instead of objective Uptime >= 99.9% per calendar month', false]
        ]);
    });

    it('> instead of >= on the same target is tightened (the target itself now breaches); the opposite loosened', async () => {
        const strict = OBJECTIVE.replace('>= 99.9%', '> 99.9%');
        expect(await changes(hosting(OBJECTIVE), hosting(strict))).toEqual([['tightened', 'objective Uptime', '> 99.9% instead of >= 99.9%', false]]);
        expect(await changes(hosting(strict), hosting(OBJECTIVE))).toEqual([['loosened', 'objective Uptime', '>= 99.9% instead of > 99.9%', true]]);
    });
});

describe('sla diff: a maintenance window judged where it takes time out of a promise', () => {
    /** Hosting's uptime excluding Patching (`slots` and `notice` inside it), its objective and credit. */
    const patched = (slots: string, notice = '    notice 72 hours\n', excluded = true) => hosting(`${OBJECTIVE}${CREDIT}`, `    maintenance Patching "Patching" {\n${slots}${notice}    }\n`)
        .replace('uptime(incidents, from started to resolved)', `uptime(incidents, from started to resolved)${excluded ? ' excluding Patching' : ''}`);
    const SUNDAY = '        every sunday 02:00 to 04:00\n';
    const PROMISES = 'it takes time out of objective Uptime per calendar month, credit Uptime per calendar month';

    it('a longer slot and a shorter notice: loosened, and it loosens a promise (exit 1)', async () => {
        expect(await changes(patched(SUNDAY), patched('        every sunday 01:00 to 05:00\n', '    notice 48 hours\n'))).toEqual([[
            'loosened', 'maintenance Patching',
            `4 hours a week instead of 2 hours a week (every sunday 01:00 to 05:00 instead of every sunday 02:00 to 04:00); notice 48 hours instead of notice 72 hours; ${PROMISES}`, true
        ]]);
        const result = await diff({ 'hosting.sla': patched(SUNDAY) }, { 'hosting.sla': patched(SUNDAY, '') });
        expect(result.totals.loosening).toBe(1); // no notice asked any more
    });

    it('less time or a longer notice: tightened; every day instead of sundays: loosened', async () => {
        expect(await changes(patched(SUNDAY), patched('        every sunday 02:00 to 03:00\n'))).toEqual([
            ['tightened', 'maintenance Patching', `1 hour a week instead of 2 hours a week (every sunday 02:00 to 03:00 instead of every sunday 02:00 to 04:00); ${PROMISES}`, false]
        ]);
        expect(await changes(patched(SUNDAY), patched(SUNDAY, '    notice 5 days\n'))).toEqual([['tightened', 'maintenance Patching', `notice 5 days instead of notice 72 hours; ${PROMISES}`, false]]);
        // 7 × 2 = 14 hours a week.
        expect((await changes(patched(SUNDAY), patched('        every day 02:00 to 04:00\n')))[0]!.slice(0, 2)).toEqual(['loosened', 'maintenance Patching']);
    });

    it('a slot over midnight compared minute by minute: 23:00 to 01:00 lies inside 22:00 to 02:00', async () => {
        const [[kind, , text]] = await changes(patched('        every saturday 22:00 to 02:00\n'), patched('        every saturday 23:00 to 01:00\n')) as [string, string, string][];
        expect([kind, text.startsWith('2 hours a week instead of 4 hours a week')]).toEqual(['tightened', true]);
    });

    it('moved (earlier and later at once) is another schedule: replaced, no loosening', async () => {
        expect(await changes(patched(SUNDAY), patched('        every sunday 03:00 to 05:00\n'))).toEqual([
            ['replaced', 'maintenance Patching', `weekly slots every sunday 03:00 to 05:00 instead of every sunday 02:00 to 04:00; ${PROMISES}`, false]
        ]);
    });

    it('a one-off slot added is more time; removed, less', async () => {
        const once = `${SUNDAY}        on 2026-03-01 01:00 to 03:00\n`;
        expect(await changes(patched(SUNDAY), patched(once))).toEqual([['loosened', 'maintenance Patching', `added: on 2026-03-01 01:00 to 03:00; ${PROMISES}`, true]]);
        expect(await changes(patched(once), patched(SUNDAY))).toEqual([['tightened', 'maintenance Patching', `removed: on 2026-03-01 01:00 to 03:00; ${PROMISES}`, false]]);
    });

    it('a maintenance no promise excludes is another schedule, not a loosened promise; another title alone is changed', async () => {
        expect(await changes(patched(SUNDAY, undefined, false), patched('        every sunday 00:00 to 06:00\n', undefined, false))).toEqual([
            ['replaced', 'maintenance Patching', '6 hours a week instead of 2 hours a week (every sunday 00:00 to 06:00 instead of every sunday 02:00 to 04:00)', false]
        ]);
        const [[kind]] = await changes(patched(SUNDAY), patched(SUNDAY).replace('"Patching" {', '"Weekly patching" {')) as [string][];
        expect(kind).toBe('changed');
    });
});

describe('sla diff: an exclusion during a maintenance, judged by its cap', () => {
    /** Hosting with Patching and an exclusion `during` it written `rest` (its cap, counted as available). */
    const excluded = (rest: string, text = 'Patching as agreed') => hosting(OBJECTIVE, `    maintenance Patching "Patching" {\n        every sunday 02:00 to 04:00\n        notice 72 hours\n    }\n    exclusion Planned "${text}" during Patching${rest}\n`);
    const YEAR = ', at most 10 hours per calendar year';

    it('a higher cap, or none, loosens (exit 1); a lower one, or a cap added, tightens', async () => {
        expect(await changes(excluded(YEAR), excluded(', at most 20 hours per calendar year'))).toEqual([
            ['loosened', 'exclusion Planned', 'at most 20 hours per calendar year instead of at most 10 hours per calendar year', true]
        ]);
        expect(await changes(excluded(YEAR), excluded(''))).toEqual([['loosened', 'exclusion Planned', 'no cap instead of at most 10 hours per calendar year', true]]);
        expect(await changes(excluded(YEAR), excluded(', at most 5 hours per calendar year'))).toEqual([
            ['tightened', 'exclusion Planned', 'at most 5 hours per calendar year instead of at most 10 hours per calendar year', false]
        ]);
        expect(await changes(excluded(''), excluded(YEAR))).toEqual([['tightened', 'exclusion Planned', 'at most 10 hours per calendar year instead of no cap', false]]);
    });

    it('the same cap in other units is no change of the promise; per another period, or counted as available, is replaced; new wording alone is changed', async () => {
        expect(await changes(excluded(YEAR), excluded(', at most 600 minutes per calendar year'))).toEqual([['changed', 'exclusion Planned', 'written another way: exclusion Planned "Patching as agreed" during Patching, at most 600 minutes per calendar year instead of exclusion Planned "Patching as agreed" during Patching, at most 10 hours per calendar year', false]]);
        expect((await changes(excluded(YEAR), excluded(', at most 1 hours per calendar month')))[0]!.slice(0, 2)).toEqual(['replaced', 'exclusion Planned']);
        expect(await changes(excluded(YEAR), excluded(`${YEAR}, counted as available`))).toEqual([['replaced', 'exclusion Planned', 'counted as available instead of not counted as available', false]]);
        expect(await changes(excluded(YEAR), excluded(YEAR, 'Patching, as agreed in 2026'))).toEqual([['changed', 'exclusion Planned', '"Patching, as agreed in 2026" instead of "Patching as agreed"', false]]);
    });
});

describe('sla diff: a calendar that only business time is measured with', () => {
    /** Hosting's response clock: P1 tickets answered within 30 minutes of `Support` time (its `hours`, days off `except`). */
    const desk = (hours: string, except = '', members = '    objective Response <= 30 minutes per calendar month\n') => hosting(`    kpi Response "Time to respond" = max(elapsed(tickets.opened, tickets.responded) during Support)
${members}`, `    calendar Support "Support hours" {
        ${hours}
${except}    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened    timestamp
        responded timestamp optional
    }
`);
    const WEEKDAYS = 'monday to friday 08:00 to 18:00';

    it('fewer working hours (24×7 cut to weekdays) loosen: the limit expires later in wall-clock time (exit 1); more tighten', async () => {
        expect(await changes(desk('monday to sunday 00:00 to 24:00'), desk(WEEKDAYS))).toEqual([[
            'loosened', 'calendar Support',
            '50 working hours a week instead of 168 working hours a week; business time of objective Response per calendar month is counted during it: limits expire later in wall-clock time', true
        ]]);
        expect((await changes(desk(WEEKDAYS), desk('monday to friday 07:00 to 19:00')))[0]!.slice(0, 2)).toEqual(['tightened', 'calendar Support']);
        // A day off added: less working time.
        expect((await changes(desk(WEEKDAYS), desk(WEEKDAYS, '        except 2026-12-24\n')))[0]!.slice(0, 2)).toEqual(['loosened', 'calendar Support']);
    });

    it('hours moved (earlier and later at once), an uptime during it, or business days: replaced', async () => {
        expect((await changes(desk(WEEKDAYS), desk('monday to friday 09:00 to 19:00')))[0]!.slice(0, 2)).toEqual(['replaced', 'calendar Support']);
        const uptime = (hours: string) => desk(hours, '', `    kpi Up "Uptime in support hours" = uptime(incidents, from started to resolved) during Support\n    objective Up >= 99.9% per calendar month\n`);
        expect((await changes(uptime('monday to sunday 00:00 to 24:00'), uptime(WEEKDAYS)))[0]!.slice(0, 2)).toEqual(['replaced', 'calendar Support']);
        const days = (hours: string) => desk(hours, '', '    objective each tickets: Response <= 2 business days per calendar month\n').replace('max(elapsed(tickets.opened, tickets.responded) during Support)', 'elapsed(opened, responded) during Support');
        expect((await changes(days('monday to sunday 00:00 to 24:00'), days(WEEKDAYS)))[0]!.slice(0, 2)).toEqual(['replaced', 'calendar Support']);
    });
});

describe('sla diff: calendars and maintenance declared outside the agreement', () => {
    /** Hosting measured `during Office` and `excluding Patching`, both declared in lib.sla (imported). */
    const measured = hosting(`    kpi Response "Uptime in office hours" = uptime(incidents, from started to resolved) during Office excluding Patching
    objective Response >= 99.5% per calendar month
`).replace('agreement Hosting', 'import "lib/lib.sla"\nagreement Hosting');
    const lib = (hours: string, patching: string) => `calendar Office "Office hours" {
    monday to friday ${hours}
}
maintenance Patching "Patching" {
    every sunday ${patching}
    notice 72 hours
}
`;
    const both = async (before: string, after: string) => {
        const result = await diff({ 'hosting.sla': measured, 'lib/lib.sla': before }, { 'hosting.sla': measured, 'lib/lib.sla': after });
        return result.agreements[0]!.changes.map(change => [change.kind, change.member, change.text]);
    };

    it('an imported calendar with other hours: replaced, with the hours (10 a day five days a week → 8)', async () => {
        expect(await both(lib('08:00 to 18:00', '02:00 to 04:00'), lib('09:00 to 17:00', '02:00 to 04:00'))).toEqual([
            ['replaced', 'calendar Office', '40 working hours a week instead of 50 working hours a week']
        ]);
    });

    it('an imported maintenance with a longer slot, which the uptime excludes: loosened, with the hours', async () => {
        expect(await both(lib('08:00 to 18:00', '02:00 to 04:00'), lib('08:00 to 18:00', '00:00 to 06:00'))).toEqual([[
            'loosened', 'maintenance Patching',
            '6 hours a week instead of 2 hours a week (every sunday 00:00 to 06:00 instead of every sunday 02:00 to 04:00); it takes time out of objective Response per calendar month'
        ]]);
    });

    it('the same definitions written again: no change', async () => {
        expect(await both(lib('08:00 to 18:00', '02:00 to 04:00'), `// moved\n${lib('08:00 to 18:00', '02:00 to 04:00')}`)).toEqual([]);
    });

    it('a calendar parameter defaulting to another calendar: the clients that take the default are measured with it', async () => {
        const catalogue = (calendar: string) => `calendar Office "Office hours" {
    monday to friday 08:00 to 18:00
}
calendar Extended "Extended hours" {
    monday to saturday 07:00 to 20:00
}
${diffCatalogue('99.9 %').replace('    parameter availability', `    parameter hours calendar default ${calendar}\n    parameter availability`).replace('uptime(incidents, from started to resolved)', 'uptime(incidents, from started to resolved) during hours')}`;
        const clients = { 'northwind.sla': diffClient('Northwind'), 'contoso.sla': diffClient('Contoso', '    with hours = Office\n') };
        const result = await diff({ 'catalogue.sla': catalogue('Office'), ...clients }, { 'catalogue.sla': catalogue('Extended'), ...clients });
        const byName = new Map(result.agreements.map(agreement => [agreement.agreement, agreement]));
        expect(byName.get('Northwind')!.changes.map(change => [change.kind, change.member, change.text])).toEqual([['replaced', 'calendars measured with', 'Extended instead of Office']]);
        expect(byName.get('Contoso')!.status).toBe('unchanged');
    });
});

describe('sla diff: clients of a template', () => {
    const files = (availability: string) => ({
        'catalogue.sla': diffCatalogue(availability),
        'northwind.sla': diffClient('Northwind'),
        'contoso.sla': diffClient('Contoso', '    with availability = 99.95 %\n')
    });

    it('a default raised in the catalogue tightens the clients that take it, at the template\'s line; a client\'s own argument keeps it unchanged', async () => {
        const result = await diff(files('99.9 %'), files('99.95 %'));
        const byName = new Map(result.agreements.map(agreement => [agreement.agreement, agreement]));
        expect(byName.get('Northwind')!.changes).toEqual([{ member: 'objective Uptime', kind: 'tightened', text: '99.95 % instead of 99.9 %', loosens: false, at: { file: 'catalogue.sla', line: 9, column: 5 }, was: { file: 'catalogue.sla', line: 9, column: 5 } }]);
        expect(byName.get('Contoso')!.status).toBe('unchanged');
        // The template itself: its parameter's default.
        expect(byName.get('Hosting')!.changes.map(change => [change.kind, change.member, change.text])).toEqual([['changed', 'parameter availability', 'parameter availability percentage default 99.95 % instead of parameter availability percentage default 99.9 %']]);
        expect(result.totals).toEqual({ compared: 3, changed: 2, added: 0, removed: 0, loosening: 0 });
    });

    it('a template and an agreement of one name are not the same thing: one removed, the other added', async () => {
        const result = await diff({ 'catalogue.sla': diffCatalogue('99.9 %') }, { 'catalogue.sla': diffCatalogue('99.9 %').replace('template Hosting', 'agreement Hosting').replace(/ {4}parameter.*\n/, '').replace('>= availability', '>= 99.9%') });
        expect(result.agreements.map(agreement => [agreement.agreement, agreement.template, agreement.status])).toEqual([['Hosting', false, 'added'], ['Hosting', true, 'removed']]);
        // A template promises nothing itself: its removal loosens nothing.
        expect(result.totals.loosening).toBe(0);
    });

    it('a count\'s default raised in the catalogue loosens the termination right of every client that takes it', async () => {
        const withRight = (streak: string) => diffCatalogue('99.9 %')
            .replace('    parameter availability', `    parameter streak count default ${streak}\n    parameter availability`)
            .replace('per calendar month\n', 'per calendar month\n    termination Chronic "Months in a row" when Uptime is breached in streak consecutive windows\n');
        const clients = { 'northwind.sla': diffClient('Northwind'), 'contoso.sla': diffClient('Contoso', '    with streak = 3\n') };
        const result = await diff({ 'catalogue.sla': withRight('3'), ...clients }, { 'catalogue.sla': withRight('4'), ...clients });
        const byName = new Map(result.agreements.map(agreement => [agreement.agreement, agreement]));
        expect(byName.get('Northwind')!.changes.map(change => [change.kind, change.member, change.text, change.loosens])).toEqual([
            ['loosened', 'termination Chronic', '4 consecutive windows instead of 3 consecutive windows', true]
        ]);
        expect(byName.get('Contoso')!.status).toBe('unchanged');
        expect(result.totals.loosening).toBe(1);
    });

    it('a default lowered loosens every client that takes it', async () => {
        const result = await diff(files('99.9 %'), files('99.5 %'));
        expect(result.agreements.filter(agreement => agreement.changes.some(change => change.loosens)).map(agreement => agreement.agreement)).toEqual(['Northwind']);
        expect(result.totals.loosening).toBe(1);
    });
});

describe('sla diff: layout and spelling are not promises', () => {
    it('spaces beside a unit or a colon are layout: no change', async () => {
        const spaced = (OBJECTIVE + CREDIT).replace(/(\d)%/g, '$1 %').replace(/ : /g, ': ');
        expect(spaced).toContain('below 99.9 %: 10 % of fee');
        expect(await changes(hosting(OBJECTIVE + CREDIT), hosting(spaced))).toEqual([]);
    });

    it('a credit tier written another way is changed, not replaced (it pays the same)', async () => {
        expect(await changes(hosting(OBJECTIVE + CREDIT), hosting(OBJECTIVE + CREDIT.replace('10% of fee', '10.0% of fee')))).toEqual([
            ['changed', 'credit Uptime', expect.stringMatching(/^written another way: credit for Uptime per calendar month, capped at 50% of fee \{ below 99\.9% : 10\.0% of fee/), false]
        ]);
    });

    it('credit tiers pair by their bounds, not by the order written (the most severe tier that holds pays)', async () => {
        const reversed = (first: string, second: string) => `    credit for Uptime per calendar month, capped at 50% of fee {
        below 99.0% : ${first}
        below 99.9% : ${second}
    }
`;
        // The same tiers, the worse breach first: it pays the same.
        expect(await changes(hosting(OBJECTIVE + CREDIT), hosting(OBJECTIVE + reversed('25% of fee', '10% of fee')))).toEqual([
            ['changed', 'credit Uptime', expect.stringMatching(/^written another way: /), false]
        ]);
        // 5 % below 99.0 % for 25 %, 1 % below 99.9 % for 10 %: every tier pays less.
        expect(await changes(hosting(OBJECTIVE + CREDIT), hosting(OBJECTIVE + reversed('5% of fee', '1% of fee')))).toEqual([
            ['loosened', 'credit Uptime', 'below 99.0% : 5% of fee; below 99.9% : 1% of fee instead of below 99.0% : 25% of fee; below 99.9% : 10% of fee', true]
        ]);
    });
});

describe('sla diff: a dataset declared another way names what changed and the promises counting its rows', () => {
    const FIELDS = '        started  timestamp\n        resolved timestamp optional\n        cause    text\n';
    const withFields = (fields: string, members = OBJECTIVE, header = '"Incidents" from "incidents.csv" {\n') =>
        hosting(members).replace(FIELDS, fields).replace('"Incidents" from "incidents.csv" {\n', header);
    const UPTIME = 'its rows are counted in objective Uptime per calendar month';

    it('a key added, then latest by added to it', async () => {
        const keyed = withFields(`        one row per started\n${FIELDS}`);
        expect(await changes(hosting(OBJECTIVE), keyed)).toEqual([['changed', 'dataset incidents', `one row per started added; ${UPTIME}`, false]]);
        expect(await changes(keyed, withFields(`        one row per started, latest by resolved\n${FIELDS}`))).toEqual([
            ['changed', 'dataset incidents', `one row per started, latest by resolved instead of one row per started; ${UPTIME}`, false]
        ]);
        expect(await changes(keyed, hosting(OBJECTIVE))).toEqual([['changed', 'dataset incidents', `one row per started removed; ${UPTIME}`, false]]);
    });

    it('fields by name: read from another column, required, another type, added, removed (in the new order, removed last)', async () => {
        const after = withFields('        started  timestamp column "start_time"\n        resolved timestamp\n        region   text\n');
        expect(await changes(hosting(OBJECTIVE), after)).toEqual([[
            'changed', 'dataset incidents',
            `field started: timestamp column "start_time" instead of timestamp; field resolved: timestamp instead of timestamp optional; field region added: region text; field cause removed; ${UPTIME}`,
            false
        ]]);
        const causes = withFields('        started  timestamp\n        resolved timestamp optional\n        cause    one of "network","power"\n');
        expect(await changes(hosting(OBJECTIVE), causes)).toEqual([['changed', 'dataset incidents', `field cause: one of "network","power" instead of text; ${UPTIME}`, false]]);
    });

    it('the file, format and zone: in the order of the block', async () => {
        const after = withFields(`        timezone "Europe/Berlin"\n        format csv\n${FIELDS}`, OBJECTIVE, '"Incidents" from "incidents-2026.csv" {\n');
        expect(await changes(hosting(OBJECTIVE), after)).toEqual([
            ['changed', 'dataset incidents', `from "incidents-2026.csv" instead of "incidents.csv"; format csv added; timezone "Europe/Berlin" added; ${UPTIME}`, false]
        ]);
    });

    it('fields in another order, other spaces or comments are no change; another title is, but counts no row otherwise', async () => {
        expect(await changes(hosting(OBJECTIVE), withFields('        cause text // why\n        resolved   timestamp   optional\n        started timestamp\n'))).toEqual([]);
        const titled = withFields(FIELDS, OBJECTIVE, '"Incident register" from "incidents.csv" {\n');
        expect(await changes(hosting(OBJECTIVE), titled)).toEqual([['changed', 'dataset incidents', 'title "Incident register" instead of "Incidents"', false]]);
        const both = withFields(`        one row per started\n${FIELDS}`, OBJECTIVE, '"Incident register" from "incidents.csv" {\n');
        expect(await changes(hosting(OBJECTIVE), both)).toEqual([['changed', 'dataset incidents', `title "Incident register" instead of "Incidents"; one row per started added; ${UPTIME}`, false]]);
    });

    it('a dataset no promise reads: what changed, and no promises', async () => {
        const unread = (key: string) => hosting(OBJECTIVE, `    dataset tickets "Tickets" from "tickets.csv" {\n${key}        id text\n        opened timestamp\n    }\n`);
        expect(await changes(unread(''), unread('        one row per id\n'))).toEqual([['changed', 'dataset tickets', 'one row per id added', false]]);
    });
});

describe('sla diff: a client against the same agreement written out in full (as an OpenSLO round trip writes it)', () => {
    const catalogue = `calendar Office "Office hours" {
    monday to friday 08:00 to 18:00
}
template Desk "Service desk" {
    parameter hours calendar default Office
    dataset tickets "Tickets of every client" from "tickets.csv" {
        client    text
        opened    timestamp
        responded timestamp optional
    }
    kpi Response "Time to respond" = max(elapsed(tickets.opened, tickets.responded) during hours)
    objective Response <= 30 minutes per calendar month
}
`;
    const client = `import "catalogue.sla"
agreement Northwind from Desk {
    provider P "Provider GmbH"
    customer C "Northwind AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "northwind"
}
`;
    /** The client resolved by hand: its template's members, the catalogue's calendar and dataset written in. */
    const written = (hours: string, file: string) => `agreement Northwind "Service desk" {
    provider P "Provider GmbH"
    customer C "Northwind AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "northwind"
    calendar Office "Office hours" {
        monday to friday ${hours}
    }
    dataset tickets "Tickets of every client" from "${file}" {
        client    text
        opened    timestamp
        responded timestamp optional
    }
    kpi Response "Time to respond" = max(elapsed(tickets.opened, tickets.responded) during Office)
    objective Response <= 30 minutes per calendar month
}
`;
    const compare = async (after: string) => {
        const result = await diff({ 'catalogue.sla': catalogue, 'northwind.sla': client }, { 'northwind.sla': after });
        const northwind = result.agreements.find(agreement => agreement.agreement === 'Northwind')!;
        return northwind.changes.map(change => [change.kind, change.member, change.text.slice(0, 50)]);
    };

    it('the calendar and dataset read from the catalogue are the ones written in: compared, not added; the parameter naming the calendar is written another way', async () => {
        // Before: "added calendar Office", "added dataset tickets", "kpi Response replaced", "calendars measured with: none instead of Office".
        expect(await compare(written('08:00 to 18:00', 'tickets.csv'))).toEqual([
            ['changed', 'kpi Response', 'written another way: kpi Response "Time to respond']
        ]);
    });

    it('what does differ is named: fewer hours of the response clock loosen the calendar, another file changes the dataset', async () => {
        expect(await compare(written('09:00 to 17:00', 'other.csv'))).toEqual([
            ['loosened', 'calendar Office', '40 working hours a week instead of 50 working hour'],
            ['changed', 'dataset tickets', 'from "other.csv" instead of "tickets.csv"; its row'],
            ['changed', 'kpi Response', 'written another way: kpi Response "Time to respond']
        ]);
    });
});

describe('sla diff: a share of the fee against money', () => {
    const credit = (text: string) => hosting(OBJECTIVE + text);

    it('a share of a fixed monthly fee is money: a tier or a cap paying less in EUR is loosened, more tightened', async () => {
        // 25% × 10,000 EUR = 2,500 EUR a month, against 1,000 EUR: less for the customer.
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('25% of fee', '1000 EUR')))).toEqual([
            ['loosened', 'credit Uptime', 'below 99.0% : 1000 EUR instead of below 99.0% : 25% of fee — 25% of fee is 2500 EUR of the fee of 10000 EUR per calendar month', true]
        ]);
        // 2,500 EUR for 25% × 10,000 EUR: the same money, written another way.
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('25% of fee', '2500 EUR')))).toEqual([
            ['changed', 'credit Uptime', expect.stringMatching(/^written another way: .*below 99\.0% : 2500 EUR/), false]
        ]);
        // 2,500 EUR against 3,000 EUR: more.
        expect((await changes(credit(CREDIT), credit(CREDIT.replace('25% of fee', '3000 EUR'))))[0]!.slice(0, 2)).toEqual(['tightened', 'credit Uptime']);
        // The other way round: 10% × 10,000 = 1,000 EUR instead of 500 EUR is more.
        const money = CREDIT.replace('10% of fee', '500 EUR');
        expect((await changes(credit(money), credit(CREDIT)))[0]!.slice(0, 2)).toEqual(['tightened', 'credit Uptime']);
        // The cap: 50% × 10,000 = 5,000 EUR a month, against 4,000 EUR: the customer may get less.
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('capped at 50% of fee', 'capped at 4000 EUR')))).toEqual([
            ['loosened', 'credit Uptime', 'capped at 4000 EUR instead of capped at 50% of fee — 50% of fee is 5000 EUR of the fee of 10000 EUR per calendar month', true]
        ]);
    });

    it('a share of a fee read from billing data, per another period or in another currency is not money to compare: replaced, with why', async () => {
        const changed = CREDIT.replace('25% of fee', '1000 EUR');
        const billing = `    dataset invoices "Invoices" from "invoices.csv" {
        month  timestamp
        amount number EUR
    }
`;
        const fromData = (members: string) => hosting(members, billing).replace('fee 10000 EUR per calendar month', 'fee from sum(invoices.amount)');
        expect(await changes(fromData(OBJECTIVE + CREDIT), fromData(OBJECTIVE + changed))).toEqual([
            ['replaced', 'credit Uptime', 'below 99.0% : 1000 EUR instead of below 99.0% : 25% of fee — not comparable: the fee is read from billing data, so a share of it differs from window to window', false]
        ]);
        // A month's share of a yearly fee depends on the month's length.
        const yearly = (members: string) => hosting(members).replace('fee 10000 EUR per calendar month', 'fee 120000 EUR per calendar year');
        expect(await changes(yearly(OBJECTIVE + CREDIT), yearly(OBJECTIVE + changed))).toEqual([
            ['replaced', 'credit Uptime', 'below 99.0% : 1000 EUR instead of below 99.0% : 25% of fee — not comparable: the fee is 120000 EUR per calendar year, so a calendar month\'s share of it is not one amount', false]
        ]);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('25% of fee', '1000 USD')))).toEqual([
            ['replaced', 'credit Uptime', 'below 99.0% : 1000 USD instead of below 99.0% : 25% of fee — not comparable: the fee is in EUR, the amount in USD', false]
        ]);
    });

    it('a cap removed is "no cap", not "no such tier"; added, the same', async () => {
        const uncapped = CREDIT.replace(', capped at 50% of fee', '');
        expect(await changes(credit(CREDIT), credit(uncapped))).toEqual([['tightened', 'credit Uptime', 'no cap instead of capped at 50% of fee', false]]);
        expect(await changes(credit(uncapped), credit(CREDIT))).toEqual([['loosened', 'credit Uptime', 'capped at 50% of fee instead of no cap', true]]);
        // A yearly cap added beside the monthly one is named with its period.
        const yearly = CREDIT.replace('capped at 50% of fee', 'capped at 50% of fee, capped at 30000 EUR per calendar year');
        expect(await changes(credit(yearly), credit(CREDIT))).toEqual([['tightened', 'credit Uptime', 'no cap per calendar year instead of capped at 30000 EUR per calendar year', false]]);
    });
});

describe('sla diff: a cap on all credits (the at-risk amount), a share of the fee against money', () => {
    /** Hosting with `credits capped at <cap> per calendar month` on `fee` (default 10,000 EUR a month). */
    const atRisk = (cap: string, fee = '10000 EUR per calendar month', from = '2026-01-01') => hosting(`${OBJECTIVE}    credits capped at ${cap} per calendar month\n`)
        .replace('fee 10000 EUR per calendar month', `fee ${fee}`).replace('valid from 2026-01-01', `valid from ${from}`);
    const MONTHLY_HALF = 'capped at 50% of fee per calendar month';

    it('is compared in money through the fee: less money is loosened (exit 1), more tightened, the same money written another way', async () => {
        // 50% × 10,000 EUR = 5,000 EUR a month; 4,000 EUR lets the customer get less. (Before: replaced, the gate passed.)
        expect(await changes(atRisk('50% of fee'), atRisk('4000 EUR'))).toEqual([
            ['loosened', 'credits cap', `capped at 4000 EUR per calendar month instead of ${MONTHLY_HALF} — 50% of fee is 5000 EUR of the fee of 10000 EUR per calendar month`, true]
        ]);
        // 6,000 EUR > 5,000 EUR: more.
        expect(await changes(atRisk('50% of fee'), atRisk('6000 EUR'))).toEqual([
            ['tightened', 'credits cap', `capped at 6000 EUR per calendar month instead of ${MONTHLY_HALF} — 50% of fee is 5000 EUR of the fee of 10000 EUR per calendar month`, false]
        ]);
        // The other way round: 4,000 EUR → 50% of fee (5,000 EUR) is more; 30% of fee (3,000 EUR) less.
        expect((await changes(atRisk('4000 EUR'), atRisk('50% of fee')))[0]!.slice(0, 2)).toEqual(['tightened', 'credits cap']);
        expect((await changes(atRisk('4000 EUR'), atRisk('30% of fee')))[0]!.slice(0, 2)).toEqual(['loosened', 'credits cap']);
        // 5,000 EUR for 50% of 10,000 EUR: the same limit.
        expect(await changes(atRisk('50% of fee'), atRisk('5000 EUR'))).toEqual([
            ['changed', 'credits cap', `written another way: credits capped at 5000 EUR per calendar month instead of credits ${MONTHLY_HALF}`, false]
        ]);
    });

    it('compares the limits the evaluation applies, down to whole cents', async () => {
        // 12% × 9,999.99 EUR = 1,199.9988 EUR: at most 1,199.99 EUR paid, as with a cap of 1,199.99 EUR.
        expect((await changes(atRisk('12% of fee', '9999.99 EUR per calendar month'), atRisk('1199.99 EUR', '9999.99 EUR per calendar month')))[0]!.slice(0, 2))
            .toEqual(['changed', 'credits cap']);
        // 1,199.98 EUR: one cent less.
        expect(await changes(atRisk('12% of fee', '9999.99 EUR per calendar month'), atRisk('1199.98 EUR', '9999.99 EUR per calendar month'))).toEqual([
            ['loosened', 'credits cap', 'capped at 1199.98 EUR per calendar month instead of capped at 12% of fee per calendar month — 12% of fee is 1199.99 EUR of the fee of 9999.99 EUR per calendar month', true]
        ]);
    });

    it('a service\'s cap is a share of the service\'s own fee', async () => {
        const tower = (cap: string) => hosting(`    service Desk "Service desk" {
        fee 2000 EUR per calendar month
        credits capped at ${cap} per calendar month
    }
`);
        // 10% × 2,000 EUR = 200 EUR (not 10% of the agreement's 10,000 EUR = 1,000 EUR): 150 EUR is less, 300 EUR more.
        expect(await changes(tower('10% of fee'), tower('150 EUR'))).toEqual([
            ['loosened', 'credits cap of Desk', 'capped at 150 EUR per calendar month instead of capped at 10% of fee per calendar month — 10% of fee is 200 EUR of the fee of 2000 EUR per calendar month', true]
        ]);
        expect((await changes(tower('10% of fee'), tower('300 EUR')))[0]!.slice(0, 2)).toEqual(['tightened', 'credits cap of Desk']);
    });

    it('not comparable, still replaced: the fee in another currency, read from billing data, per another period, or none', async () => {
        const replaced = ['replaced', 'credits cap', `capped at 4000 USD per calendar month instead of ${MONTHLY_HALF}`, false];
        expect(await changes(atRisk('50% of fee'), atRisk('4000 USD'))).toEqual([replaced]);
        // 120,000 EUR a year: a month's share of it is not one amount.
        expect((await changes(atRisk('50% of fee', '120000 EUR per calendar year'), atRisk('4000 EUR', '120000 EUR per calendar year')))[0]!.slice(0, 2)).toEqual(['replaced', 'credits cap']);
        const billing = `    dataset invoices "Invoices" from "invoices.csv" {
        month  timestamp
        amount number EUR
    }
`;
        const fromData = (cap: string) => hosting(`${OBJECTIVE}    credits capped at ${cap} per calendar month\n`, billing).replace('fee 10000 EUR per calendar month', 'fee from sum(invoices.amount)');
        expect((await changes(fromData('50% of fee'), fromData('4000 EUR')))[0]!.slice(0, 2)).toEqual(['replaced', 'credits cap']);
        const unpriced = (cap: string) => atRisk(cap).replace('    fee 10000 EUR per calendar month\n', '');
        expect((await changes(unpriced('50% of fee'), unpriced('4000 EUR')))[0]!.slice(0, 2)).toEqual(['replaced', 'credits cap']);
    });

    it('shares against shares and money against money are compared as before', async () => {
        expect(await changes(atRisk('50% of fee'), atRisk('30% of fee'))).toEqual([['loosened', 'credits cap', `capped at 30% of fee per calendar month instead of ${MONTHLY_HALF}`, true]]);
        expect(await changes(atRisk('4000 EUR'), atRisk('3000 EUR'))).toEqual([['loosened', 'credits cap', 'capped at 3000 EUR per calendar month instead of capped at 4000 EUR per calendar month', true]]);
        expect((await changes(atRisk('4000 EUR'), atRisk('4000 USD')))[0]!.slice(0, 2)).toEqual(['replaced', 'credits cap']);
    });

    it('an agreement from mid-month: the verdict is the promise per full month, whatever the first month\'s prorated fee', async () => {
        // From 16 January on 1,000 EUR a month: January's fee is 16/31 × 1,000 = 516.13 EUR, 50 % of it 258.06 EUR, below
        // 400 EUR; every other month 50 % is 500 EUR, above it. The customer can get 100 EUR a month less: loosened, exit 1.
        const fromMidMonth = (cap: string) => atRisk(cap, '1000 EUR per calendar month', '2026-01-16');
        expect(await changes(fromMidMonth('50% of fee'), fromMidMonth('400 EUR'))).toEqual([
            ['loosened', 'credits cap', `capped at 400 EUR per calendar month instead of ${MONTHLY_HALF} — 50% of fee is 500 EUR of the fee of 1000 EUR per calendar month`, true]
        ]);
        // 600 EUR is more in every month, January too (600 > 258.06).
        expect((await changes(fromMidMonth('50% of fee'), fromMidMonth('600 EUR')))[0]!.slice(0, 2)).toEqual(['tightened', 'credits cap']);
    });
});

describe('sla diff: a value that lost its unit', () => {
    const target = (value: string) => hosting(OBJECTIVE.replace('99.9%', value));

    it('a target without its unit is not comparable: replaced, and it loosens a promise (exit 1), whether 99.9 or 0.999', async () => {
        expect(await changes(target('99.9%'), target('99.9'))).toEqual([
            ['replaced', 'objective Uptime', '99.9 instead of 99.9% — the new target has no unit (sla/unit-missing), not comparable; counted as loosening the promise', true]
        ]);
        expect(await changes(target('99.9%'), target('0.999'))).toEqual([
            ['replaced', 'objective Uptime', '0.999 instead of 99.9% — the new target has no unit (sla/unit-missing), not comparable; counted as loosening the promise', true]
        ]);
        // The unit written in again: a fix, not a promise loosened.
        expect(await changes(target('99.9'), target('99.9%'))).toEqual([['replaced', 'objective Uptime', '99.9% instead of 99.9 — the old target had no unit, not comparable', false]]);
        // The KPI itself now another formula (a count of incidents, a number): the bare target may be right for it, the KPI is the change that matters.
        const counted = target('99.9').replace('uptime(incidents, from started to resolved)', 'count(incidents)');
        expect((await changes(target('99.9%'), counted)).find(change => change[1] === 'objective Uptime')).toEqual(
            ['replaced', 'objective Uptime', '99.9 instead of 99.9% — the new target has no unit (sla/unit-missing), not comparable', false]);
        // On an internal target: shown, never gating.
        const internal = (value: string) => hosting(`${OBJECTIVE}    internal target Uptime >= ${value} per calendar month owner "Ops"\n`);
        expect((await changes(internal('99.95%'), internal('99.95')))[0]![3]).toBe(false);
    });

    it('a credit tier bound or amount without its unit is not comparable: replaced, and it loosens a promise', async () => {
        const credit = (text: string) => hosting(OBJECTIVE + text);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('below 99.0%', 'below 99.0')))).toEqual([
            ['replaced', 'credit Uptime', 'below 99.0 : 25% of fee instead of below 99.0% : 25% of fee — the new bound has no unit (sla/unit-missing), not comparable; counted as loosening the promise', true]
        ]);
        expect(await changes(credit(CREDIT), credit(CREDIT.replace('25% of fee', '25 of fee')))).toEqual([
            ['replaced', 'credit Uptime', 'below 99.0% : 25 of fee instead of below 99.0% : 25% of fee — the new amount has no unit (sla/unit-missing), not comparable; counted as loosening the promise', true]
        ]);
    });
});
