import {
    columnsOfPrefix, compressedFileProblem, compressionAt, CSV_SEPARATORS, type CsvEncoding, datasetFormat, editDistance, FIRST_RECORD_PREFIX_BYTES, firstRecordOfPrefix, foreignEncodingAt, foreignEncodingProblem,
    foreignSeparatorOf, headerMismatchReason, invalidUtf8Offset, isDecimalCommaNumber, isCsvEncodingName, jsonShapeProblem, notUtf8Problem, pathCharacterProblem, prefixText, recordsOfPrefix, resolveDatasetPath, separatorDeclaration
} from '@sla/engine';
import { AstUtils, EmptyFileSystemProvider, URI, type FileSystemProvider, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isTimestampType, isTimezoneDeclaration, type Dataset, type Field, type SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { dataFileProblem, readFilePrefix } from '../workspace/file-prefix.js';
import { dataAccessOf } from './sla-validation-module.js';
import { fix, insertAfterNode, insertLinesAfterBrace, removeNode, replaceNode, type FixEdit, type QuickFix, writeFixes } from './quick-fix.js';
import { propertyNode, report } from './report.js';
import { checkTimestampValues, readsNaive } from './timestamp-formats.js';
import { checkDecimalMarks, isDecimalField } from './csv-dialect.js';
import { checkOptionalEventTime } from './event-time.js';
import { checkRepeatedKeyInSample } from './row-keys.js';

/**
 * Datasets: an event time every row has (event-time.ts), the path is well-formed and stays in
 * the allowed folders, the file is a regular file, it has the declared columns, and its
 * timestamps say which time zone they are in. In an untrusted
 * workspace no data file is read: the first dataset of the document says so, once.
 */
export function datasetChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const fileSystem = services.shared.workspace.FileSystemProvider;
    const access = dataAccessOf(services);
    return {
        Dataset: [checkOptionalEventTime, async (dataset, accept) => {
            checkConnection(dataset, access.knownConnections(), accept);
            const characters = dataset.path ? pathCharacterProblem(dataset.path) : undefined;
            if (characters) {
                report(accept, 'path-invalid', `The data file path of the dataset '${dataset.name}' cannot name a file: ${characters}.`, { node: dataset, property: 'path' });
                return;
            }
            const file = datasetFileUri(dataset, fileSystem);
            if (!file) return;
            if (!access.trusted) {
                if (isFirstDatasetOfDocument(dataset)) {
                    report(accept, 'data-not-read', 'The data files of this document were not checked because the workspace is not trusted: trust the workspace to check and evaluate them.', { node: dataset, property: 'path' });
                }
                return;
            }
            const documentFile = AstUtils.getDocument(dataset).uri.fsPath;
            const outside = access.problem(file.fsPath, documentFile);
            if (outside) {
                report(accept, 'path-outside-workspace',
                    `The data file "${dataset.path}" of the dataset '${dataset.name}' is not read: ${outside}. Move the data into the workspace, or allow its folder explicitly (editor setting sla.data.allowedFolders; CLI --allow-data-outside DIR).`,
                    { node: dataset, property: 'path' });
                return;
            }
            const problem = await dataFileProblem(fileSystem, file);
            if (problem === 'does not exist') {
                report(accept, 'dataset-missing-file',
                    `The data file "${dataset.path}" of the dataset '${dataset.name}' does not exist (looked for ${file.fsPath}). Check the path (it is relative to this .sla file), or pass the data when evaluating: --data ${dataset.name}=<path>.`,
                    { node: dataset, property: 'path' });
                return;
            }
            if (problem) {
                report(accept, 'dataset-unreadable-file', `The data file "${dataset.path}" of the dataset '${dataset.name}' cannot be read as data: it ${problem.replace(/^is /, 'is ')} (${file.fsPath}).`, { node: dataset, property: 'path' });
                return;
            }
            // One read of the file's start serves every check (its text as UTF-8 when the dataset declares another encoding).
            const raw = await filePrefix(file, fileSystem);
            if (!raw) return;
            if (checkCompressed(dataset, file, raw, accept)) return;
            const prefix = textOfPrefix(dataset, file, raw, accept);
            if (!prefix) return;
            if (checkFileFormat(dataset, file, prefix, accept)) return;
            checkColumns(dataset, file, prefix, accept);
            checkRepeatedKeyInSample(dataset, JSON.stringify(dataset.path), () => sampledRecords(dataset, file, prefix), accept);
            const row = recordOfShape(dataset, file, prefix);
            if (row) {
                checkTimestampValues(dataset, row, () => sampledRecords(dataset, file, prefix), accept);
                checkNaiveTimestamps(dataset, row, accept);
                if (datasetFormat(dataset.formats[0], file.fsPath) === 'csv') checkDecimalMarks(dataset, row, accept);
            }
        }]
    };
}

