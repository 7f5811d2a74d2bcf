/**
 * A glob of Parquet files whose files give a declared column different types. DuckDB reads a glob
 * with the column types of its first file and converts the others' silently (a DECIMAL 2.50 of a
 * later file read as the first file's BIGINT: 3); read by name (`union_by_name`), it widens numbers
 * to a type that holds them all (BIGINT and DECIMAL(10,2): DECIMAL(21,2)), but still reads a naive
 * TIMESTAMP of one file as UTC where another file has TIMESTAMP WITH TIME ZONE, and turns numbers
 * or times into text where another file has text. Those are refused, naming the files and types.
 */
import type { DatasetSpec } from '../data/spec.js';
import type { SqlConnection } from './sql-connection.js';

/** True when DuckDB reads `path` as a glob (several files). */
export function isGlob(path: string): boolean {
    return /[*?[]/.test(path);
}

/** Number types DuckDB widens into one that holds every value of each (verified: BIGINT + DECIMAL(10,2) → DECIMAL(21,2), DECIMAL(10,2) + DECIMAL(10,3) → DECIMAL(11,3)). */
const NUMBER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;

/**
 * Why the files of a glob cannot be read as one relation, or undefined: a declared column whose
 * types differ between files other than as numbers. Read: each file's column types (DESCRIBE, metadata only).
 */
export async function parquetGlobTypeProblem(connection: SqlConnection, dataset: DatasetSpec, signal?: AbortSignal): Promise<string | undefined> {
    if (!isGlob(dataset.path)) return undefined;
    const options = signal === undefined ? {} : { signal };
    const listed = await connection.query({ text: 'SELECT file FROM glob($1) ORDER BY file', params: [dataset.path] }, options);
    const files = listed.rows.map((row) => String(row[0]));
    if (files.length < 2) return undefined;
    const typesByFile: Map<string, string>[] = [];
    for (const file of files) {
        const result = await connection.query({ text: 'DESCRIBE SELECT * FROM read_parquet($1)', params: [file] }, options);
        const name = result.columns.indexOf('column_name');
        const type = result.columns.indexOf('column_type');
        typesByFile.push(new Map(result.rows.map((row) => [String(row[name]), String(row[type])])));
    }
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
