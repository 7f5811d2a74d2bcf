import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementModelOf } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';
import { evaluateFixture } from './evaluate-fixture.js';
import { AGREEMENT, PAUSES, TICKETS } from './paused-desk.js';

describe('business days with pauses excluded, from the .sla text', async () => {
    const files = { 'desk.sla': AGREEMENT, 'tickets.csv': TICKETS, 'pauses.csv': PAUSES };

    it('validates without a diagnostic, and the model keeps the pauses of the business-day elapsed', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-language-'));
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
        const { documents, services } = await loadSlaFiles([path.join(folder, 'desk.sla')]);
        expect((documents[0]!.diagnostics ?? []).map(d => `${String(d.code)}: ${d.message}`)).toEqual([]);
        const model = agreementModelOf(documents[0]!, services, 'Desk');
        const pauses = { dataset: 'ticketPauses', key: 'ticket', rowKey: 'id', from: 'pausedFrom', to: 'pausedTo' };
        expect(model.itemObjectives![0]!.value).toMatchObject({ type: 'elapsed', unit: 'businessDays', calendar: 'BusinessHours', pauses });
        const share = model.kpis.find(kpi => kpi.name === 'WithinTwo')!.formula;
        expect(share).toMatchObject({ type: 'share', part: { type: 'binary', op: '<=', left: { type: 'elapsed', unit: 'businessDays', pauses } } });
    });

    const report = await evaluateFixture(files, { from: '2026-03-01', to: '2026-03-31' });
    const march = (kpi: string) => report.objectives.find(o => o.kpi === kpi && o.each === undefined)!.windows[0]!;

    it('objective each: T3 (2.1) is late, T1 (1.8) and T2 (exactly 2) are not, T4 is pending', () => {
        const each = report.objectives.find(o => o.each !== undefined)!;
        expect(each.unit).toBe('businessDays');
        const window = each.windows[0]!;
        expect(window.items).toMatchObject({ judged: 3, passed: 2, failed: 1, pending: 1 });
        expect(window.items!.failures.map(item => [item.id, item.line])).toEqual([['T3', 4]]);
        expect(window.items!.failures[0]!.value).toBeCloseTo(2.1, 12);
        expect(window.status).toBe('breached');
    });

    it('share(… <= 2 business days …): 2 of the 3 resolved tickets (T4 pending); < 2 business days: only T1', () => {
        expect(march('WithinTwo').value).toBeCloseTo(2 / 3, 12);
        expect(march('WithinTwo').pending).toBe(1);
        expect(march('UnderTwo').value).toBeCloseTo(1 / 3, 12);
    });
});