function isFirstDatasetOfDocument(dataset: Dataset): boolean {
    const root = AstUtils.findRootNode(dataset);
    return AstUtils.streamAllContents(root).find(node => node.$type === dataset.$type) === dataset;
}

/** The dataset's file on disk (resolved as evaluation resolves it), or undefined where files cannot be seen (in-memory documents, tests). */
/** The file a dataset reads (its path resolved against its document's folder), or undefined when it names none on this file system (no path, a glob, not a file: document). */
export function datasetFileUri(dataset: Dataset, fileSystem: FileSystemProvider): URI | undefined {
    if (!dataset.path || fileSystem instanceof EmptyFileSystemProvider) return undefined;
    // A glob of Parquet files (`data/requests-*.parquet`) names no single file: DuckDB expands it when evaluating.
    if (/[*?[]/.test(dataset.path)) return undefined;
    let documentUri: URI;
    try {
        documentUri = AstUtils.getDocument(dataset).uri;
    } catch {
        return undefined;
    }
    if (documentUri.scheme !== 'file') return undefined;
    return URI.file(resolveDatasetPath(documentUri.fsPath, dataset.path));
}

/** The start of a data file (as much as the record readers look at) and whether that is the whole file. */
interface FilePrefix {
    bytes: Uint8Array;
    wholeFile: boolean;
    /** What was read of these bytes, per format (see {@link readOf}). */
    read: PrefixReadings;
}

/** The columns and the first record read from one file start, per format. */
type PrefixReadings = Map<string, { columns?: { value: string[] | undefined }; record?: { value: Record<string, unknown> | undefined }; records?: { line: number; record: Record<string, unknown> }[] }>;

/**
 * The readings of each file start, by the bytes the file system gave. The Node file system
 * gives the same bytes for an unchanged file (SlaNodeFileSystemProvider keeps them), so 400
 * agreements over one shared CSV read its header and first record once, not once per dataset
 * and check; a changed file comes as new bytes, read afresh. The readings are not changed by
 * their users.
 */
const prefixReadings = new WeakMap<Uint8Array, PrefixReadings>();

function readOf(prefix: FilePrefix, format: string) {
    let entry = prefix.read.get(format);
    if (!entry) {
        entry = {};
        prefix.read.set(format, entry);
    }
    return entry;
}

/** The file's header or first record's keys (columnsOfPrefix), read once per file start, format and CSV separator. */
function columnsOf(prefix: FilePrefix, format: ReturnType<typeof datasetFormat>, separator: string): string[] | undefined {
    const entry = readOf(prefix, `${format}${separator}`);
    entry.columns ??= { value: columnsOfPrefix(prefix.bytes, format, prefix.wholeFile, separator) };
    return entry.columns.value;
}

/** The first data record of the file (from its start only), or undefined when it has none. */
function firstRecord(dataset: Dataset, file: URI, prefix: FilePrefix, separator = declaredSeparator(dataset)): Record<string, unknown> | undefined {
    if (separator === undefined) return undefined;
    const format = datasetFormat(dataset.formats[0], file.fsPath);
    const entry = readOf(prefix, `${format}${separator}`);
    entry.record ??= { value: firstRecordOfPrefix(prefix.bytes, format, prefix.wholeFile, separator) };
    return entry.record.value;
}

/** How many records of the file's start the timestamp check looks at to tell day from month. */
const SAMPLED_RECORDS = 200;

/** Up to SAMPLED_RECORDS records of the file's start (CSV; the first record alone for JSON and NDJSON), with their lines. */
function sampledRecords(dataset: Dataset, file: URI, prefix: FilePrefix): { line: number; record: Record<string, unknown> }[] {
    const separator = declaredSeparator(dataset);
    if (separator === undefined) return [];
    const format = datasetFormat(dataset.formats[0], file.fsPath);
    const entry = readOf(prefix, `${format}${separator}`);
    entry.records ??= recordsOfPrefix(prefix.bytes, format, prefix.wholeFile, separator, SAMPLED_RECORDS);
    return entry.records;
}

/**
 * The separator the dataset's CSV file is read with: the declared one, else a comma; undefined
 * when the declared one is none a file can have (csv-dialect.ts reports it: the file's columns
 * are then not checked, which would only repeat that error).
 */
function declaredSeparator(dataset: Dataset): string | undefined {
    const declared = dataset.separators[0]?.value;
    if (declared === undefined) return ',';
    return CSV_SEPARATORS.includes(declared) ? declared : undefined;
}

/** The file's start (as much as the record readers look at) and whether that is the whole file; undefined when unreadable. */
async function filePrefix(file: URI, fileSystem: FileSystemProvider): Promise<FilePrefix | undefined> {
    try {
        // One byte more than the record reader looks at tells whether the file goes on.
        const prefix = await readFilePrefix(fileSystem, file, FIRST_RECORD_PREFIX_BYTES + 1);
        let read = prefixReadings.get(prefix);
        if (!read) {
            read = new Map();
            prefixReadings.set(prefix, read);
        }
        return { bytes: prefix.subarray(0, FIRST_RECORD_PREFIX_BYTES), wholeFile: prefix.length <= FIRST_RECORD_PREFIX_BYTES, read };
    } catch {
        return undefined; // unreadable (a folder, no permission): evaluation says why
    }
}

/**
 * The file's start as the readers see it: as it is, or, for a CSV dataset that declares another
 * encoding (`encoding "windows-1252"`), its text as UTF-8 (the engine's transcoder). Undefined,
 * with the problem said at the declaration, when the file is not in that encoding (a UTF-8 file
 * read as Windows-1252 would turn every umlaut into two letters, silently), or when the
 * declared encoding is none the readers know (csv-dialect.ts says so): its content is then not checked.
 */
function textOfPrefix(dataset: Dataset, file: URI, raw: FilePrefix, accept: ValidationAcceptor): FilePrefix | undefined {
    const declared = dataset.encodings[0];
    if (declared === undefined || datasetFormat(dataset.formats[0], file.fsPath) !== 'csv') return raw;
    const encoding = declared.value;
    if (!isCsvEncodingName(encoding)) return undefined;
    if (encoding === 'utf-8') return raw;
    let decoded = decodedPrefixes.get(raw.bytes);
    if (!decoded) decodedPrefixes.set(raw.bytes, decoded = new Map());
    let read = decoded.get(encoding);
    if (!read) decoded.set(encoding, read = prefixText(raw.bytes, encoding, raw.wholeFile));
    if ('mismatch' in read) {
        const { problem, line, readsAs } = read.mismatch;
        const value = propertyNode(declared, 'value');
        const fixes = readsAs !== undefined
            ? (value ? [fix(`Write encoding "${readsAs}"`, [replaceNode(value, JSON.stringify(readsAs))], true)] : [])
            : declared.$cstNode ? [fix(`Remove encoding "${encoding}"`, [removeNode(declared.$cstNode)], true)] : [];
        report(accept, 'csv-dialect',
            `The data file "${dataset.path}" of the dataset '${dataset.name}' is not ${encoding === 'utf-16' ? 'UTF-16' : 'Windows-1252'} text${line > 1 ? ` (line ${line} shows it)` : ''}: ${problem}.`,
            { node: declared, property: 'value' }, { fixes, dataset: dataset.name });
        return undefined;
    }
    read.prefix ??= { bytes: read.text, wholeFile: raw.wholeFile, read: new Map() };
    return read.prefix;
}

/** The text of each file start in a declared encoding (or why it is not in it), by the bytes the file system gave (as prefixReadings). */
const decodedPrefixes = new WeakMap<Uint8Array, Map<CsvEncoding, ReturnType<typeof prefixText> & { prefix?: FilePrefix }>>();

/**
 * A data file its format cannot read from the start is said to be so, at the path, with what to
 * do: UTF-16 or UTF-32 text (text-encoding.ts in the engine), or the JSON formats mixed up
 * (json-shape.ts): its columns would otherwise all be reported missing, or nothing said until
 * evaluation fails. True when it is (the checks of its content are then left out).
 */
function checkFileFormat(dataset: Dataset, file: URI, prefix: FilePrefix, accept: ValidationAcceptor): boolean {
    const format = datasetFormat(dataset.formats[0], file.fsPath);
    if (format === 'parquet') return false;
    const encoding = foreignEncodingAt(prefix.bytes, 0, prefix.bytes.length);
    const shape = encoding !== undefined || format === 'csv' ? undefined : jsonShapeProblem(prefix.bytes, 0, prefix.bytes.length, format);
    const header = encoding === undefined && format === 'csv' ? headerNotUtf8(prefix.bytes) : undefined;
    const problem = encoding !== undefined ? foreignEncodingProblem(encoding, format === 'csv') : header ?? shape?.problem;
    if (problem === undefined) return false;
    // A CSV file in UTF-16, or with a header that is not UTF-8 (Windows-1252, most often), can declare its encoding.
    const declare = shape?.readsAs !== undefined ? declareFormatFix(dataset, shape.readsAs)
        : format !== 'csv' ? undefined
        : encoding?.startsWith('UTF-16') ? declareEncodingFix(dataset, 'utf-16')
        : header !== undefined ? declareEncodingFix(dataset, 'windows-1252') : undefined;
    report(accept, 'data-file-format',
        `The data file "${dataset.path}" of the dataset '${dataset.name}' cannot be read as ${format.toUpperCase()}: ${problem}.`,
        { node: dataset, property: 'path' },
        { fixes: declare ? [declare] : [], dataset: dataset.name });
    return true;
}

/**
 * A compressed data file (a `.csv.gz` from a log shipper, an Excel workbook) is said to be so, at
 * the path: its bytes are no text in any encoding, and declaring one (as a header "not UTF-8"
 * would suggest) reads nothing. True when it is.
 */
function checkCompressed(dataset: Dataset, file: URI, raw: FilePrefix, accept: ValidationAcceptor): boolean {
    const format = datasetFormat(dataset.formats[0], file.fsPath);
    const compression = format === 'parquet' ? undefined : compressionAt(raw.bytes, 0, raw.bytes.length);
    if (compression === undefined) return false;
    report(accept, 'data-file-format',
        `The data file "${dataset.path}" of the dataset '${dataset.name}' cannot be read as ${format.toUpperCase()}: ${compressedFileProblem(compression, dataset.path!)}.`,
        { node: dataset, property: 'path' }, { dataset: dataset.name });
    return true;
}

/** Declares the encoding that reads the file: replaces the dataset's `encoding "…"`, or adds one after its brace. */
function declareEncodingFix(dataset: Dataset, encoding: CsvEncoding): QuickFix | undefined {
    const title = `Declare encoding "${encoding}"`;
    const written = dataset.encodings[0] === undefined ? undefined : propertyNode(dataset.encodings[0], 'value');
    if (written) return fix(title, [replaceNode(written, JSON.stringify(encoding))], true);
    const insert = insertLinesAfterBrace(dataset, [`encoding "${encoding}"`]);
    return insert ? fix(title, [insert], true) : undefined;
}

/**
 * A CSV header that is not UTF-8 (Excel's plain "CSV" is Windows-1252: `Priorität` holds the byte
 * 0xE4) stops evaluation; its names would also be offered as `Priorit�t`. What to say, or undefined.
 */
function headerNotUtf8(bytes: Uint8Array): string | undefined {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const lineEnd = bytes.indexOf(0x0a, start);
    const end = lineEnd < 0 ? bytes.length : lineEnd;
    const bad = invalidUtf8Offset(bytes, start, end);
    return bad < 0 ? undefined : `its header is not UTF-8 text: ${notUtf8Problem(bytes, bad, `at byte ${bad - start + 1} of line 1`)}`;
}

/** Declares the format that reads the file: replaces the dataset's `format …`, or adds one after its brace. */
function declareFormatFix(dataset: Dataset, format: 'json' | 'ndjson'): QuickFix | undefined {
    const title = `Declare format ${format}`;
    const written = propertyNode(dataset, 'formats', 0);
    if (written) return fix(title, [replaceNode(written, format)], true);
    const insert = insertLinesAfterBrace(dataset, [`format ${format}`]);
    return insert ? fix(title, [insert], true) : undefined;
}

/**
 * Every declared column is in the file: the CSV header, or the first JSON/NDJSON record.
 * Evaluation would stop on a CSV header without it; saying so at the field lets the user
 * fix it where it is written. Optional fields of JSON are not checked: their key may
 * simply be absent from the first record.
 */
function checkColumns(dataset: Dataset, file: URI, prefix: FilePrefix, accept: ValidationAcceptor): void {
    const fields = dataset.fields.filter(field => field.name);
    if (fields.length === 0) return;
    const format = datasetFormat(dataset.formats[0], file.fsPath);
    const separator = declaredSeparator(dataset);
    if (separator === undefined) return;
    const columns = columnsOf(prefix, format, separator);
    if (!columns) return;
    const offered = new Set(columns);
    const checked = format === 'csv' ? fields : fields.filter(field => !field.optional);
    const missing = checked.filter(field => !offered.has(columnOf(field)));
    if (missing.length === 0) return;
    // None of the declared columns in the header, and the file says why (lines before the header,
    // another separator): one error at the path, not one per field.
    if (format === 'csv') {
        const bytes = Buffer.from(prefix.bytes.buffer, prefix.bytes.byteOffset, prefix.bytes.byteLength);
        const why = headerMismatchReason(bytes, columns, fields.map(columnOf), prefix.wholeFile, separator);
        if (why !== undefined) {
            report(accept, 'column-missing',
                `The data file "${dataset.path}" of the dataset '${dataset.name}' has none of the declared columns in its first line: ${why}.`,
                { node: dataset, property: 'path' },
                { fixes: separatorFixes(dataset, file, prefix, columns, separator), dataset: dataset.name });
            return;
        }
    }
    // Quote nothing from a file that is not evidently this dataset's (a path pointing at a
    // credentials file): names of the file are shown only when some declared column is in it.
    const quotable = fields.some(field => offered.has(columnOf(field)));
    const declared = new Set(fields.map(columnOf));
    const unclaimed = columns.filter(name => name && !declared.has(name));
    const where = format === 'csv' ? 'the header of' : 'the first record of';
    const what = format === 'csv' ? 'column' : 'key';
    const consequence = format === 'csv' ? 'evaluation will stop' : 'evaluation refuses records without it';
    for (const field of missing) {
        const column = columnOf(field);
        const nearest = quotable ? nearestColumns(column, unclaimed) : [];
        const suggestion = nearest.length > 0
            ? ` Did you mean ${nearest.map(name => JSON.stringify(name)).join(' or ')}?`
            : quotable ? ` It has ${listColumns(columns, what)}.` : ` None of the ${what}s this dataset declares is there, so the file's ${what}s are not quoted: check the path.`;
        report(accept, 'column-missing',
            `The data file "${dataset.path}" of the dataset '${dataset.name}' has no ${what} ${JSON.stringify(column)} for the field '${field.name}' (${where} the file lacks it): ${consequence}.${suggestion}`,
            { node: field, property: field.column === undefined ? 'name' : 'column' },
            { fixes: nearest.flatMap((name, i) => columnFix(field, name, i === 0)), dataset: dataset.name });
    }
}

/**
 * The declaration that reads a file whose header holds another separator (foreignSeparatorOf):
 * `separator ";"` where that makes the header name every declared column, with `decimal ","`
 * too (preferred) when the first record then has a number written with a decimal comma, as
 * Excel writes them where it separates with semicolons; `separator ","` is the comma's (the
 * declared separator line removed). None when the other separator does not read the header.
 */
function separatorFixes(dataset: Dataset, file: URI, prefix: FilePrefix, header: readonly string[], declared: string): QuickFix[] {
    const found = foreignSeparatorOf(header, declared);
    if (found === undefined) return [];
    const fields = dataset.fields.filter(field => field.name);
    const columns = columnsOf(prefix, 'csv', found);
    if (!columns || !fields.every(field => columns.includes(columnOf(field)))) return [];
    const written = dataset.separators[0];
    if (found === ',') return written?.$cstNode ? [fix('Remove the separator line', [removeNode(written.$cstNode)], true)] : [];
    const separator = separatorDeclaration(found);
    const record = firstRecord(dataset, file, prefix, found);
    const decimals = dataset.decimalMarks.length === 0 && record !== undefined && fields.some(field => isDecimalField(field) && isDecimalCommaNumber(String(record[columnOf(field)] ?? '')));
    const valueNode = written === undefined ? undefined : propertyNode(written, 'value');
    // A separator written already gets the found one; else the line goes after the brace (with the decimal mark, in one edit).
    const declare = (decimal: boolean): FixEdit[] => {
        const lines = [...(valueNode ? [] : [separator]), ...(decimal ? ['decimal ","'] : [])];
        const insert = lines.length > 0 ? insertLinesAfterBrace(dataset, lines) : undefined;
        return [...(valueNode ? [replaceNode(valueNode, JSON.stringify(found))] : []), ...(insert ? [insert] : [])];
    };
    const alone = declare(false);
    if (alone.length === 0) return []; // no brace yet
    return [
        ...(decimals ? [fix(`Declare ${separator} and decimal ","`, declare(true), true)] : []),
        fix(`Declare ${separator}`, alone, !decimals)
    ];
}

function columnOf(field: Field): string {
    return field.column ?? field.name;
}

/** Up to three names of the file close to the declared column (case-insensitive edit distance), nearest first. */
function nearestColumns(column: string, names: readonly string[]): string[] {
    // A third of the name may be mistyped, at least two letters (`opened_on` → `opened_at`),
    // or one name holds the other (`opened` → `opened_at`, `prio` → `priority`).
    const wanted = column.toLowerCase();
    const limit = Math.max(2, Math.ceil(column.length / 3));
    return names
        .map(name => ({ name, lower: name.toLowerCase(), distance: editDistance(wanted, name.toLowerCase()) }))
        .filter(candidate => candidate.distance <= limit || candidate.lower.includes(wanted) || (candidate.lower.length >= 3 && wanted.includes(candidate.lower)))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, 3)
        .map(candidate => candidate.name);
}

