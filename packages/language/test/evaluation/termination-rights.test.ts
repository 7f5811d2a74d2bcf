import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown, renderTable } from '@sla/engine';
import { evaluateFixture } from './evaluate-fixture.js';

/**
 * Termination rights on chronic failure, evaluated (UTC). Each outage below lasts two hours:
 * 120 minutes of a 28–31-day month is 0.27–0.30 % down, a breach of 99.9 %; a month without
 * one is met (100 %).
 */
const outage = (month: string, region = 'eu') => `2026-${month}-10T10:00:00Z,2026-${month}-10T12:00:00Z,${region}`;

const agreement = (termination: string, forEach = '') => `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
        region text
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
    objective Availability >= 99.9% per calendar month${forEach}
    ${termination}
}
`;

const CONSECUTIVE = 'termination ChronicFailure "The customer may terminate without liability" when Availability is breached in 3 consecutive windows, notice within 60 days';
const evaluate = (termination: string, months: string[], options: Parameters<typeof evaluateFixture>[1] = { from: '2026-01-01', to: '2026-06-30' }, forEach = '', rows?: string[]) =>
    evaluateFixture({ 'hosting.sla': agreement(termination, forEach), 'incidents.csv': `started,resolved,region\n${(rows ?? months.map(m => outage(m))).join('\n')}\n` }, options);

describe('termination rights on chronic failure', () => {
    it('three consecutive breached months fire the right at the end of the third, with the notice deadline', async () => {
        // January met; February, March, April breached: fired at the end of April. Notice within
        // 60 days of 30 April: 29 June. May is breached too, which changes nothing.
        const report = await evaluate(CONSECUTIVE, ['02', '03', '04', '05']);
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['met', 'breached', 'breached', 'breached', 'breached', 'met']);
        expect(report.terminations).toEqual([{
            name: 'ChronicFailure', text: 'The customer may terminate without liability', kpi: 'Availability', kpiKey: 'Availability',
            window: 'calendar month', rule: '3 consecutive windows', notice: '60 days', triggered: true,
            scopes: [{ triggered: true, breached: 4, firedAt: '2026-05-01T00:00:00+00:00', breachedWindows: ['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'], noticeBy: '2026-06-29' }]
        }]);
        expect(report.notes.join('\n')).toContain(`Termination right ChronicFailure ("The customer may terminate without liability") fired: Availability was breached in 3 consecutive windows (windows from 2026-02-01T00:00:00+00:00, 2026-03-01T00:00:00+00:00, 2026-04-01T00:00:00+00:00; the last ended 2026-05-01T00:00:00+00:00); the customer's notice is due by 2026-06-29.`);
        expect(renderTable(report, { color: false })).toMatch(/Termination rights\n.*\n.*\nChronicFailure +Availability breached in 3 consecutive windows +— +4 +FIRED +2026-05-01T00:00:00\+00:00 +2026-06-29/);
        // The same table in the other formats.
        expect(renderMarkdown(report)).toContain('## Termination rights\n\n| right | when | scope | breached | status | fired at | notice by |\n| --- | --- | --- | --- | --- | --- | --- |\n'
            + '| **ChronicFailure** | Availability breached in 3 consecutive windows | — | 4 | FIRED | 2026-05-01T00:00:00+00:00 | 2026-06-29 |');
        expect(renderHtml(report)).toContain('Termination rights');
    });

    it('a met month between breaches restarts the count: not fired', async () => {
        // February, March breached, April met, May, June breached: no run of three.
        const report = await evaluate(CONSECUTIVE, ['02', '03', '05', '06']);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 4 });
        // May and June breached and the validity goes on: July would fire it.
        expect(report.terminations![0]!.scopes[0]!.atRisk).toBe(true);
        expect(report.notes.join('\n')).toContain('Termination right ChronicFailure ("The customer may terminate without liability") is at risk: one more breached window of Availability fires it (3 consecutive windows).');
    });

    it('N of any M consecutive windows: two breaches within any three months fire it', async () => {
        // February and April breached, March met: 2 of the 3 windows February–April.
        const report = await evaluate('termination Chronic "Terminate" when Availability is breached in 2 of any 3 consecutive windows', ['02', '04']);
        expect(report.terminations![0]).toMatchObject({ rule: '2 of any 3 consecutive windows', triggered: true });
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ firedAt: '2026-05-01T00:00:00+00:00', breachedWindows: ['2026-02-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'] });
        expect(report.terminations![0]!.scopes[0]!.noticeBy).toBeUndefined();
        // January and April are three windows apart: not within any three.
        const apart = await evaluate('termination Chronic "Terminate" when Availability is breached in 2 of any 3 consecutive windows', ['01', '04']);
        expect(apart.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 2 });
    });

    it('a month in progress is not known yet: two breached months before it put the right at risk, not fired', async () => {
        // Evaluated on 15 April (no --to): February and March breached, April in progress (its outage on 10 April breached it so far).
        const report = await evaluate(CONSECUTIVE, ['02', '03', '04'], { from: '2026-01-01', now: Date.parse('2026-04-15T00:00:00Z') });
        expect(report.objectives[0]!.windows.map(w => w.status)).toEqual(['met', 'breached', 'breached', 'breached']);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, atRisk: true, breached: 2 });
    });

    it('an outage still open at the end of March is downtime until then: March is breached for good and the right fires', async () => {
        // February and April breached; an outage started 31 March 23:00 has no end: the last hour of March is down
        // whatever happens next, 60 of 44,640 minutes = 0.134 %, more than the 0.1 % budget.
        const rows = [outage('02'), '2026-03-31T23:00:00Z,,eu', outage('04')];
        const report = await evaluate(CONSECUTIVE, [], { from: '2026-01-01', to: '2026-06-30' }, '', rows);
        const march = report.objectives[0]!.windows[2]!;
        expect([march.status, march.provisional ?? false]).toEqual(['breached', false]);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, firedAt: '2026-05-01T00:00:00+00:00' });
    });

    it('N of any M with the month in progress: a breach of it would fire the right', async () => {
        // January breached, February met, March in progress (15 March, no --to): 2 of any 3 fires if March is breached.
        const report = await evaluate('termination Chronic "Terminate" when Availability is breached in 2 of any 3 consecutive windows', ['01'], { from: '2026-01-01', now: Date.parse('2026-03-15T00:00:00Z') });
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 1, atRisk: true });
        // With January met too, one breach cannot fire it: not at risk.
        const calm = await evaluate('termination Chronic "Terminate" when Availability is breached in 2 of any 3 consecutive windows', [], { from: '2026-01-01', now: Date.parse('2026-03-15T00:00:00Z') }, '', []);
        expect(calm.terminations![0]!.scopes[0]).toEqual({ triggered: false, breached: 0 });
    });

    it('for each region: the right fires per region', async () => {
        const rows = ['02', '03', '04'].map(m => outage(m, 'eu')).concat([outage('03', 'us')]);
        const report = await evaluate(CONSECUTIVE, [], { from: '2026-01-01', to: '2026-06-30' }, ' for each region', rows);
        expect(report.terminations![0]!.triggered).toBe(true);
        expect(report.terminations![0]!.scopes.map(scope => [scope.scopeValue, scope.triggered, scope.breached])).toEqual([['eu', true, 3], ['us', false, 1]]);
    });

    it('without a termination term the report has none', async () => {
        const report = await evaluate('', ['02', '03', '04']);
        expect(report.terminations).toBeUndefined();
    });
});

