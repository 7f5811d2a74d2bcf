/**
 * `one row per ticket_id`: the fields whose values tell a dataset's rows apart. A row whose values
 * of those fields are an earlier row's is the same ticket again (an export run twice, two exports
 * that overlap): counted twice, it would move every count, share and credit. It is an invalid row,
 * located at its key and naming the earlier row's place; with --skip-invalid the earlier row is
 * kept and this one skipped and listed, as any invalid row.
 *
 * Every valid row's key is kept until the end of the pass (memory grows with the rows of such a
 * dataset, one map entry each), and the rows are checked in file order: a keyed dataset is never
 * read in ranges on two threads (dataset-pass.ts) nor by the typed readers (scan-context.ts).
 */
import type { DatasetSpec, RowValue } from './spec.js';

export class RowKeys {
    /** the key of each valid row so far, and where that row is (its line, or its position in a query's result) */
    private readonly seen = new Map<string, number>();

    private constructor(readonly positions: readonly number[]) {}

    /** The check of a dataset with `one row per …`, or undefined (none declared, or a field it names is not declared). */
    static of(spec: DatasetSpec): RowKeys | undefined {
        const names = spec.oneRowPer;
        if (names === undefined || names.length === 0) return undefined;
        const positions = names.map((name) => spec.fields.findIndex((field) => field.name === name));
        return positions.every((position) => position >= 0) ? new RowKeys(positions) : undefined;
    }

    /**
     * Where the earlier row with this row's key is, or -1 when the key is new (it is then kept at
     * `line`). A row missing a key value is not checked: a key field is required, so such a row
     * was rejected before.
     */
    earlierRow(row: readonly RowValue[], line: number): number {
        const key = this.keyOf(row);
        if (key === undefined) return -1;
        const earlier = this.seen.get(key);
        if (earlier !== undefined) return earlier;
        this.seen.set(key, line);
        return -1;
    }

    private keyOf(row: readonly RowValue[]): string | undefined {
        const positions = this.positions;
        if (positions.length === 1) {
            const value = row[positions[0]!];
            return value === null || value === undefined ? undefined : String(value);
        }
        const values: RowValue[] = [];
        for (const position of positions) {
            const value = row[position];
            if (value === null || value === undefined) return undefined;
            values.push(value);
        }
        // Unambiguous for any texts (a separator character could be part of a value).
        return JSON.stringify(values);
    }
}
