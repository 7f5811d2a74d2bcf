/** What a dataset declaration tells the loaders: the file, its format and the typed fields to read. */
import { dirname, extname, resolve } from 'node:path';

export type FieldKind = 'timestamp' | 'duration' | 'number' | 'integer' | 'percent' | 'text' | 'boolean' | 'enum';

/** Field kinds whose non-missing values are numbers. */
export const NUMBER_FIELD_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(['timestamp', 'duration', 'number', 'integer', 'percent']);

/** Field kinds read as decimal numbers (the numbers of the timestamp kind aside): a number, integer, percent or duration. */
export const DECIMAL_FIELD_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(['number', 'integer', 'percent', 'duration']);

export interface FieldSpec {
    name: string;
    /** source column (CSV header) or JSON key */
    column: string;
    kind: FieldKind;
    /** for duration: the unit the raw numbers are in, in ms (1 = ms, 1000 = s); default 1 */
    durationUnitMs?: number;
    enumValues?: string[];
    optional: boolean;
    /** for timestamp: the layout its values are written in (`format "DD.MM.YYYY HH:mm"`, timestamp-format.ts); ISO-8601 when undefined */
    timestampFormat?: string;
    /** for number and integer: the declared range (`integer 1 to 5`), both ends included */
    range?: { min: number; max: number };
    /** `score 1 to 5`: a number whose range is its scale (read as a number; messages say "score") */
    score?: boolean;
    /** where the field is declared, for messages (`contract.sla:14`) */
    declaredAt?: string;
}

/** `parquet`: one file or a glob of files, read through DuckDB (sql/duckdb-connection.ts). */
export type DataFormat = 'csv' | 'json' | 'ndjson' | 'parquet';

/** A table or view of a named connection (`from table "public"."requests" of connection warehouse`). */
export interface TableSource {
    connection: string;
    schema?: string;
    name: string;
}

export interface DatasetSpec {
    name: string;
    /** absolute path (for a table: a display name, `warehouse:public.requests`) */
    path: string;
    /** Read from a table of a connection instead of a file (sql/evaluate-with-engines.ts). */
    table?: TableSource;
    /** when left undefined at run time, inferred from the extension (see inferFormat) */
    format: DataFormat;
    fields: FieldSpec[];
    /** IANA zone of naive timestamps (no offset, no Z) */
    timezone?: string;
    /** CSV: the character between columns (`separator ";"`); a comma when undefined (see csvSeparatorOf) */
    separator?: string;
    /** CSV: numbers written with a decimal comma (`decimal ","`): "1,5" is 1.5, and a number with a point is invalid (field-decoder.ts) */
    decimalComma?: boolean;
    /** CSV: the file's text encoding when it is not UTF-8 (`encoding "windows-1252"`): read through a transcoder (text-encoding.ts) */
    encoding?: CsvEncoding;
    /** where the dataset is declared, for messages (`contract.sla:12`) */
    declaredAt?: string;
    /** the same place as file (absolute), line and column (1-based): errors of tables are located there (exit 2, a diagnostic on the dataset) */
    declaration?: { file: string; line: number; column: number };
    /** the agreement's zone: the one a message suggests declaring when naive timestamps appear without `timezone` */
    agreementTimezone?: string;
    /**
     * Pairs of timestamp fields whose end must not be before their start in any row where both are
     * present: the `elapsed(start, end)` an agreement measures, which is never negative. A row with one
     * out of order is invalid (scan-context.ts). Set by the evaluation plan (evaluate/ordered-times.ts).
     */
    orderedTimes?: ReadonlyArray<OrderedTimes>;
    /**
     * `one row per ticket_id`: the fields whose values tell the rows apart. A row with the same values
     * as an earlier row is invalid (row-keys.ts); such a dataset is read in one sequence, never in ranges.
     */
    oneRowPer?: readonly string[];
    /** `one row per id, latest by updated`: of the rows of one key, the one with the greatest value of this field counts (row-keys.ts). */
    latestBy?: string;
}

/** Two timestamp fields of a row, by name: `end` is never before `start` (see DatasetSpec.orderedTimes). */
export interface OrderedTimes {
    start: string;
    end: string;
}

/** A row's typed values in `fields` order. */
export type RowValue = number | string | boolean | null;

/** The format a file extension implies (`.csv`, `.json`, `.ndjson`, `.jsonl`; case-insensitive), or undefined. */
export function inferFormat(path: string): DataFormat | undefined {
    switch (extname(path).toLowerCase()) {
        case '.csv':
            return 'csv';
        case '.json':
            return 'json';
        case '.ndjson':
        case '.jsonl':
            return 'ndjson';
        case '.parquet':
            return 'parquet';
        default:
            return undefined;
    }
}

/**
 * The format a dataset is read in: the declared one, else the one its file's extension
 * implies, else CSV (a dataset declaration without `format` and with another extension
 * has always been read as CSV).
 */
export function datasetFormat(declared: DataFormat | undefined, path: string): DataFormat {
    return declared ?? inferFormat(path) ?? 'csv';
}

/** The separators a CSV dataset may declare: Excel writes semicolons where the decimal separator is a comma; tabs and bars are the other common ones. */
export const CSV_SEPARATORS: readonly string[] = [',', ';', '\t', '|'];

/** The character between a CSV dataset's columns: the declared one, else a comma. */
export function csvSeparatorOf(spec: Pick<DatasetSpec, 'separator'>): string {
    return spec.separator ?? ',';
}

/**
 * The encodings a CSV dataset may declare (`encoding "windows-1252"`): UTF-8, the default;
 * Windows-1252, Excel's plain "CSV" and many Windows exports; UTF-16, Excel's "Unicode Text"
 * and Windows PowerShell's output (byte order from its mark, little-endian without one).
 */
export const CSV_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16'] as const;
export type CsvEncoding = Exclude<(typeof CSV_ENCODINGS)[number], 'utf-8'>;

/** Whether `name` is one of CSV_ENCODINGS, as a dataset writes it. */
export function isCsvEncodingName(name: string): name is (typeof CSV_ENCODINGS)[number] {
    return (CSV_ENCODINGS as readonly string[]).includes(name);
}

/** Whether a CSV dataset is read as RFC 4180 has it (commas, decimal points): the fast record readers read only such files. */
export function isPlainCsv(spec: Pick<DatasetSpec, 'separator' | 'decimalComma'>): boolean {
    return csvSeparatorOf(spec) === ',' && spec.decimalComma !== true;
}

/** The absolute path of a dataset's file: `datasetPath` as written, relative to the .sla file that declares it. */
export function resolveDatasetPath(slaFile: string, datasetPath: string): string {
    return resolve(dirname(slaFile), datasetPath);
}

const UNIT_NAMES: Record<number, string> = { 1: 'ms', 1000: 's', 60_000: 'minutes', 3_600_000: 'hours', 86_400_000: 'days', 604_800_000: 'weeks' };

/** The field's type as contract readers write it: `duration ms`, `percent`, `one of "a", "b"`. */
export function describeFieldKind(field: FieldSpec): string {
    switch (field.kind) {
        case 'duration': {
            const unit = field.durationUnitMs ?? 1;
            return `duration ${UNIT_NAMES[unit] ?? `${unit} ms units`}`;
        }
        case 'enum':
            return 'enum';
        default:
            if (field.score === true && field.range !== undefined) return `score ${field.range.min} to ${field.range.max}`;
            return field.range === undefined ? field.kind : `${field.kind} ${field.range.min} to ${field.range.max}`;
    }
}
