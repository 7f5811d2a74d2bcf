/**
 * Business time computed once per row (PostgreSQL). `elapsed(a, b) during C` is W(b) − W(a)
 * (cumulative-time-sql.ts), and the push-down reads it many times: COUNT, SUM, MIN and MAX of the
 * group query, a filter such as `elapsed(…) < 4 hours`, and every counting round of a percentile
 * (kth-by-counting.ts) — PostgreSQL shares no repeated expression, so each reading computed it
 * again, row by row, round by round (at 1M tickets the push-down was 2.4 times slower than
 * pulling every row).
 *
 * Here the rows of the scan's windows (its client's only) are read once with each distinct
 * business time as a column `sla_eN`, beside the columns the scan reads:
 * - into a TEMP table (`CREATE TEMP TABLE pg_temp.sla_rows_… AS SELECT …`), which every later
 *   query of the push-down reads instead of the table; dropped at the end;
 * - or, when the server refuses a temp table (a role without the TEMP privilege, a read-only
 *   transaction or a hot standby), as a subquery fenced with `OFFSET 0` in each query, so that
 *   PostgreSQL does not inline it: the business time once per row and query, not once per use.
 *
 * The table is created and read inside one transaction (BEGIN … ROLLBACK), so that a pooler in
 * transaction mode (PgBouncer) keeps every statement on the session that holds it; its name is
 * random, and `pg_temp.` makes sure no table of the database is read in its place.
 */
import { randomBytes } from 'node:crypto';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { SqlConnection, SqlQuery } from './sql-connection.js';
import { relationSql, type DatasetRelation } from './dataset-relation.js';
import { clientScopeColumn } from './pulled-rows.js';
import { quoteIdentifier, SqlParams } from './sql-dialect.js';
import { instantSql } from './instant-sql.js';
import type { ElapsedSql } from './elapsed-pushdown.js';
import { SqlConnectionError } from './sql-error.js';

/** Where the push-down reads a scan's rows with their business time computed once. */
export interface MaterialisedRows {
    kind: 'temporary table' | 'subquery';
    /** `FROM …` of the rows (the subquery binds its parameters into the query's). */
    from(params: SqlParams): string;
    /** The business time of a node: a column of the rows. */
    elapsed: ElapsedSql;
    /** Statements run to build it (the CREATE, or the refused CREATE). */
    statements: number;
    /** Why the temp table was not used: the server's refusal (not in the report: the push-down's result is the same). */
    refusal?: string;
    /** Ends the transaction that holds the temp table (ROLLBACK drops it; errors ignored: it ends with the session anyway). */
    drop(): Promise<void>;
}

export interface MaterialiseInput {
    relation: DatasetRelation;
    scan: DatasetScan;
    /** The business time of the scan's nodes over the original table (elapsed-pushdown.ts). */
    elapsed: ElapsedSql;
    /** The rows kept: event time in [from, to) (the windows of every group). */
    from: number;
    to: number;
    /** PostgreSQL's type of the event time column (information_schema), when known. */
    eventColumnType: string | undefined;
    /** A portfolio's shared push-down: the rows of these clients (the client column kept), instead of the scan's own client. */
    clients?: readonly string[];
}

/** True when the scan measures business time (a calendar): the per-row value is worth computing once (PostgreSQL). */
export function materialisesBusinessTime(scan: DatasetScan): boolean {
    return scan.elapsed.some((node) => node.calendar !== undefined);
}

/**
 * The SELECT of the materialised rows: the columns the scan reads (same names) and each distinct
 * business time (by its SQL) as `sla_eN`; and the ElapsedSql that names those columns.
 */
