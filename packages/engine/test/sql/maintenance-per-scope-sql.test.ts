/**
 * An uptime whose maintenance is listed per value of its `for each` field has an eligible time
 * per scope value (evaluate/scoped-maintenance.ts): the SQL push-down ships one eligible time per
 * window, so such an uptime is computed locally (its rows pulled), never with db1's maintenance
 * excusing db2's outage.
 */
import { describe, expect, it } from 'vitest';
import { compileAgreementQueries, type AgreementModel, type MaintenanceModel } from '../../src/index.js';
import { agreement, field, MONTH } from '../evaluate/fixtures.js';

const DB1_MAINTENANCE: [number, number] = [Date.parse('2026-04-10T00:00:00Z'), Date.parse('2026-04-10T04:00:00Z')];

function model(maintenance: MaintenanceModel): AgreementModel {
    return agreement({
        timezone: 'UTC',
        validity: { from: '2026-04-01', to: '2026-04-30' },
        maintenance: { Planned: maintenance },
        datasets: {
            outages: {
                name: 'outages', path: 'warehouse:public.outages', format: 'csv',
                table: { connection: 'warehouse', schema: 'public', name: 'outages' },
                fields: [field('database', 'text'), field('started', 'timestamp'), field('ended', 'timestamp', true)]
            }
        },
        kpis: [{ key: 'Uptime', name: 'Uptime', unitKind: 'ratio', formula: { type: 'uptime', dataset: 'outages', from: 'started', to: 'ended', excluding: ['Planned'] } }],
        objectives: [{ kpi: 'Uptime', kpiName: 'Uptime', comparison: '>=', target: 0.999, unitKind: 'ratio', window: MONTH, scopeField: 'database' }]
    });
}

const schedule = { recurring: [], oneOff: [], listedIn: 'changes', listed: [DB1_MAINTENANCE] } satisfies MaintenanceModel;

describe('SQL push-down of an uptime with maintenance listed per scope value', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');

    it('pulls the outage rows: each database has its own eligible time', () => {
        const perScope: MaintenanceModel = { ...schedule, listedPerScope: { database: { byValue: new Map([['db1', [DB1_MAINTENANCE]]]), everyValue: [] } } };
        const queries = compileAgreementQueries(model(perScope), 'duckdb', { now });
        expect(queries.map((query) => [query.purpose, query.note])).toEqual([['pull', 'uptime(…) excluding maintenance listed per scope value is computed locally']]);
    });

    it('pushes the uptime down when the maintenance is the same for every database', () => {
        const queries = compileAgreementQueries(model(schedule), 'duckdb', { now });
        expect(queries.some((query) => query.purpose === 'pull')).toBe(false);
    });
});
