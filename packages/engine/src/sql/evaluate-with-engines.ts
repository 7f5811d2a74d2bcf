/**
 * Evaluation where the data live: datasets that name a table of a connection are read on that
 * connection's engine, Parquet files (and CSV files with `engine: 'duckdb'`) through DuckDB.
 * Per dataset, the decomposable statistics are pushed down when the plan allows it
 * (pushdown.ts); otherwise the scope's rows are pulled into the local pass (pulled-rows.ts).
 * Either way the same accumulators are filled and everything above them — ratios,
 * objectives, credits, caps — is the local engine's own code, so the report is the same.
 */
import type { AgreementModel, Expr } from '../model.js';
import { inferFormat } from '../data/spec.js';
import { evaluateAgreement, type EvaluateOptions } from '../evaluate/evaluate-agreement.js';
import type { DatasetPassHook } from '../evaluate/dataset-pass.js';
import type { EngineDatasetReport, Report } from '../report/report-types.js';
import type { ConnectionConfig, SqlConnection, SqlDialectName, SqlValue } from './sql-connection.js';
import { datasetSqlError, describeColumns, relationOf, type DatasetRelation } from './dataset-relation.js';
import { openDuckDb } from './duckdb-connection.js';
import { openServerConnection } from './server-connection.js';
import { pullInto, pullRows } from './pulled-rows.js';
import type { RowReader } from '../data/scan-context.js';
import { datasetStatsQuery, periodFilterAllowed, pushDown, type PushDownOutcome } from './pushdown.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import { readRange } from '../evaluate/window-plan.js';
import { foldStats, statsLookalikes } from './stats-scope-values.js';
import { naiveTimestampColumn, numberInTextColumn, serverColumnTypes } from './server-column-types.js';

export type FileEngine = 'local' | 'duckdb';

export interface EngineEvaluateOptions extends EvaluateOptions {
    /** The engine for CSV files (`sla evaluate --engine`); Parquet is always read by DuckDB, tables by their connection's engine. */
    engine?: FileEngine;
    /** Connections already open, by name (tests, the language server). */
    connections?: Record<string, SqlConnection>;
    /** Connections to open on first use, by name (`.slarc.json`, `--connection NAME=URL`). */
    connectionConfigs?: Record<string, ConnectionConfig>;
    /** Opens a PostgreSQL or ClickHouse connection (default: sql/server-connection.ts, the servers' clients); DuckDB URLs are opened here. */
    openConnection?: (config: ConnectionConfig) => Promise<SqlConnection>;
    /** Push statistics down where the plan allows (default true); false pulls every dataset's rows (tests, benchmarks). */
    pushDown?: boolean;
    /** Each query's time limit on its engine (default 10 minutes); the query is cancelled on the server too. */
    queryTimeoutMs?: number;
    /** A scan's push-down already done for a whole portfolio (portfolio-with-engines.ts): fills the scan, or undefined. */
    sharedPushDown?: (scan: DatasetScan) => (PushDownOutcome & { sharedBy?: number }) | undefined;
}

/** The default time limit of one query. */
export const DEFAULT_QUERY_TIMEOUT_MS = 600_000;

/** True when the model has a dataset that only a SQL engine reads (a table, Parquet), or `engine` asks for one. */
export function needsEngines(model: AgreementModel, engine: FileEngine = 'local', dataOverrides: Record<string, string> = {}): boolean {
    return Object.values(model.datasets).some((dataset) => relationOf(dataset, engine) !== undefined) || Object.values(dataOverrides).some((path) => inferFormat(path) === 'parquet');
}

