/**
 * A client agreement's scope on a shared dataset (`DatasetModel.clientScope`): only the
 * rows whose scope field equals the client's value belong to the agreement. The others
 * are neither measured nor rejected: the pass counts them apart (`otherClientRows`). Their
 * event times still count for the dataset's first and last event, its coverage (RowSink.firstTime).
 */
import type { DatasetModel } from '../model.js';
import type { RowValue } from '../data/spec.js';

/** The test a row passes when it belongs to the agreement, or undefined when the dataset has no client scope. */
export function clientScopeTest(spec: DatasetModel, fieldIndex: ReadonlyMap<string, number>): ((row: readonly unknown[]) => boolean) | undefined {
    const scope = clientScopeOf(spec, fieldIndex);
    if (scope === undefined) return undefined;
    const { index, value } = scope;
    return (row) => clientValueMatches(row[index], value);
}

/** The scope field's position in the row and the client's value (undefined: no client scope); throws when the field does not exist. */
export function clientScopeOf(spec: DatasetModel, fieldIndex: ReadonlyMap<string, number>): { index: number; value: string } | undefined {
    const scope = spec.clientScope;
    if (scope === undefined) return undefined;
    const index = fieldIndex.get(scope.field);
    if (index === undefined) {
        throw new Error(`dataset '${spec.name}' has no field '${scope.field}' for its client scope (${scope.field} = "${scope.value}")`);
    }
    return { index, value: scope.value };
}

/** A row's scope value equals the client's: text as is, numbers and booleans as written (`42`, `true`). */
export function clientValueMatches(cell: unknown, value: string): boolean {
    return cell === value || (cell !== null && cell !== undefined && typeof cell !== 'string' && String(cell) === value);
}

/** The text a row's scope value is routed by (null: no client's). */
export function clientKey(cell: RowValue | unknown): string | null {
    if (cell === null || cell === undefined) return null;
    return typeof cell === 'string' ? cell : String(cell);
}
