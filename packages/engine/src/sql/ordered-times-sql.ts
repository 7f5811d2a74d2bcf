/**
 * The rows a file pass rejects for an `elapsed(start, end)` whose end is before its start (both
 * present; DatasetSpec.orderedTimes, data/scan-context.ts), as a SQL condition: counted with the
 * other invalid rows (pushdown.ts, invalidRowConditions), they make the dataset pulled whole, so
 * that the pull rejects them as a file pass does.
 */
import type { DatasetSpec } from '../data/spec.js';
import type { SqlDialectName } from './sql-connection.js';
import { epochMs, quoteIdentifier } from './sql-dialect.js';

/** Per pair of the spec's orderedTimes, the condition of a row whose end is before its start. */
export function orderedTimesConditions(dialect: SqlDialectName, spec: DatasetSpec, types: Map<string, string> | undefined): string[] {
    const timestampColumn = (name: string): string | undefined => spec.fields.find((field) => field.name === name && field.kind === 'timestamp')?.column;
    const conditions: string[] = [];
    for (const pair of spec.orderedTimes ?? []) {
        const startColumn = timestampColumn(pair.start);
        const endColumn = timestampColumn(pair.end);
        if (startColumn === undefined || endColumn === undefined || startColumn === endColumn) continue;
        const start = quoteIdentifier(dialect, startColumn);
        const end = quoteIdentifier(dialect, endColumn);
        // NULL is a missing time: such a row is not out of order (a file pass checks only rows with both).
        const present = `${start} IS NOT NULL AND ${end} IS NOT NULL`;
        const compared = instantsCompared(dialect, start, types?.get(startColumn), end, types?.get(endColumn));
        // Times the project decodes itself (text, a naive timestamp placed in the dataset's zone) cannot be compared in SQL:
        // every row with both is counted, so the rows are pulled and judged by the decoders.
        conditions.push(compared === undefined ? present : `${present} AND ${compared.end} < ${compared.start}`);
    }
    return conditions;
}

/** The two columns as instants comparable in SQL, as the pull reads them (pulled-rows.ts, selectFields); undefined when the project decodes them. */
function instantsCompared(dialect: SqlDialectName, start: string, startType: string | undefined, end: string, endType: string | undefined): { start: string; end: string } | undefined {
    switch (dialect) {
        case 'duckdb': {
            // DESCRIBE's types; unknown (no DESCRIBE) is read as epoch ms by the pull.
            const instant = (type: string | undefined): boolean => type === undefined || type === 'TIMESTAMP WITH TIME ZONE';
            return instant(startType) && instant(endType) ? { start: epochMs(dialect, start), end: epochMs(dialect, end) } : undefined;
        }
        case 'postgres': {
            // information_schema's data_type: two columns of one timestamp type compare as they are (8-byte integers); a naive
            // one is pushed down only in a UTC dataset, where extract(epoch …) reads it as the pull does.
            const timestamp = (type: string | undefined): boolean => type === undefined || type === 'timestamp with time zone' || type === 'timestamp without time zone';
            if (!timestamp(startType) || !timestamp(endType)) return undefined;
            return startType !== undefined && startType === endType ? { start, end } : { start: epochMs(dialect, start), end: epochMs(dialect, end) };
        }
        case 'clickhouse':
            // toInt64(…) of both, as the pull reads them.
            return { start: epochMs(dialect, start), end: epochMs(dialect, end) };
    }
}
