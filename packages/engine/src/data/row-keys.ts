/**
 * `one row per ticket_id`: the fields whose values tell a dataset's rows apart. A row whose values
 * of those fields are an earlier row's is the same ticket again (an export run twice, two exports
 * that overlap): counted twice, it would move every count, share and credit. It is an invalid row,
 * located at its key and naming the earlier row's place; with --skip-invalid the earlier row is
 * kept and this one skipped and listed, as any invalid row.
 *
 * `one row per ticket_id, latest by updated` (a history export: a row per change of a ticket): of
 * the rows of one key, the one with the greatest `updated` counts and the others are superseded
 * (counted, never read). Two rows of one key with the same `updated` are the same version when
 * every value the pass reads is the same (the later one is superseded too). Otherwise, when that
 * `updated` is the key's greatest, no one can tell which is the latest: the later one is an invalid
 * row, judged once the whole file is read (two differing versions superseded by a later one are
 * harmless, whatever the order of the rows). The rows kept are handed on after the file is read,
 * in file order.
 *
 * Every valid row's key is kept until the end of the pass (memory grows with the keys of such a
 * dataset, one map entry each; with `latest by`, a copy of each key's latest row), and the rows are
 * checked in file order: a keyed dataset is never read in ranges on two threads (dataset-pass.ts)
 * nor by the typed readers (scan-context.ts).
 */
import type { DatasetSpec, RowValue } from './spec.js';

interface KeptRow {
    row: RowValue[];
    line: number;
    latest: number;
    /** later rows with the same `latest` and other values (each unlike the others): invalid unless a later version comes */
    ties?: Array<{ row: RowValue[]; line: number }>;
}

/** A row with its key's latest value and other values than the row kept (at `keptLine`): no one can tell which is the latest. */
export interface TiedRow {
    row: RowValue[];
    line: number;
    keptLine: number;
}

export class RowKeys {
    /** the key of each valid row so far, and where that row is (its line, or its position in a query's result) */
    private readonly seen = new Map<string, number>();
    /** `latest by`: each key's latest row so far */
    private readonly kept = new Map<string, KeptRow>();
    /** rows superseded by a later (or the same) version of their key */
    superseded = 0;

    private constructor(readonly positions: readonly number[], readonly latestPosition: number, private readonly compared: readonly number[]) {}

    /**
     * The check of a dataset with `one row per …`, or undefined (none declared, or a field it names is not declared).
     * `readFields`: the fields the pass reads (all when undefined): two versions with the same `latest by` value
     * are one when these agree (a field no one reads is not converted by every reader: it cannot tell them apart).
     */
    static of(spec: DatasetSpec, readFields?: ReadonlySet<string>): RowKeys | undefined {
        const names = spec.oneRowPer;
        if (names === undefined || names.length === 0) return undefined;
        const position = (name: string): number => spec.fields.findIndex((field) => field.name === name);
        const positions = names.map(position);
        const latestPosition = spec.latestBy === undefined ? -1 : position(spec.latestBy);
        if (spec.latestBy !== undefined && latestPosition < 0) return undefined;
        const compared = spec.fields.flatMap((field, at) => (readFields === undefined || readFields.has(field.name) || positions.includes(at) || at === latestPosition ? [at] : []));
        return positions.every((at) => at >= 0) ? new RowKeys(positions, latestPosition, compared) : undefined;
    }

    /** `latest by`: the rows are kept here and handed on at the end (`keptRows`), not as they are read. */
    get keepsLatest(): boolean {
        return this.latestPosition >= 0;
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

    /**
     * `latest by`: offers a row (copied when kept): it becomes its key's row, or is superseded, or is held
     * as a tie (see `tiedRows`). A row missing a key value is kept apart, as its own key.
     */
    offerLatest(row: readonly RowValue[], line: number): void {
        const key = this.keyOf(row) ?? `\0line ${line}`;
        const value = row[this.latestPosition];
        const latest = typeof value === 'number' ? value : -Infinity;
        const kept = this.kept.get(key);
        if (kept === undefined || latest > kept.latest) {
            // The row kept before and its ties, if any, are earlier versions.
            if (kept !== undefined) this.superseded += 1 + (kept.ties?.length ?? 0);
            this.kept.set(key, { row: row.slice(), line, latest });
            return;
        }
        if (latest < kept.latest || this.sameVersion(row, kept.row) || kept.ties?.some((tie) => this.sameVersion(row, tie.row)) === true) {
            this.superseded++;
            return;
        }
        (kept.ties ??= []).push({ row: row.slice(), line });
    }

    /** `latest by`, once the whole file is read: the rows tied with their key's latest row, in file order (invalid rows). */
    tiedRows(): TiedRow[] {
        const tied: TiedRow[] = [];
        for (const kept of this.kept.values()) for (const tie of kept.ties ?? []) tied.push({ ...tie, keptLine: kept.line });
        return tied.sort((a, b) => a.line - b.line);
    }

    private sameVersion(a: readonly RowValue[], b: readonly RowValue[]): boolean {
        for (const at of this.compared) if (a[at] !== b[at]) return false;
        return true;
    }

    /** `latest by`: the rows kept, in file order, each with its line. */
    keptRows(): KeptRow[] {
        return [...this.kept.values()].sort((a, b) => a.line - b.line);
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