export async function evaluateWithEngines(model: AgreementModel, options: EngineEvaluateOptions = {}): Promise<Report> {
    const engine = options.engine ?? 'local';
    if (!needsEngines(model, engine, options.dataOverrides)) return evaluateAgreement(model, options);
    const opened = new Map<string, Promise<SqlConnection>>();
    const ownConnections: Promise<SqlConnection>[] = [];
    const connectionFor = (relation: DatasetRelation): Promise<SqlConnection> => {
        const name = relation.kind === 'table' ? relation.connection : '';
        let connection = opened.get(name);
        if (connection === undefined) {
            const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
            connection = openFor(relation, name, options).then((open) => withTimeout(open, timeoutMs));
            // Connections given open stay open (their owner closes them); the ones opened here are closed after the evaluation.
            if (relation.kind !== 'table' || options.connections?.[name] === undefined) ownConnections.push(connection);
            opened.set(name, connection);
        }
        return connection;
    };
    const datasets: EngineDatasetReport[] = [];
    const datasetPass: DatasetPassHook = async (scan, period, sink, passOptions) => {
        const relation = relationOf(scan.spec, engine);
        if (relation === undefined) return undefined;
        const shared = options.pushDown === false ? undefined : options.sharedPushDown?.(scan);
        // A Parquet file a portfolio's DuckDB read for every agreement (portfolio-with-engines.ts): no DuckDB of its own is opened for it.
        const connection = shared !== undefined && relation.kind !== 'table' ? undefined : await connectionFor(relation);
        const entry: EngineDatasetReport = { name: scan.name, engine: connection?.dialect ?? 'duckdb', mode: 'pulled', queries: 0, rowsTransferred: 0 };
        if (relation.kind === 'table') entry.connection = relation.connection;
        datasets.push(entry);
        const pushed = options.pushDown === false ? { reason: 'push-down turned off' } : shared ?? await pushDown(connection!, relation, scan, period, passOptions.signal);
        if ('result' in pushed) {
            entry.mode = 'pushed down';
            entry.queries = pushed.queries;
            entry.rowsTransferred = pushed.rowsTransferred;
            if (pushed.bytesTransferred !== undefined) entry.bytesTransferred = pushed.bytesTransferred;
            const sharedBy = (pushed as { sharedBy?: number }).sharedBy;
            if (sharedBy !== undefined) entry.sharedBy = sharedBy;
            return pushed.result;
        }
        entry.reason = pushed.reason;
        const pulledFrom = connection ?? (await connectionFor(relation));
        // Only the evaluation period's rows when nothing reads the others (the counts of the dataset's report come from a statistics query).
        const types = relation.kind === 'csv' || scan.eventIndex < 0 ? undefined : await describeColumns(pulledFrom, relation, passOptions.signal).catch(() => undefined);
        const eventType = types?.get(scan.spec.fields[scan.eventIndex]?.column ?? '');
        // A missing column is reported by the pull itself, at the dataset's line, before any statistics query.
        const columnsPresent = types === undefined || scan.spec.fields.every((field) => types.has(field.column));
        const serverTypes = relation.kind === 'table' && pulledFrom.dialect !== 'duckdb' && scan.eventIndex >= 0 ? await serverColumnTypes(pulledFrom, relation, passOptions.signal).catch(() => undefined) : undefined;
        const columnTypes = types ?? serverTypes;
        // Numbers in text columns and naive PostgreSQL timestamps are read by the decoders: no SQL statistics can judge those rows as a file pass does.
        const decoded = columnTypes !== undefined && (numberInTextColumn(scan.spec.fields, columnTypes, pulledFrom.dialect) !== undefined || (pulledFrom.dialect === 'postgres' && naiveTimestampColumn(scan.spec, columnTypes) !== undefined));
        const windowed = options.pushDown !== false && columnsPresent && !decoded && periodFilterAllowed(scan, pulledFrom.dialect === 'duckdb' ? eventType ?? 'unknown' : undefined, relation)
            ? { stats: datasetStatsQuery(pulledFrom.dialect, relation, scan, period, undefined, columnTypes), period: readRange(scan.plans, period), fold: (rows: readonly SqlValue[][]) => foldStats(rows, scan), lookalikes: (rows: readonly SqlValue[][]) => statsLookalikes(rows, scan) }
            : undefined;
        const pulled = await pullRows(pulledFrom, relation, sink, { ...passOptions, readFields: scan.readFields, eventField: scan.eventField, ...(windowed === undefined ? {} : { windowed }) });
        entry.queries = pulled.queries;
        if (windowed !== undefined) entry.reason += '; only the rows of the evaluation period were pulled';
        entry.rowsTransferred = pulled.rowsTransferred;
        if (pulled.bytes > 0) entry.bytesTransferred = pulled.bytes;
        const { query: _query, rowsTransferred: _rows, queries: _queries, ...result } = pulled;
        return result;
    };
    // Pause joins and credited-item lists read their datasets too: the same relations, pulled, and listed in the report
    // (added to the dataset's own entry when its pass was on the engine too).
    const readers: EngineDatasetReport[] = [];
    const rowReader: RowReader = (spec, onRow, scanOptions) => {
        const relation = relationOf(spec, engine);
        if (relation === undefined) return undefined;
        return connectionFor(relation).then(async (connection) => {
            const pulled = await pullInto(connection, relation, onRow, scanOptions);
            const entry: EngineDatasetReport = { name: spec.name, engine: connection.dialect, mode: 'pulled', reason: 'read whole for pause joins or credited-item lists, which are computed locally', queries: 1, rowsTransferred: pulled.rowsTransferred };
            if (relation.kind === 'table') entry.connection = relation.connection;
            if (pulled.bytes > 0) entry.bytesTransferred = pulled.bytes;
            readers.push(entry);
            return pulled;
        });
    };
    try {
        const report = await evaluateAgreement(model, { ...options, datasetPass, rowReader });
        for (const reader of readers) {
            const own = datasets.find((entry) => entry.name === reader.name);
            if (own === undefined) {
                datasets.push(reader);
                continue;
            }
            own.queries += reader.queries;
            own.rowsTransferred += reader.rowsTransferred;
            if (reader.bytesTransferred !== undefined) own.bytesTransferred = (own.bytesTransferred ?? 0) + reader.bytesTransferred;
        }
        report.engines = { datasets, ...kpiModes(model, datasets) };
        return report;
    } finally {
        for (const connection of ownConnections) await connection.then((open) => open.close(), () => undefined);
    }
}

