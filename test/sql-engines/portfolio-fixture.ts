/**
 * The portfolio of client agreements shared by the portfolio push-down tests (PostgreSQL and
 * ClickHouse in portfolio-pushdown.test.ts, DuckDB in portfolio-duckdb.test.ts): five clients in
 * five zones over one request log written as a CSV file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SqlConnection, SqlQuery } from '../../packages/engine/src/sql/sql-connection.js';
import { agreementHeader, datasetBlock } from './agreement-text.js';
import { random as seededRandom } from '../../packages/language/test/random.js';

export const PERIOD = { from: '2026-01-01', to: '2026-04-30', now: Date.parse('2026-05-15T00:00:00Z') };
/** Four zones with DST changes in the period at different dates (New York 8 March, Berlin 29 March, Sydney 5 April) and one without. */
export const CLIENTS = [
    { id: 'c1', zone: 'Europe/Berlin', monthStart: '2026-01-31T23:00:00Z' },
    { id: 'c2', zone: 'America/New_York', monthStart: '2026-02-01T05:00:00Z' },
    { id: 'c3', zone: 'Asia/Tokyo', monthStart: '2026-01-31T15:00:00Z' },
    { id: 'c4', zone: 'Australia/Sydney', monthStart: '2026-01-31T13:00:00Z' },
    // No row at all: every window is no data.
    { id: 'c5', zone: 'UTC', monthStart: '2026-02-01T00:00:00Z' }
];

export function writePortfolio(dir: string): string[] {
    const random = seededRandom(15);
    const lines = ['time,client,service,latency_ms,status'];
    const row = (ms: number, client: string, service: string, latency: string, status: number) => lines.push(`${new Date(ms).toISOString()},${client},"${service.replace(/"/g, '""')}",${latency},${status}`);
    const services = ['api', "o'brien; --"];
    const start = Date.parse('2026-01-01T00:00:00Z');
    const span = Date.parse('2026-05-01T00:00:00Z') - start;
    for (const [index, client] of CLIENTS.slice(0, 4).entries()) {
        // Random rows over the period, latencies with ties (whole and half milliseconds) and decimals.
        for (let k = 0; k < 300 * (index + 1); k++) {
            const latency = random() < 0.3 ? String(10 * Math.floor(random() * 10)) : (random() * 1000).toFixed(3);
            row(start + Math.floor(random() * span), client.id, services[Math.floor(random() * 2)]!, latency, random() < 0.03 ? 503 : 200);
        }
        // The first of February in the client's zone: the last millisecond of January and the first of February.
        const boundary = Date.parse(client.monthStart);
        row(boundary - 1, client.id, 'api', '999.999', 200);
        row(boundary, client.id, 'api', '0.001', 500);
    }
    // c1, March (Berlin): n = 1,000 for "api" at 1 … 1000 ms: P99.9 (k = 999) is 999, P95 (k = 950) 950.
    for (let k = 1; k <= 1000; k++) row(Date.parse('2026-03-10T00:00:00Z') + k * 60_000, 'c1', 'api', String(k), 200);
    // c4, April (Sydney): one row of "o'brien; --" only besides the random ones' service mix: tiny n per service.
    row(Date.parse('2026-04-15T00:00:00Z'), 'c4', "o'brien; --", '7.5', 200);
    // Another client's rows (not in the portfolio): counted as other clients' rows by each agreement.
    for (let k = 0; k < 50; k++) row(start + Math.floor(random() * span), 'c9', 'api', '1', 200);
    fs.writeFileSync(path.join(dir, 'requests.csv'), `${lines.join('\n')}\n`);
    return CLIENTS.map((client, index) => {
        const file = path.join(dir, `${client.id}.sla`);
        fs.writeFileSync(
            file,
            `${agreementHeader({ name: `Client${index + 1}`, title: `Client ${client.id}`, zone: client.zone, customer: `C${index + 1} "Client ${client.id}"`, lines: [`client scope client = "${client.id}"`] })}
${datasetBlock('requests', 'Request log, all clients', 'requests.csv', ['time    timestamp', 'client  text', 'service text', 'latency duration ms column "latency_ms"', 'status  integer'])}
    service S "Service" {
        kpi Requests "Requests" = count(requests)
        kpi Errors "Failed share" = count(requests where status >= 500) / count(requests)
        kpi Mean "Mean latency" = avg(requests.latency)
        kpi P95 "P95 latency" = percentile(95, requests.latency)
        kpi P999 "P99.9 latency" = percentile(99.9, requests.latency)
        objective Requests >= 1 per calendar month for each service
        objective Errors <= 5% per calendar month for each service
        objective Mean <= 500 ms per calendar month
        objective P95 <= 800 ms per calendar month for each service
        objective P999 <= 990 ms per calendar month
    }
}
`
        );
        return file;
    });
}

/** A connection that counts the queries and rows it answers. */
export function counted(connection: SqlConnection): { connection: SqlConnection; stats: { queries: number; rows: number } } {
    const stats = { queries: 0, rows: 0 };
    return {
        stats,
        connection: {
            dialect: connection.dialect,
            query: async (query: SqlQuery, options) => {
                const result = await connection.query(query, options);
                stats.queries++;
                stats.rows += result.rows.length;
                return result;
            },
            close: () => connection.close()
        }
    };
}