export function materialisedSelect(input: MaterialiseInput, params: SqlParams): { select: string; elapsed: ElapsedSql } {
    const { relation, scan } = input;
    const dialect = 'postgres';
    const fields = new Map(scan.spec.fields.map((field) => [field.name, field]));
    const columns = new Set<string>();
    const read = (name: string): void => {
        const field = fields.get(name);
        if (field !== undefined) columns.add(field.column);
    };
    read(scan.eventField);
    for (const name of scan.readFields) read(name);
    for (const slot of scan.interners) read(slot.field);
    const client = clientScopeColumn(scan.spec);
    if (client !== undefined && input.clients !== undefined) columns.add(client.column); // the shared push-down joins on it
    // Business time in two steps: the inner query computes each instant's epoch ms and binary search once, the outer W(b) − W(a) from them.
    const copied = [...columns].map((column) => quoteIdentifier(dialect, column));
    const inner = [...copied];
    const outer = [...copied];
    const fresh = (prefix: string, counter: { next: number }): string => {
        let name = `${prefix}${counter.next++}`;
        while (columns.has(name)) name = `${prefix}${counter.next++}`;
        return name;
    };
    const elapsedNames = { next: 0 };
    const inputNames = { next: 0 };
    const names = new Map<string, string>();
    for (const node of scan.elapsed) {
        const sql = input.elapsed.sql(node);
        if (names.has(sql)) continue;
        const name = quoteIdentifier(dialect, fresh('sla_e', elapsedNames));
        names.set(sql, name);
        const staged = input.elapsed.staged?.(node);
        if (staged === undefined) {
            inner.push(`${sql} AS ${name}`);
            outer.push(name);
            continue;
        }
        const refs = staged.inputs.map((expression) => {
            const ref = quoteIdentifier(dialect, fresh('sla_i', inputNames));
            inner.push(`${expression} AS ${ref}`);
            return ref;
        });
        outer.push(`${staged.value(refs)} AS ${name}`);
    }
    const event = fields.get(scan.eventField)!;
    const instant = instantSql(dialect, quoteIdentifier(dialect, event.column), input.eventColumnType);
    const where = [`${instant.value} >= ${instant.bind(params, input.from)}`, `${instant.value} < ${instant.bind(params, input.to)}`];
    if (client !== undefined && input.clients !== undefined) where.unshift(`${quoteIdentifier(dialect, client.column)} IN (${input.clients.map((value) => `${params.bind(value)}::text`).join(', ')})`);
    else if (client !== undefined) where.unshift(`${quoteIdentifier(dialect, client.column)} = ${params.bind(client.value)}`);
    const rows = `SELECT ${inner.join(', ')} FROM ${relationSql(dialect, relation, params)} WHERE ${where.map((condition) => `(${condition})`).join(' AND ')}`;
    // OFFSET 0: PostgreSQL keeps the inner query (flattened, it would write each input into every place that reads it again).
    const text = inputNames.next === 0 ? rows : `SELECT ${outer.join(', ')} FROM (${rows} OFFSET 0) AS sla_i`;
    const elapsed: ElapsedSql = {
        sql(node) {
            const sql = input.elapsed.sql(node);
            const name = names.get(sql);
            // Every node of the scan is a column; any other (none is expected) is computed from the copied columns.
            return name ?? sql;
        }
    };
    return { select: text, elapsed };
}

/** The rows in a fenced subquery: business time once per row and query. */
export function subqueryRows(input: MaterialiseInput, refusal?: string): MaterialisedRows {
    return {
        kind: 'subquery',
        from: (params) => `(${materialisedSelect(input, params).select} OFFSET 0) AS sla_m`,
        elapsed: materialisedSelect(input, new SqlParams('postgres')).elapsed,
        statements: refusal === undefined ? 0 : 1,
        ...(refusal === undefined ? {} : { refusal }),
        drop: async () => undefined
    };
}

/**
 * The rows in a TEMP table created inside a transaction (BEGIN … ROLLBACK): a pooler in
 * transaction mode keeps the transaction's statements on one server session, the table is gone
 * when the push-down ends (or the connection drops), and every query reads the same copy. When
 * the server refuses the table, the rows are read through a subquery. A cancel or a timeout of
 * the CREATE is the evaluation's (thrown); any other refusal falls back.
 */
export async function materialiseRows(connection: SqlConnection, input: MaterialiseInput, signal?: AbortSignal): Promise<MaterialisedRows> {
    const table = `pg_temp.sla_rows_${randomBytes(8).toString('hex')}`;
    const create = createTemporaryTable(input, table);
    const options = signal === undefined ? {} : { signal };
    const rollback = async (): Promise<void> => {
        await connection.query({ text: 'ROLLBACK', params: [] }).catch(() => undefined);
    };
    await connection.query({ text: 'BEGIN', params: [] }, options);
    try {
        await connection.query(create, options);
    } catch (error) {
        await rollback();
        if (signal?.aborted || (error instanceof SqlConnectionError && (error.kind === 'cancelled' || error.kind === 'timeout'))) throw error;
        return subqueryRows(input, error instanceof Error ? error.message : String(error));
    }
    return { ...temporaryTableRows(input, table), drop: rollback };
}

/** The statement that fills the temp table `table` (`pg_temp.…`). */
export function createTemporaryTable(input: MaterialiseInput, table: string): SqlQuery {
    const params = new SqlParams('postgres');
    const { select } = materialisedSelect(input, params);
    return { text: `CREATE TEMP TABLE ${table} AS ${select}`, params: params.values };
}

/** The rows read from the temp table `table` (as `sla sql` shows them; materialiseRows once it is filled). */
export function temporaryTableRows(input: MaterialiseInput, table: string): MaterialisedRows {
    return { kind: 'temporary table', from: () => table, elapsed: materialisedSelect(input, new SqlParams('postgres')).elapsed, statements: 1, drop: async () => undefined };
}