async function openFor(relation: DatasetRelation, name: string, options: EngineEvaluateOptions): Promise<SqlConnection> {
    if (relation.kind !== 'table') return openDuckDb();
    const given = options.connections?.[name];
    if (given !== undefined) return given;
    const config = options.connectionConfigs?.[name];
    if (config === undefined) {
        const known = Object.keys({ ...options.connections, ...options.connectionConfigs });
        throw datasetSqlError(relation.dataset, `no connection named '${name}' is configured (${known.length === 0 ? 'none is' : `configured: ${known.join(', ')}`}); add it to "connections" in .slarc.json or pass --connection ${name}=URL`);
    }
    try {
        if (config.url.startsWith('duckdb:')) return await openDuckDb(config.url);
        // PostgreSQL and ClickHouse by default (the language server's evaluations too); callers may open their own.
        return await (options.openConnection ?? openServerConnection)(config);
    } catch (error) {
        // The message of a failed connection never holds the password: it is only ever in the environment, never in the URL we print.
        throw datasetSqlError(relation.dataset, `cannot connect to connection '${name}': ${error instanceof Error ? error.message : String(error)}`);
    }
}

/** Which KPIs read which datasets (through KPI references), and so whether each was pushed down or pulled. */
function kpiModes(model: AgreementModel, datasets: EngineDatasetReport[]): { pushedDown: string[]; pulled: string[] } {
    const modes = new Map(datasets.map((dataset) => [dataset.name, dataset.mode]));
    const formulas = new Map(model.kpis.map((kpi) => [kpi.key, kpi.formula]));
    const pushedDown: string[] = [];
    const pulled: string[] = [];
    for (const kpi of model.kpis) {
        const read = datasetsOf(kpi.formula, formulas, new Set());
        const viaSql = [...read].filter((name) => modes.has(name));
        if (viaSql.length === 0) continue;
        if (viaSql.some((name) => modes.get(name) === 'pulled')) pulled.push(kpi.key);
        else pushedDown.push(kpi.key);
    }
    return { pushedDown, pulled };
}

function datasetsOf(expr: Expr, formulas: Map<string, Expr>, seen: Set<string>): Set<string> {
    const found = new Set<string>();
    const visit = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        if (Array.isArray(node)) {
            for (const item of node) visit(item);
            return;
        }
        const record = node as Record<string, unknown>;
        if (record.type === 'kpi' && typeof record.key === 'string' && !seen.has(record.key)) {
            seen.add(record.key);
            const formula = formulas.get(record.key);
            if (formula !== undefined) for (const name of datasetsOf(formula, formulas, seen)) found.add(name);
        }
        if (typeof record.dataset === 'string') found.add(record.dataset);
        for (const value of Object.values(record)) visit(value);
    };
    visit(expr);
    return found;
}

export type { SqlDialectName };

/** Every query of the evaluation with a time limit (a query's own limit, if it gives one, wins). */
function withTimeout(connection: SqlConnection, timeoutMs: number): SqlConnection {
    return {
        dialect: connection.dialect,
        query: (query, options) => connection.query(query, { timeoutMs, ...options }),
        close: () => connection.close()
    };
}
