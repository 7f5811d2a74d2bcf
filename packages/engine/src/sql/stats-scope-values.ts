/**
 * The scope values a file pass lists. A file pass interns the `for each` value of every row of
 * the client (row-sink.ts), whatever its time or filter, so a value whose rows all lie outside
 * the evaluation period (or outside every filter) is listed with windows without data. The
 * push-down's group queries read the period's filtered rows only; so the statistics query, which
 * reads the whole table anyway, is grouped by the scope columns, and its rows are folded back
 * into the one row the callers read, the values of the client's rows interned on the way.
 */
import type { FieldSpec } from '../data/spec.js';
import type { DatasetScan } from '../evaluate/evaluation-plan.js';
import type { SqlValue } from './sql-connection.js';
import { rowValueOf } from './pushdown.js';
import type { ClientLookalike } from '../evaluate/client-lookalikes.js';
import { lookalikesOfClients } from './client-lookalikes-sql.js';

/** The statistics query's own columns: rows, rows in the period, first, last, invalid rows, other clients' rows, rows without an event time. */
const STATS_COLUMNS = 7;

/** The scope fields the scan's filter groups read, with their interner slot (one entry per slot). */
export function statsScopeFields(scan: DatasetScan): { slot: number; field: FieldSpec }[] {
    const slots = [...new Set(scan.groups.map((group) => group.scopeSlot).filter((slot) => slot >= 0))].sort((a, b) => a - b);
    return slots.flatMap((slot) => {
        const field = scan.spec.fields.find((candidate) => candidate.name === scan.interners[slot]!.field);
        return field === undefined ? [] : [{ slot, field }];
    });
}

/**
 * The statistics of all groups as one row (sums, the least first and greatest last event time),
 * and, when no row would be rejected (else the rows are pulled whole and the pass interns the
 * values of the valid ones), the scope values of the groups holding rows of the client.
 */
export function foldStats(rows: readonly SqlValue[][], scan: DatasetScan): SqlValue[] {
    if (rows.length <= 1 && statsScopeFields(scan).length === 0) return rows[0] ?? [];
    const sum = (index: number): number => rows.reduce((total, cells) => total + Number(cells[index] ?? 0), 0);
    const times = (index: number): number[] => rows.map((cells) => cells[index]).filter((cell) => cell !== null && cell !== undefined).map(Number);
    const first = times(2).reduce<number | null>((least, time) => (least === null || time < least ? time : least), null);
    const last = times(3).reduce<number | null>((greatest, time) => (greatest === null || time > greatest ? time : greatest), null);
    const folded: SqlValue[] = [sum(0), sum(1), first, last, sum(4), sum(5), sum(6)];
    if (sum(4) > 0) return folded;
    const fields = statsScopeFields(scan);
    for (const cells of rows) {
        if (Number(cells[0] ?? 0) === 0) continue; // other clients' rows only
        fields.forEach(({ slot, field }, index) => {
            const cell = cells[STATS_COLUMNS + index];
            // NULL and '' are missing values (field-sql.ts), which a file pass lists as no scope value.
            if (cell !== null && cell !== undefined && cell !== '') scan.interners[slot]!.intern(rowValueOf(field, cell));
        });
    }
    return folded;
}

/**
 * The client's lookalikes from the statistics query's rows, grouped last by the lookalike key
 * (datasetStatsQuery): per value, its other clients' rows (every valid row of the table, whatever
 * its time, as a file pass counts them), judged by the project (client-lookalikes-sql.ts).
 * Undefined without a client scope.
 */
export function statsLookalikes(rows: readonly SqlValue[][], scan: DatasetScan): ClientLookalike[] | undefined {
    const client = scan.spec.clientScope?.value;
    if (client === undefined) return undefined;
    const key = STATS_COLUMNS + statsScopeFields(scan).length;
    return lookalikesOfClients([client], rows.map((cells) => ({ value: cells[key], rows: Number(cells[5] ?? 0) })))[0];
}
