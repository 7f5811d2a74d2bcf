import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { isAgreement } from '../../src/generated/ast.js';
import { toAgreementModel } from '../../src/evaluation/agreement-model.js';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const example = path.join(root, 'examples', 'managed-hosting', 'acme-hosting.sla');

describe('translation of an agreement into the engine model', async () => {
    const { documents, services } = await loadSlaFiles([example]);
    const agreement = documents[0].parseResult.value.elements.find(isAgreement)!;
    const model = toAgreementModel(agreement, services.types.TypeComputer);
    // The server commands wait for the workspace to be loaded, which a language server does on
    // `initialized`: here there is no folder to load, only the file loaded above.
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);

    it('carries the header: zone, validity, fee', () => {
        expect([model.id, model.timezone, model.validity]).toEqual(['AcmeHosting', 'Europe/Berlin', { from: '2026-01-01', to: '2026-12-31' }]);
        expect(model.fee).toEqual({ amount: 12000, currency: 'EUR', period: { kind: 'calendar', unit: 'month' } });
    });

    it('turns calendars and maintenance into minutes of the day and ISO weekdays', () => {
        // monday to friday = ISO 1..5; 08:00 = 480 min, 18:00 = 1080 min
        expect(model.calendars.SupportHours).toEqual({
            zone: 'Europe/Berlin',
            rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 480, endMinute: 1080 }],
            holidays: ['2026-12-24', '2026-12-25', '2026-12-26']
        });
        // every sunday = ISO 7; 02:00 = 120 min, 04:00 = 240 min
        expect(model.maintenance.Patching).toEqual({ recurring: [{ weekdays: [7], startMinute: 120, endMinute: 240 }], oneOff: [] });
    });

    it('says where each field is declared: the file as messages show it (relative to the working directory) and its line', () => {
        const text = documents[0].textDocument.getText().split('\n');
        const shown = path.relative(process.cwd(), example);
        for (const dataset of Object.values(model.datasets)) {
            expect(dataset.fields.length).toBeGreaterThan(0);
            for (const field of dataset.fields) {
                const [file, line] = field.declaredAt!.split(/:(?=\d+$)/);
                expect(file).toBe(shown);
                expect(text[Number(line) - 1]).toMatch(new RegExp(`^\\s*${field.name}\\b`));
            }
        }
    });

    it('resolves dataset files next to the .sla file, with column mappings and units', () => {
        const requests = model.datasets.requests;
        expect(requests.path).toBe(path.join(root, 'examples', 'managed-hosting', 'data', 'requests.csv'));
        expect(requests.format).toBe('csv');
        expect(requests.fields.map(f => [f.name, f.column, f.kind, f.durationUnitMs, f.optional])).toEqual([
            ['time', 'time', 'timestamp', undefined, false],
            ['service', 'service', 'text', undefined, false],
            ['latency', 'latency_ms', 'duration', 1, false],
            ['status', 'status', 'integer', undefined, false]
        ]);
        expect(model.datasets.tickets.fields.find(f => f.name === 'priority')?.enumValues).toEqual(['P1', 'P2', 'P3', 'P4']);
    });

    it('keeps targets in canonical units and windows as specs', () => {
        expect(model.objectives.map(o => [o.kpi, o.comparison, o.target, o.unitKind, o.window])).toEqual([
            ['WebShop.Availability', '>=', 0.999, 'ratio', { kind: 'calendar', unit: 'month' }],
            ['WebShop.P95Latency', '<=', 300, 'duration', { kind: 'calendar', unit: 'month' }],
            // 7 days = 7 × 86,400,000 ms
            ['WebShop.ErrorRate', '<', 0.005, 'ratio', { kind: 'rolling', lengthMs: 604_800_000, label: '7 days' }],
            // 30 minutes = 1,800,000 ms
            ['WebShop.P1Response', '<=', 1_800_000, 'duration', { kind: 'calendar', unit: 'month' }]
        ]);
        expect(model.internalTargets.map(t => [t.kpi, t.target, t.owner])).toEqual([['WebShop.Availability', 0.9995, 'Platform team']]);
    });

    it('turns "below" tiers into exclusive upper bounds and the cap into a per-window cap', () => {
        const credit = model.credits[0];
        expect(credit.tiers.map(t => [t.label, t.upper, t.lower, t.amount])).toEqual([
            ['below 99.9%', { value: 0.999, inclusive: false }, undefined, { kind: 'percentOfFee', percent: 10 }],
            ['below 99.0%', { value: 0.99, inclusive: false }, undefined, { kind: 'percentOfFee', percent: 25 }],
            ['below 95.0%', { value: 0.95, inclusive: false }, undefined, { kind: 'percentOfFee', percent: 50 }]
        ]);
        expect([credit.capPerWindow, credit.capPerYear]).toEqual([{ kind: 'percentOfFee', percent: 50 }, undefined]);
    });

    it('translates formulas into the engine expression tree', () => {
        const errorRate = model.kpis.find(k => k.key === 'WebShop.ErrorRate')!;
        expect(errorRate.formula).toEqual({
            type: 'binary', op: '/',
            left: {
                type: 'aggregate', fn: 'count', dataset: 'requests', value: undefined, percentile: undefined,
                where: {
                    type: 'binary', op: 'and',
                    left: { type: 'binary', op: '=', left: { type: 'field', dataset: 'requests', field: 'service' }, right: { type: 'string', value: 'webshop' } },
                    right: { type: 'binary', op: '>=', left: { type: 'field', dataset: 'requests', field: 'status' }, right: { type: 'number', value: 500, kind: 'number' } }
                }
            },
            right: {
                type: 'aggregate', fn: 'count', dataset: 'requests', value: undefined, percentile: undefined,
                where: { type: 'binary', op: '=', left: { type: 'field', dataset: 'requests', field: 'service' }, right: { type: 'string', value: 'webshop' } }
            }
        });
        const availability = model.kpis.find(k => k.key === 'WebShop.Availability')!;
        expect(availability.formula).toMatchObject({ type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: ['Patching'] });
        const response = model.kpis.find(k => k.key === 'WebShop.P1Response')!;
        expect(response.formula).toMatchObject({
            type: 'aggregate', fn: 'percentile', percentile: 90, dataset: 'tickets',
            value: { type: 'elapsed', calendar: 'SupportHours' }
        });
    });

    it('is evaluated by the server command sla.evaluate, as any LSP client calls it', async () => {
        const handler = services.shared.lsp.ExecuteCommandHandler!;
        expect(handler.commands).toContain('sla.evaluate');
        const result = await handler.executeCommand('sla.evaluate', [{ uri: URI.file(example).toString(), from: '2026-01-01', to: '2026-03-31' }]) as EvaluateCommandResult;
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        // February: (39,840 − 168) / 39,840 = 99.5783 % (examples/managed-hosting/README.md)
        const february = result.report.objectives[0].windows[1];
        expect(february.status).toBe('breached');
        expect(february.value).toBeCloseTo(39_672 / 39_840, 12);
        expect(result.report.credits[0].total).toBe(1200);
    });

    it('explains the document in plain language through the server command sla.explain', async () => {
        const markdown = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.explain', [{ uri: URI.file(example).toString() }]) as string;
        expect(markdown).toMatch(/^# AcmeHosting — Managed hosting for Acme Corp/);
        expect(markdown).toContain('99.9%');
    });
});
