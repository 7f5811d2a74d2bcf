/**
 * A glob of Parquet files whose files give a declared column different types. DuckDB reads a glob
 * with the column types of its first file and converts the others' silently (a DECIMAL 2.50 of a
 * later file read as the first file's BIGINT: 3); read by name (`union_by_name`), it widens numbers
 * to a type that holds them all (BIGINT and DECIMAL(10,2): DECIMAL(21,2)), but still reads a naive
 * TIMESTAMP of one file as UTC where another file has TIMESTAMP WITH TIME ZONE, and turns numbers
 * or times into text where another file has text. Those are refused, naming the files and types.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetSpec } from '../data/spec.js';
import type { SqlConnection } from './sql-connection.js';

/** True when DuckDB reads `path` as a glob (several files). */
export function isGlob(path: string): boolean {
    return /[*?[]/.test(path);
}

/** Number types DuckDB widens into one that holds every value of each (verified: BIGINT + DECIMAL(10,2) → DECIMAL(21,2), DECIMAL(10,2) + DECIMAL(10,3) → DECIMAL(11,3)). */
const NUMBER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;

/**
 * The column types of files already described, by file: what DESCRIBE gives depends only on the
 * file's content (and this process's DuckDB, the same for every connection), so they are kept at
 * module level. A cache on the connection would not help: every evaluation, and every agreement
 * of a portfolio that is not pushed down for all at once, opens a DuckDB of its own for its
 * Parquet files (evaluate-with-engines.ts), and one dataset's reading asks up to three times
 * (push-down, then pull). The language server evaluates in a worker thread of its own per
 * evaluation: there the cache serves that evaluation's reads only. The key holds the file's size,
 * modification time, change time and inode: a file rewritten in place, or replaced by another
 * whose modification time was kept (`cp -p`, `rsync -t`), is described again. They are looked
 * at before DESCRIBE, so that a file changed in between is kept under its former key. A file
 * that cannot be looked at here (a URL DuckDB reads, not a local file) is described every time,
 * as before. Bounded, the least recently used file dropped first: a glob of more files than this
 * is described every time, as before.
 */
const fileTypes = new Map<string, ReadonlyMap<string, string>>();
const MAX_CACHED_FILES = 10_000;

/** The cache key of a local file as it is now, or undefined when it cannot be looked at. */
function fileKey(file: string): string | undefined {
    try {
        const stats = statSync(file, { throwIfNoEntry: false });
        return stats?.isFile() === true ? JSON.stringify([resolve(file), stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino]) : undefined;
    } catch {
        return undefined;
    }
}

/** A file's column types (DESCRIBE, metadata only), described once per version of the file. */
async function columnTypesOf(connection: SqlConnection, file: string, options: { signal?: AbortSignal }): Promise<ReadonlyMap<string, string>> {
    const key = fileKey(file);
    const cached = key === undefined ? undefined : fileTypes.get(key);
    if (cached !== undefined) {
        fileTypes.delete(key!); // most recently used last
        fileTypes.set(key!, cached);
        return cached;
    }
    const result = await connection.query({ text: 'DESCRIBE SELECT * FROM read_parquet($1)', params: [file] }, options);
    const name = result.columns.indexOf('column_name');
    const type = result.columns.indexOf('column_type');
    const types = new Map(result.rows.map((row) => [String(row[name]), String(row[type])]));
    if (key !== undefined) {
        fileTypes.set(key, types);
        if (fileTypes.size > MAX_CACHED_FILES) fileTypes.delete(fileTypes.keys().next().value!);
    }
    return types;
}

/**
 * Why the files of a glob cannot be read as one relation, or undefined: a declared column whose
 * types differ between files other than as numbers. Read: the list of files, and the column types
 * of each file not described before in its present version (DESCRIBE, metadata only).
 */
export async function parquetGlobTypeProblem(connection: SqlConnection, dataset: DatasetSpec, signal?: AbortSignal): Promise<string | undefined> {
    if (!isGlob(dataset.path)) return undefined;
    const options = signal === undefined ? {} : { signal };
    const listed = await connection.query({ text: 'SELECT file FROM glob($1) ORDER BY file', params: [dataset.path] }, options);
    const files = listed.rows.map((row) => String(row[0]));
    if (files.length < 2) return undefined;
    const typesByFile: ReadonlyMap<string, string>[] = [];
    for (const file of files) typesByFile.push(await columnTypesOf(connection, file, options));
    for (const field of dataset.fields) {
        const seen = new Map<string, string>(); // type → the first file that has it
        files.forEach((file, k) => {
            const type = typesByFile[k]!.get(field.column);
            if (type !== undefined && !seen.has(type)) seen.set(type, file);
        });
        if (seen.size < 2 || [...seen.keys()].every((type) => NUMBER_TYPE.test(type))) continue;
        const listedTypes = [...seen].map(([type, file]) => `${type} in ${file}`).join(', ');
        return `column "${field.column}" has different types in the files of ${dataset.path} (${listedTypes}), and reading them as one would change values (a naive TIMESTAMP read as UTC, numbers or times read as text): write the files with one type for the column, or declare a dataset per file`;
    }
    return undefined;
}
