// examples/public-slas/aws-support: the designed outcomes of its README, computed by hand there.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/public-slas/aws-support/aws-support.sla');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('AWS Support: first response times per plan and severity', async () => {
    const { documents, services } = await loadSlaFiles([file]);
    const report = await evaluateDocument(documents[0]!, services, { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') });
    /** "Kpi/Plan" → [March, April] as [value, status]. */
    const outcomes = new Map(report.objectives.map(o => [`${o.kpi}/${o.plan}`, o.windows.map(w => [w.value, w.status])]));

    it('one objective per plan with a target: 16 objectives, 32 windows; 8 met, 5 breached, 19 without data', () => {
        expect(report.objectives).toHaveLength(16);
        expect(report.totals).toEqual({ windows: 32, met: 8, breached: 5, noData: 19 });
    });

    it('Developer counts German business hours, holidays excluded', () => {
        // C-101: Fri 6 Mar 16:00 → Tue 10 Mar 09:00 = 2 + 10 + 1 = 13 business hours (89 h wall clock).
        // C-109: Thu 2 Apr 17:00 → Wed 8 Apr 15:00, Good Friday and Easter Monday off: 1 + 10 + 7 = 18 h.
        expect(outcomes.get('GuidanceBusinessHours/Developer')).toEqual([[13 * HOUR, 'met'], [18 * HOUR, 'met']]);
        // C-102: Wed 11 Mar 10:00 → Thu 12 Mar 13:00 = 8 + 5 = 13 business hours, not < 12.
        expect(outcomes.get('ImpairedBusinessHours/Developer')).toEqual([[13 * HOUR, 'breached'], [null, 'no data']]);
    });

    it('the other plans count round the clock, across the DST change', () => {
        // C-108: 28 Mar 22:00 CET → 29 Mar 10:30 CEST = 11 h 30 min of real time (12 h 30 on the clock face).
        expect(outcomes.get('Impaired/Business')).toEqual([[11.5 * HOUR, 'met'], [null, 'no data']]);
        // C-104: 17 Mar 20:00 → 18 Mar 01:30 = 5 h 30 min, not < 4 h.
        expect(outcomes.get('ProductionImpaired/Business')).toEqual([[5.5 * HOUR, 'breached'], [null, 'no data']]);
        // C-103 40 min, C-110 1 h 15 min.
        expect(outcomes.get('ProductionDown/Business')).toEqual([[40 * MINUTE, 'met'], [75 * MINUTE, 'breached']]);
        // C-107: 22 h.
        expect(outcomes.get('Guidance/Enterprise')).toEqual([[22 * HOUR, 'met'], [null, 'no data']]);
        // C-112: 11 h.
        expect(outcomes.get('Impaired/EnterpriseOnRamp')).toEqual([[null, 'no data'], [11 * HOUR, 'met']]);
    });

    it('business-critical: 30 minutes for Enterprise On-Ramp, 15 for Enterprise', () => {
        // C-106 25 min (On-Ramp, met; it would breach Enterprise's 15). C-105 12 min, C-111 20 min.
        expect(outcomes.get('CriticalDown/EnterpriseOnRamp')).toEqual([[25 * MINUTE, 'met'], [null, 'no data']]);
        expect(outcomes.get('CriticalDown/Enterprise')).toEqual([[12 * MINUTE, 'met'], [20 * MINUTE, 'breached']]);
    });

    it('a case still unanswered at the end of the data has failed once its time so far exceeds the target', () => {
        // C-113: opened 28 Apr 10:00, no response; data complete to 30 April: 62 h so far, not < 4 h.
        const [march, april] = report.objectives.find(o => o.kpi === 'ProductionImpaired' && o.plan === 'EnterpriseOnRamp')!.windows;
        expect(march).toMatchObject({ value: null, status: 'no data' });
        expect(april).toMatchObject({ value: 62 * HOUR, status: 'breached', atLeast: true, failedOpen: 1 });
    });

    it('the plans a severity is not offered to have no objective: the Developer cases judge only Developer targets', () => {
        expect([...outcomes.keys()].filter(key => key.endsWith('/Developer'))).toEqual(['GuidanceBusinessHours/Developer', 'ImpairedBusinessHours/Developer']);
        expect(report.notes.join('\n')).not.toContain('name no declared plan');
    });
});
