/**
 * The SQL each dialect gets: names quoted per dialect (a hostile name stays one identifier),
 * every value a bound parameter, boundaries as epoch-ms integers computed by the project (no
 * zone in SQL), DECIMAL sums, and no percentile_disc / quantileExact.
 */
import { describe, expect, it } from 'vitest';
import { compileAgreementQueries, quoteIdentifier, type AgreementModel, type DatasetModel } from '../../src/index.js';
import { agreement, bin, count, field, MONTH, num, percentile, ref, str } from '../evaluate/fixtures.js';

const HOSTILE = `requests"; DROP TABLE x; -- \` \\ /* '`;

function model(): AgreementModel {
    const requests: DatasetModel = {
        name: 'requests', path: 'warehouse:public.requests', format: 'csv',
        table: { connection: 'warehouse', schema: 'public', name: HOSTILE },
        fields: [field('time', 'timestamp'), { ...field('region', 'text'), column: `region'; --` }, field('latency', 'number'), field('status', 'integer')]
    };
    return agreement({
        timezone: 'Europe/Berlin',
        validity: { from: '2026-03-01', to: '2026-03-31' },
        datasets: { requests },
        kpis: [
            { key: 'Errors', name: 'Errors', unitKind: 'ratio', formula: bin('/', count('requests', bin('>=', ref('requests', 'status'), num(500))), count('requests')) },
            { key: 'P95', name: 'P95', unitKind: 'number', formula: percentile(95, 'requests', ref('requests', 'latency'), bin('=', ref('requests', 'region'), str(`eu' OR '1'='1`))) }
        ],
        objectives: [
            { kpi: 'Errors', kpiName: 'Errors', comparison: '<', target: 0.01, unitKind: 'ratio', window: MONTH },
            { kpi: 'P95', kpiName: 'P95', comparison: '<=', target: 300, unitKind: 'number', window: MONTH }
        ]
    });
}

describe('identifiers per dialect', () => {
    it('doubles the quote character of the dialect', () => {
        expect(quoteIdentifier('postgres', 'a"b')).toBe('"a""b"');
        expect(quoteIdentifier('duckdb', 'a"b')).toBe('"a""b"');
        expect(quoteIdentifier('clickhouse', 'a`b\\c')).toBe('`a``b\\\\c`');
    });
});

describe('compiled queries', () => {
    const now = Date.parse('2026-04-02T00:00:00Z');
    for (const dialect of ['duckdb', 'postgres', 'clickhouse'] as const) {
        it(`${dialect}: statistics pushed down, values bound, no engine percentile`, () => {
            const queries = compileAgreementQueries(model(), dialect, { now });
            // Stats, all rows, P95's filter, the errors' filter; then DuckDB's batched k-th value query and its value-count alternative,
            // or (PostgreSQL, ClickHouse: calendar months) the first counting round over value buckets.
            expect(queries.map((query) => query.purpose)).toEqual(['statistics', 'statistics', 'statistics', 'statistics', 'percentile', ...(dialect === 'duckdb' ? ['percentile'] : [])]);
            const all = queries.map((query) => query.query.text).join('\n');
            // The hostile string is data: it appears only as a bound value, never in the text.
            expect(all).not.toContain(`'1'='1`);
            expect(queries.some((query) => query.query.params.includes(`eu' OR '1'='1`))).toBe(true);
            expect(all).not.toMatch(/percentile_disc|quantile|AT TIME ZONE|toTimeZone|date_trunc/i);
            // March 2026 in Berlin: 1 March 00:00 CET = 2026-02-28T23:00Z; 1 April 00:00 CEST = 2026-03-31T22:00Z (the DST change inside).
            // PostgreSQL compares the timestamptz column with instants bound as timestamptz text (instant-sql.ts), the others with epoch ms.
            const bounds = queries[0]!.query.params;
            const instant = (iso: string) => (dialect === 'postgres' ? iso : Date.parse(iso));
            expect(bounds).toContain(instant('2026-02-28T23:00:00.000Z'));
            expect(bounds).toContain(instant('2026-03-31T22:00:00.000Z'));
            if (dialect === 'postgres') {
                expect(all).toContain('"time" >= $1::timestamptz');
                expect(all).not.toContain('extract(epoch from "time")');
            }
            if (dialect === 'clickhouse') {
                expect(all).toContain('`public`.`requests"; DROP TABLE x; -- `` \\\\ /* \'`');
                expect(all).toContain('toInt64(`time`)');
            } else {
                expect(all).toContain(`"public"."requests""; DROP TABLE x; -- \` \\ /* '"`);
            }
            if (dialect === 'postgres') expect(all).toContain('SUM("latency"::numeric)');
            if (dialect !== 'duckdb') {
                // Counting rounds: rows per (window, scope, bucket) with bucket = floor(float64(v) · 2^j) (round 1 shown with the segment as
                // window), no sort of the rows, no window function over them, no arrays of rows.
                expect(all).toContain(dialect === 'postgres' ? 'floor(sla_f * 1::float8)::bigint AS sla_key' : 'toInt64(floor(toFloat64(sla_value) * 1)) AS sla_key');
                // ClickHouse: Nullable types dropped from the counted rows (18.16 refuses arrays of a Nullable key).
                expect(all).toContain(dialect === 'postgres' ? 'sla_segment AS sla_window' : 'assumeNotNull(sla_segment) AS sla_window');
                expect(all).toContain('GROUP BY sla_window, sla_scope, sla_key');
                expect(all).not.toMatch(/LIMIT 1 OFFSET|row_number|groupArray|arraySort/);
            } else {
                // One query for every window and scope: rows ranked per (window, scope), the window placed by its UTC instants
                // (March in Berlin, as above: written as integer literals, computed by the project), only the wanted ranks kept.
                expect(all).toMatch(/row_number\(\) OVER \(PARTITION BY sla_window, sla_scope ORDER BY sla_value\)/);
                expect(all).toContain(`WHEN sla_t >= ${Date.parse('2026-02-28T23:00:00Z')} AND sla_t < ${Date.parse('2026-03-31T22:00:00Z')} THEN 0`);
                expect(all).not.toMatch(/LIMIT 1 OFFSET/);
            }
        });
    }
});