/**
 * `when any objective is breached`: every promise with a calendar window counts (UTC, each
 * outage two hours, each degradation five hours). Availability (outages) at least 99.9 % a month:
 * 120 minutes breaks it in any month. Degradation (degradations) at least 99.5 %: 300 minutes of a
 * 31-day month (44,640) is 0.67 % down, a breach; of a 30-day month (43,200) 0.69 %, a breach.
 */
const ANY_AGREEMENT = (termination: string, extra = '') => `agreement Outsourcing "Outsourcing" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset incidents "Incidents" from "incidents.csv" {
        severity one of "outage", "degraded"
        started timestamp
        resolved timestamp optional
        region text
    }

    kpi Availability "Outages" = uptime(incidents where severity = "outage", from started to resolved)
    kpi Degradation "Degradations" = uptime(incidents where severity = "degraded", from started to resolved)
    objective Availability >= 99.9% per calendar month
    objective Degradation >= 99.5% per calendar month${extra}
    ${termination}
}
`;
const incident = (severity: string, month: string, hours: number, region = 'eu') => `${severity},2026-${month}-10T08:00:00Z,2026-${month}-10T${String(8 + hours).padStart(2, '0')}:00:00Z,${region}`;
const evaluateAny = (termination: string, rows: string[], extra = '') =>
    evaluateFixture({ 'outsourcing.sla': ANY_AGREEMENT(termination, extra), 'incidents.csv': `severity,started,resolved,region\n${rows.join('\n')}\n` }, { from: '2026-01-01', to: '2026-06-30' });
