/**
 * Where a dataset's rows come from, for the engine: a file (CSV, JSON, NDJSON, Parquet — one
 * file or a glob) resolved next to the .sla file, or a table of a named connection
 * (`from table "public"."requests" of connection warehouse`). The connection itself (URL,
 * credentials) lives outside the agreement (.slarc.json, --connection).
 */
import { datasetFormat, displayPath, resolveDatasetPath, type DataFormat, type TableSource } from '@sla/engine';
import type { Dataset } from '../generated/ast.js';

export interface DatasetSourceModel {
    path: string;
    format: DataFormat;
    table?: TableSource;
    declaration: { file: string; line: number; column: number };
}

export function datasetSourceOf(dataset: Dataset, slaFile: string): DatasetSourceModel {
    const start = dataset.$cstNode?.range.start;
    const declaration = { file: slaFile, line: (start?.line ?? 0) + 1, column: (start?.character ?? 0) + 1 };
    const source = dataset.table;
    if (source !== undefined) {
        const table: TableSource = source.second === undefined ? { connection: source.connection, name: source.first } : { connection: source.connection, schema: source.first, name: source.second };
        // A display name stands in for the path in messages and the report: `warehouse:public.requests`.
        const path = `${table.connection}:${table.schema === undefined ? '' : `${table.schema}.`}${table.name}`;
        return { path, format: (dataset.formats[0] as DataFormat | undefined) ?? 'csv', table, declaration };
    }
    const file = resolveDatasetPath(slaFile, dataset.path ?? '');
    return { path: file, format: datasetFormat(dataset.formats[0] as DataFormat | undefined, file), declaration };
}

/** `contract.sla:12`, as messages show a declaration. */
export function declaredAtOf(source: DatasetSourceModel): string {
    return `${displayPath(source.declaration.file)}:${source.declaration.line}`;
}

/**
 * What a dataset reads, from its declaration alone: `table`, or the format of its file (declared,
 * else the extension's, else CSV); undefined while it names neither. What applies to text files
 * only (a CSV separator, a timestamp layout) is checked against it.
 */
export function datasetReads(dataset: Dataset): DataFormat | 'table' | undefined {
    if (dataset.table !== undefined) return 'table';
    return dataset.path === undefined ? undefined : datasetFormat(dataset.formats[0] as DataFormat | undefined, dataset.path);
}