function listColumns(columns: readonly string[], what: string): string {
    const shown = columns.slice(0, 12).map(name => JSON.stringify(name)).join(', ');
    const more = columns.length > 12 ? `, … (${columns.length} in all)` : '';
    return `${columns.length} ${what}${columns.length === 1 ? '' : 's'}: ${shown}${more}`;
}

/** Writes `column "name"` for the field: replaces its column string, or adds one after its type. */
function columnFix(field: Field, name: string, preferred: boolean): QuickFix[] {
    // A name the STRING terminal cannot hold as written (a quote, a backslash, a line break) gets no fix,
    // nor one holding U+FFFD, which in an agreement means lost bytes (sla/text-encoding).
    if (/["\\\n\r\uFFFD]/.test(name)) return [];
    const text = `"${name}"`;
    const columnNode = field.column === undefined ? undefined : propertyNode(field, 'column');
    if (columnNode) return [fix(`Read the column ${text}`, [replaceNode(columnNode, text)], preferred)];
    const typeNode = field.type?.$cstNode;
    if (!typeNode) return [];
    return [fix(`Read the column ${text}`, [insertAfterNode(typeNode, ` column ${text}`)], preferred)];
}

/**
 * The file's first record, when it is data of the declared shape: every required column of the
 * dataset is in it. Checks that quote a value take it from here only, so that a path pointing at
 * some other file (a credentials file) is never quoted.
 */
function recordOfShape(dataset: Dataset, file: URI, prefix: FilePrefix): Record<string, unknown> | undefined {
    if (!dataset.fields.some(f => f.name && (isTimestampType(f.type) || isDecimalField(f)))) return undefined; // only timestamps and numbers are checked
    const row = firstRecord(dataset, file, prefix);
    if (!row) return undefined;
    const columns = dataset.fields.filter(f => f.name && !f.optional).map(f => f.column ?? f.name);
    return columns.every(column => Object.hasOwn(row, column)) ? row : undefined;
}

function checkNaiveTimestamps(dataset: Dataset, row: Record<string, unknown>, accept: ValidationAcceptor): void {
    if (dataset.timezones.length > 0) return;
    const timestampFields = dataset.fields.filter(f => isTimestampType(f.type) && f.name);
    const naive = timestampFields.find(field => readsNaive(field, row[field.column ?? field.name]));
    if (!naive) return;
    const value = String(row[naive.column ?? naive.name]);
    const agreement = AstUtils.getContainerOfType(dataset, isAgreement);
    const agreementZone = agreement?.members.find(isTimezoneDeclaration)?.zone;
    const zone = agreementZone ? agreementZone.replace(/^"|"$/g, '') : 'UTC';
    const insert = insertLinesAfterBrace(dataset, [`timezone "${zone}"`]);
    report(accept, 'naive-timestamps',
        `The timestamps of '${dataset.name}' carry no UTC offset (e.g. ${naive.name} = "${value}") and the dataset declares no time zone: the same row means different instants to different readers, and evaluation will stop. Add 'timezone "${zone}"' to the dataset.`,
        { node: dataset, property: 'name' },
        { fixes: insert ? [fix(`Add timezone "${zone}"`, [insert], true)] : [] });
}

/** `from table … of connection NAME`: the project's configuration names the connection (when the configuration is known). */
function checkConnection(dataset: Dataset, connections: ReadonlySet<string> | undefined, accept: ValidationAcceptor): void {
    const source = dataset.table;
    if (source === undefined || connections === undefined || connections.has(source.connection)) return;
    const known = [...connections].sort((a, b) => editDistance(a, source.connection) - editDistance(b, source.connection));
    const meant = known.length > 0 && editDistance(known[0]!, source.connection) <= 2 ? known[0] : undefined;
    const connectionNode = propertyNode(source, 'connection');
    report(accept, 'connection-unknown',
        `The connection '${source.connection}' of the dataset '${dataset.name}' is not configured (${known.length === 0 ? 'no connection is' : `configured: ${known.join(', ')}`}): add it to "connections" in .slarc.json (or the editor setting sla.connections), or pass --connection ${source.connection}=URL when evaluating.${meant === undefined ? '' : ` Did you mean '${meant}'?`}`,
        { node: source, property: 'connection' },
        { fixes: writeFixes(connectionNode, meant === undefined ? [] : [meant]) });
}