const ANY = 'termination AnyFailure "Any service level missed three months in a row" when any objective is breached in 3 consecutive windows, notice within 30 days';

describe('termination rights on any objective', () => {
    it('a different promise breached in each of three months fires it; the same months on one KPI do not', async () => {
        // February: an outage (Availability breached). March: a degradation (Degradation breached, Availability met).
        // April: an outage. Three consecutive months with a breach: fired at the end of April; notice by 30 April + 30 days = 30 May.
        const rows = [incident('outage', '02', 2), incident('degraded', '03', 5), incident('outage', '04', 2)];
        const report = await evaluateAny(ANY, rows);
        expect(report.terminations).toEqual([{
            name: 'AnyFailure', text: 'Any service level missed three months in a row', kpi: 'any objective', kpiKey: '', objectives: ['Availability', 'Degradation'],
            window: 'calendar month', rule: '3 consecutive windows', notice: '30 days', triggered: true,
            scopes: [{ triggered: true, breached: 3, firedAt: '2026-05-01T00:00:00+00:00', breachedWindows: ['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'], noticeBy: '2026-05-30' }]
        }]);
        expect(report.notes.join('\n')).toContain('Termination right AnyFailure ("Any service level missed three months in a row") fired: any objective was breached in 3 consecutive windows');
        // On Availability alone: February and April breached, March met: no run of three.
        const one = await evaluateAny('termination OnAvailability "Terminate" when Availability is breached in 3 consecutive windows', rows);
        expect(one.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 2 });
    });

    it('a month with both promises breached counts once', async () => {
        // February: an outage and a degradation; March: an outage. Two breached months, not three.
        const report = await evaluateAny(ANY, [incident('outage', '02', 2), incident('degraded', '02', 5), incident('outage', '03', 2)]);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 2 });
    });

    it('a promise for each region counts when any region breaks it', async () => {
        // Degradation promised per region: us degraded in March, eu in April; Availability breached in February.
        const rows = [incident('outage', '02', 2), incident('degraded', '03', 5, 'us'), incident('degraded', '04', 5, 'eu')];
        const report = await evaluateAny(ANY, rows, ' for each region');
        const degradation = report.objectives.find(objective => objective.kpiKey === 'Degradation')!;
        expect(degradation.windows.filter(w => w.status === 'breached').map(w => `${w.scopeValue} ${w.start.slice(0, 7)}`)).toEqual(['eu 2026-04', 'us 2026-03']);
        expect(report.terminations![0]!.scopes).toHaveLength(1);
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, breached: 3, firedAt: '2026-05-01T00:00:00+00:00' });
        expect(report.terminations![0]!.scopes[0]!.scopeValue).toBeUndefined();
    });
});

describe('termination rights on any of some KPIs', () => {
    // A third promise, on the count of outages (none promised): breached in the months Availability is.
    const OUTAGES = '\n    kpi Outages "Outage count" = count(incidents where severity = "outage")\n    objective Outages <= 0 per calendar month';
    const rows = [incident('outage', '02', 2), incident('degraded', '03', 5), incident('outage', '04', 2)];

    it('a window counts when the promise on one of the KPIs listed is breached in it', async () => {
        // February and April an outage, March a degradation: with Degradation listed, three breached months in a row.
        const report = await evaluateAny('termination Critical "Either critical level three months in a row" when any of Availability, Degradation is breached in 3 consecutive windows', rows, OUTAGES);
        expect(report.terminations![0]).toMatchObject({ kpi: 'any of Availability, Degradation', kpiKey: '', objectives: ['Availability', 'Degradation'], triggered: true });
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: true, breached: 3, firedAt: '2026-05-01T00:00:00+00:00' });
    });

    it('the promises not listed do not count', async () => {
        // Availability and the outage count: both breached in February and April only; March (a degradation) is met for both.
        const report = await evaluateAny('termination Outage "Outages three months in a row" when any of Availability, Outages is breached in 3 consecutive windows', rows, OUTAGES);
        expect(report.terminations![0]).toMatchObject({ kpi: 'any of Availability, Outages', objectives: ['Availability', 'Outages'], triggered: false });
        expect(report.terminations![0]!.scopes[0]).toMatchObject({ triggered: false, breached: 2 });
    });
});
