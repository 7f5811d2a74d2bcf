// examples/public-slas/aws-support: the designed outcomes of its README, computed by hand there.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/aws-support/aws-support.sla');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('AWS Support: first response times per plan and severity, promised on each case', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
    /** `where severity = "low"`, plan Developer → "low/Developer": one objective per severity and plan with a line that is not `none`. */
    const keyOf = (o: (typeof report.objectives)[number]): string => {
        const match = /^severity = "(\w+)"$/.exec(o.each?.where ?? '');
        return match ? `${match[1]}/${o.plan}` : `? ${o.each?.where}`;
    };
    const byKey = new Map(report.objectives.map(o => [keyOf(o), o]));
    /** "severity/Plan" → [March, April] as [value, status]. */
    const outcomes = new Map([...byKey].map(([key, o]) => [key, o.windows.map(w => [w.value, w.status])]));
    /** "severity/Plan" → [March, April] as the late cases of the window: [case_id, value]. */
    const late = new Map([...byKey].map(([key, o]) => [key, o.windows.map(w => w.items!.failures.map(f => [f.id, f.value]))]));

    it('one objective on each case per severity and plan offered (`by plan`, `none` where not): 16 objectives, 32 windows; 8 met, 5 breached, 19 without data', () => {
        expect(report.objectives).toHaveLength(16);
        expect(report.totals).toEqual({ windows: 32, met: 8, breached: 5, noData: 19 });
        // Developer: low and normal only; Business: no critical; On-Ramp and Enterprise: all five. 2 + 4 + 5 + 5 = 16.
        expect([...byKey.keys()]).toEqual([
            'low/Developer', 'low/Business', 'low/EnterpriseOnRamp', 'low/Enterprise',
            'normal/Developer', 'normal/Business', 'normal/EnterpriseOnRamp', 'normal/Enterprise',
            'high/Business', 'high/EnterpriseOnRamp', 'high/Enterprise',
            'urgent/Business', 'urgent/EnterpriseOnRamp', 'urgent/Enterprise',
            'critical/EnterpriseOnRamp', 'critical/Enterprise'
        ]);
        for (const objective of report.objectives) expect(objective.each).toMatchObject({ dataset: 'cases', idField: 'case_id' });
        // Developer counts business hours, the other plans round the clock.
        expect(report.objectives.filter(o => o.kpi === 'FirstResponseBusinessHours').map(keyOf)).toEqual(['low/Developer', 'normal/Developer']);
    });

    it('Developer counts German business hours, the public holidays of Germany excluded', () => {
        // C-101: Fri 6 Mar 16:00 → Tue 10 Mar 09:00 = 2 + 10 + 1 = 13 business hours (89 h wall clock).
        // C-109: Thu 2 Apr 17:00 → Wed 8 Apr 15:00, Good Friday (3 Apr) and Easter Monday (6 Apr) off
        // in `holidays "DE"`: 1 + 10 + 7 = 18 h (38 h if they were working days).
        expect(outcomes.get('low/Developer')).toEqual([[13 * HOUR, 'met'], [18 * HOUR, 'met']]);
        // C-102: Wed 11 Mar 10:00 → Thu 12 Mar 13:00 = 8 + 5 = 13 business hours, not < 12.
        expect(outcomes.get('normal/Developer')).toEqual([[13 * HOUR, 'breached'], [null, 'no data']]);
    });

    it('the other plans count round the clock, across the DST change', () => {
        // C-108: 28 Mar 22:00 CET → 29 Mar 10:30 CEST = 11 h 30 min of real time (12 h 30 on the clock face).
        expect(outcomes.get('normal/Business')).toEqual([[11.5 * HOUR, 'met'], [null, 'no data']]);
        // C-104: 17 Mar 20:00 → 18 Mar 01:30 = 5 h 30 min, not < 4 h.
        expect(outcomes.get('high/Business')).toEqual([[5.5 * HOUR, 'breached'], [null, 'no data']]);
        // C-103 40 min, C-110 1 h 15 min.
        expect(outcomes.get('urgent/Business')).toEqual([[40 * MINUTE, 'met'], [75 * MINUTE, 'breached']]);
        // C-107: 22 h.
        expect(outcomes.get('low/Enterprise')).toEqual([[22 * HOUR, 'met'], [null, 'no data']]);
        // C-112: 11 h.
        expect(outcomes.get('normal/EnterpriseOnRamp')).toEqual([[null, 'no data'], [11 * HOUR, 'met']]);
    });

    it('business-critical: 30 minutes for Enterprise On-Ramp, 15 for Enterprise', () => {
        // C-106 25 min (On-Ramp, met; it would breach Enterprise's 15). C-105 12 min, C-111 20 min.
        expect(outcomes.get('critical/EnterpriseOnRamp')).toEqual([[25 * MINUTE, 'met'], [null, 'no data']]);
        expect(outcomes.get('critical/Enterprise')).toEqual([[12 * MINUTE, 'met'], [20 * MINUTE, 'breached']]);
    });

    it('a case still unanswered at the end of the data has failed once its time so far exceeds the target', () => {
        // C-113: opened 28 Apr 10:00, no response; data complete to 30 April: 28 Apr 10:00 → 1 May 00:00 = 14 + 24 + 24 = 62 h so far, not < 4 h.
        const [march, april] = byKey.get('high/EnterpriseOnRamp')!.windows;
        expect(march).toMatchObject({ value: null, status: 'no data' });
        expect(april).toMatchObject({ value: 62 * HOUR, status: 'breached', atLeast: true, failedOpen: 1 });
        // Listed as late, open, on line 14 of the CSV (header on line 1, C-101 on line 2).
        expect(april!.items!.failures).toEqual([{ id: 'C-113', line: 14, value: 62 * HOUR, open: true }]);
    });

    it('each breached month says how many cases were late and which', () => {
        // One late case in each of the five breached windows: C-102 (13 business hours, line 3),
        // C-104 (5 h 30, line 5), C-110 (1 h 15, line 11), C-111 (20 min, line 12), C-113 (at least 62 h, open).
        expect(late.get('normal/Developer')).toEqual([[['C-102', 13 * HOUR]], []]);
        expect(late.get('high/Business')).toEqual([[['C-104', 5.5 * HOUR]], []]);
        expect(late.get('urgent/Business')).toEqual([[], [['C-110', 75 * MINUTE]]]);
        expect(late.get('critical/Enterprise')).toEqual([[], [['C-111', 20 * MINUTE]]]);
        expect(late.get('high/EnterpriseOnRamp')).toEqual([[], [['C-113', 62 * HOUR]]]);
        expect(byKey.get('normal/Developer')!.windows[0]!.items).toEqual({ judged: 1, passed: 0, failed: 1, pending: 0, noValue: 0, failures: [{ id: 'C-102', line: 3, value: 13 * HOUR }] });
        // Both months of urgent/Business: C-103 (March) on time, C-110 (April) late.
        expect(byKey.get('urgent/Business')!.windows.map(w => [w.items!.judged, w.items!.passed, w.items!.failed])).toEqual([[1, 1, 0], [1, 0, 1]]);
    });

    it('every case is judged once, by the line of its severity and plan: 13 cases, 8 on time, 5 late', () => {
        const items = report.objectives.flatMap(o => o.windows.map(w => w.items!));
        const sum = (pick: (i: (typeof items)[number]) => number) => items.reduce((total, i) => total + pick(i), 0);
        // On time: C-101, C-103, C-105, C-106, C-107, C-108, C-109, C-112 (8); late: C-102, C-104, C-110, C-111, C-113 (5).
        expect({ judged: sum(i => i.judged), passed: sum(i => i.passed), failed: sum(i => i.failed), pending: sum(i => i.pending), noValue: sum(i => i.noValue) })
            .toEqual({ judged: 13, passed: 8, failed: 5, pending: 0, noValue: 0 });
        expect(items.flatMap(i => i.failures.map(f => f.id)).sort()).toEqual(['C-102', 'C-104', 'C-110', 'C-111', 'C-113']);
    });
});
