/**
 * What `--skip-invalid` may leave: a dataset some of whose rows were rejected, never one
 * whose rows were all rejected (an evaluation over no data that exits 0 would read as a
 * clean month). A high rejected share is kept but flagged.
 */
import { DataError, displayPath } from './data-error.js';
import type { DatasetSpec } from './spec.js';

/** Above this share of rejected records (of all records read) a report warns; documented in docs/cli.md. */
export const HIGH_REJECTED_SHARE = 0.1;

/** Throws when rows were rejected and none was usable. */
export function requireUsableRows(spec: DatasetSpec, rows: number, rejected: number, firstRejection: DataError | undefined): void {
    if (rows > 0 || rejected === 0) return;
    const first = firstRejection === undefined ? '' : `; the first: ${firstRejection.message}`;
    throw new DataError(`${displayPath(spec.path)}: dataset ${spec.name} has no usable rows: all ${rejected} record${rejected === 1 ? ' was' : 's were'} rejected as invalid${first}`, {
        file: spec.path,
        line: firstRejection?.line ?? 1
    });
}

/** The share of records read that were rejected (0 when none were read). */
export function rejectedShare(rows: number, rejected: number): number {
    return rows + rejected === 0 ? 0 : rejected / (rows + rejected);
}
