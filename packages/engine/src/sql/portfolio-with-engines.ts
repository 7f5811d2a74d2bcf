/**
 * A portfolio of agreements some of whose datasets name tables: each agreement's report as
 * evaluateWithEngines gives it, but the agreements that read the same table of a connection
 * with their client scopes share one push-down (portfolio-pushdown.ts) — one set of queries for
 * 400 clients instead of 400 sets. The agreements are planned first (their windows, in their own
 * zones), the shared queries run, and each agreement is then evaluated with its dataset's pass
 * taken from the shared results; whatever cannot be shared runs agreement by agreement as before.
 */
import type { AgreementModel } from '../model.js';
import type { Report } from '../report/report-types.js';
import { prepareAgreement } from '../evaluate/evaluate-agreement.js';
import { hasListedMaintenance } from '../evaluate/listed-maintenance.js';
import type { SqlConnection } from './sql-connection.js';
import { relationOf, type DatasetRelation } from './dataset-relation.js';
import { openServerConnection } from './server-connection.js';
import { openDuckDb } from './duckdb-connection.js';
import { DEFAULT_QUERY_TIMEOUT_MS, evaluateWithEngines, needsEngines, type EngineEvaluateOptions } from './evaluate-with-engines.js';
import { applySharedResult, memberSignature, pushDownShared, type SharedMember, type SharedMemberResult } from './portfolio-pushdown.js';

interface SharedTable {
    /** The connection's name; undefined for a Parquet file (an in-memory DuckDB reads it). */
    connection: string | undefined;
    relation: DatasetRelation;
    members: (SharedMember & { agreement: number; dataset: string })[];
}

/** The reports of the models, in their order. */
export async function evaluatePortfolioWithEngines(models: readonly AgreementModel[], options: EngineEvaluateOptions = {}): Promise<Report[]> {
    const engine = options.engine ?? 'local';
    const now = options.now ?? Date.now();
    const tables = new Map<string, SharedTable>();
    if (options.pushDown !== false) {
        models.forEach((model, agreement) => {
            if (!needsEngines(model, engine, options.dataOverrides) || Object.keys(options.dataOverrides ?? {}).length > 0) return;
            // Its maintenance periods are read from data first: its own evaluation below does that.
            if (hasListedMaintenance(model)) return;
            let prepared: ReturnType<typeof prepareAgreement>;
            try {
                prepared = prepareAgreement(model, { ...options, now });
            } catch {
                return; // its own evaluation below meets the problem again and reports it as for one agreement
            }
            for (const scan of prepared.scans) {
                const relation = relationOf(scan.spec, engine);
                // Tables of a connection, and Parquet files (read by DuckDB); CSV files are decoded by the project, row by row.
                if ((relation?.kind !== 'table' && relation?.kind !== 'parquet') || scan.spec.clientScope === undefined) continue;
                const connection = relation.kind === 'table' ? relation.connection : undefined;
                const key = JSON.stringify([connection ?? null, scan.spec.table?.schema ?? null, scan.spec.table?.name ?? null, relation.kind === 'parquet' ? scan.spec.path : null, memberSignature(scan)]);
                let table = tables.get(key);
                if (table === undefined) tables.set(key, (table = { connection, relation, members: [] }));
                table.members.push({ scan, period: prepared.period, agreement, dataset: scan.name });
            }
        });
    }
    // (agreement, dataset) → its share of the shared push-down.
    const shared = new Map<string, SharedMemberResult>();
    const opened: Record<string, SqlConnection> = {};
    const connections: Record<string, SqlConnection> = { ...options.connections };
    try {
        for (const table of tables.values()) {
            if (table.members.length < 2) continue;
            const connection = table.connection === undefined ? await inMemoryDuckDb(opened) : await connectionFor(table.connection, options, connections, opened);
            if (connection === undefined) continue; // the agreements' own evaluations report why
            let results: Awaited<ReturnType<typeof pushDownShared>>;
            try {
                results = await pushDownShared(withTimeout(connection, options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS), table.relation, table.members, options.signal);
            } catch (error) {
                if (options.signal?.aborted) throw error;
                continue; // each agreement's own push-down meets the error again and reports it at its dataset
            }
            if (!Array.isArray(results)) continue;
            table.members.forEach((member, index) => shared.set(`${member.agreement}\u0000${member.dataset}`, results[index]!));
        }
        const reports: Report[] = [];
        for (const [agreement, model] of models.entries()) {
            reports.push(
                await evaluateWithEngines(model, {
                    ...options,
                    now,
                    connections,
                    sharedPushDown: (scan) => {
                        const result = shared.get(`${agreement}\u0000${scan.name}`);
                        return result === undefined ? undefined : applySharedResult(scan, result);
                    }
                })
            );
        }
        return reports;
    } finally {
        for (const connection of Object.values(opened)) await connection.close().catch(() => undefined);
    }
}

/** The named connection, opened once for the whole portfolio; undefined when it cannot be opened (the agreements report it). */
async function connectionFor(name: string, options: EngineEvaluateOptions, connections: Record<string, SqlConnection>, opened: Record<string, SqlConnection>): Promise<SqlConnection | undefined> {
    if (connections[name] !== undefined) return connections[name];
    const config = options.connectionConfigs?.[name];
    if (config === undefined) return undefined;
    try {
        // A DuckDB database is opened once here and given to every agreement's evaluation (one process, one open database file).
        const connection = config.url.startsWith('duckdb:') ? await openDuckDb(config.url) : await (options.openConnection ?? openServerConnection)(config);
        opened[name] = connection;
        connections[name] = connection;
        return connection;
    } catch {
        return undefined;
    }
}

/** An in-memory DuckDB for the portfolio's shared Parquet files, opened once and closed with the others. */
async function inMemoryDuckDb(opened: Record<string, SqlConnection>): Promise<SqlConnection | undefined> {
    const name = '\u0000parquet';
    if (opened[name] !== undefined) return opened[name];
    try {
        return (opened[name] = await openDuckDb());
    } catch {
        return undefined;
    }
}

function withTimeout(connection: SqlConnection, timeoutMs: number): SqlConnection {
    return {
        dialect: connection.dialect,
        query: (query, queryOptions) => connection.query(query, { timeoutMs, ...queryOptions }),
        close: () => connection.close()
    };
}
