import { CSV_ENCODINGS, CSV_SEPARATORS, isDecimalCommaNumber, isDecimalPointNumber } from '@sla/engine';
import { datasetReads } from '../evaluation/dataset-source.js';
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CsvEncoding, CsvSeparator, Dataset, DecimalMark, Field, SlaAstType } from '../generated/ast.js';
import { fix, insertLinesAfterBrace, removeNode, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * How a CSV file is written, when it is not RFC 4180's commas and decimal points:
 * `separator ";"` (one of the separators the readers know: comma, semicolon, tab, bar) and
 * `decimal ","` (or `"."`, the default), and `encoding "windows-1252"` (or `"utf-16"`; `"utf-8"`,
 * the default). All are CSV's: a JSON, NDJSON or Parquet file, or a table, has no separator,
 * and a declaration that cannot apply there would mislead the reader (JSON is UTF-8 by its
 * standard). Stated twice, the second is reported (which one applies?).
 */
export function csvDialectChecks(): ValidationChecks<SlaAstType> {
    return { CsvSeparator: checkSeparator, DecimalMark: checkDecimalMark, CsvEncoding: checkEncoding };
}

/**
 * Names a user may write for an encoding, and the one the readers know by them: the labels
 * tools show (Python's "cp1252", Notepad's "ANSI", "Latin-1", which the WHATWG standard and
 * browsers read as Windows-1252 too; "Unicode", Windows' word for UTF-16).
 */
const ENCODING_WORDS: Readonly<Record<string, string>> = {
    'utf-8': 'utf-8', utf8: 'utf-8',
    'windows-1252': 'windows-1252', windows1252: 'windows-1252', cp1252: 'windows-1252', 'cp-1252': 'windows-1252', ansi: 'windows-1252',
    latin1: 'windows-1252', 'latin-1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252',
    'utf-16': 'utf-16', utf16: 'utf-16', 'utf-16le': 'utf-16', 'utf-16be': 'utf-16', unicode: 'utf-16', 'ucs-2': 'utf-16'
};

/** The encodings as the language writes them: `"utf-8"`, `"windows-1252"`, `"utf-16"`. */
const WRITTEN_ENCODINGS = CSV_ENCODINGS.map((encoding) => JSON.stringify(encoding)).join(', ');

function checkEncoding(encoding: CsvEncoding, accept: ValidationAcceptor): void {
    checkWrittenValue(encoding, encoding.$container.encodings, 'encoding', CSV_ENCODINGS, ENCODING_WORDS,
        (value) => `The encoding of the dataset '${encoding.$container.name}' is ${JSON.stringify(value)}: the readers know ${WRITTEN_ENCODINGS}.`, accept);
}

/** Names a user may write for a separator, and the character they mean (`separator "tab"` → `"\t"`). */
const SEPARATOR_WORDS: Readonly<Record<string, string>> = { comma: ',', semicolon: ';', tab: '\t', bar: '|', pipe: '|' };

/** The separators as the language writes them: `","`, `";"`, `"\t"`, `"|"`. */
const WRITTEN_SEPARATORS = CSV_SEPARATORS.map((separator) => JSON.stringify(separator)).join(', ');

function checkSeparator(separator: CsvSeparator, accept: ValidationAcceptor): void {
    checkWrittenValue(separator, separator.$container.separators, 'separator', CSV_SEPARATORS, SEPARATOR_WORDS,
        (value) => `The separator of the dataset '${separator.$container.name}' is ${JSON.stringify(value)}: a CSV separator is one of ${WRITTEN_SEPARATORS} (a tab is written "\\t").`, accept);
}

/**
 * A `separator` or `encoding` of a dataset: stated once, on a CSV file, one of the `known` values;
 * a value written as a name (`"semicolon"`, `"latin1"`) gets a fix writing the one it means.
 */
function checkWrittenValue(
    entry: CsvSeparator | CsvEncoding, entries: readonly (CsvSeparator | CsvEncoding)[], keyword: 'separator' | 'encoding',
    known: readonly string[], words: Readonly<Record<string, string>>, problem: (value: string) => string, accept: ValidationAcceptor
): void {
    const dataset = entry.$container;
    if (repeated(entries, entry, dataset, `its ${keyword}`, accept)) return;
    if (notCsv(dataset, keyword, entry, accept)) return;
    const value = entry.value;
    if (value === undefined || known.includes(value)) return; // no text yet: the parser says so
    const meant = words[value.trim().toLowerCase()];
    const node = propertyNode(entry, 'value');
    report(accept, 'csv-dialect', `${problem(value)}${meant === undefined ? '' : ` Did you mean ${JSON.stringify(meant)}?`}`,
        { node: entry, property: 'value' },
        { fixes: meant !== undefined && node ? [fix(`Write ${keyword} ${JSON.stringify(meant)}`, [replaceNode(node, JSON.stringify(meant))], true)] : [] });
}

function checkDecimalMark(mark: DecimalMark, accept: ValidationAcceptor): void {
    const dataset = mark.$container;
    if (repeated(dataset.decimalMarks, mark, dataset, 'its decimal mark', accept)) return;
    if (notCsv(dataset, 'decimal', mark, accept)) return;
    if (mark.value === undefined || mark.value === ',' || mark.value === '.') return; // no text yet: the parser says so
    const node = propertyNode(mark, 'value');
    const meant = mark.value.trim() === 'comma' ? ',' : mark.value.trim() === 'point' ? '.' : undefined;
    report(accept, 'csv-dialect',
        `The decimal mark of the dataset '${dataset.name}' is ${JSON.stringify(mark.value)}: write decimal "," for numbers written 1,5 (or "." for 1.5, the default).`,
        { node: mark, property: 'value' },
        { fixes: meant !== undefined && node ? [fix(`Write decimal ${JSON.stringify(meant)}`, [replaceNode(node, JSON.stringify(meant))], true)] : [] });
}

function repeated(entries: readonly (CsvSeparator | DecimalMark | CsvEncoding)[], entry: CsvSeparator | DecimalMark | CsvEncoding, dataset: Dataset, what: string, accept: ValidationAcceptor): boolean {
    if (entries.indexOf(entry) <= 0) return false;
    report(accept, 'duplicate-entry', `The dataset '${dataset.name}' states ${what} twice: which one applies? Keep one.`, { node: entry });
    return true;
}

/** A separator, decimal mark or encoding on a dataset that is not a CSV file; true when reported. */
function notCsv(dataset: Dataset, keyword: 'separator' | 'decimal' | 'encoding', entry: CsvSeparator | DecimalMark | CsvEncoding, accept: ValidationAcceptor): boolean {
    const reads = datasetReads(dataset);
    if (reads === undefined || reads === 'csv') return false;
    const what = reads === 'table' ? 'a table, whose columns the database types' : `${reads === 'ndjson' ? 'an' : 'a'} ${reads.toUpperCase()} file`;
    report(accept, 'csv-dialect', `The dataset '${dataset.name}' reads ${what}: '${keyword}' applies to CSV files only. Remove it.`, { node: entry, keyword });
    return true;
}

/** Field types whose cells are decimal numbers: what `decimal` says how to read. */
const DECIMAL_FIELD_TYPES: ReadonlySet<string> = new Set(['NumberType', 'IntegerType', 'PercentType', 'DurationType', 'ScoreType']);

export function isDecimalField(field: Field): boolean {
    return DECIMAL_FIELD_TYPES.has(field.type?.$type ?? '');
}

/**
 * The first record's numbers are written as the dataset's decimal mark says (a CSV file): a number
 * with a decimal comma where the dataset reads points, or with a point where it declares
 * `decimal ","`, would stop evaluation at row 1. Said at the field, with the fix that declares the
 * mark the file writes (or removes `decimal ","`). `row`: the first record, of the declared shape.
 */
export function checkDecimalMarks(dataset: Dataset, row: Record<string, unknown>, accept: ValidationAcceptor): void {
    const mark = dataset.decimalMarks[0];
    if (mark !== undefined && mark.value !== ',' && mark.value !== '.') return; // checkDecimalMark says what is wrong with it
    const comma = mark?.value === ',';
    for (const field of dataset.fields) {
        if (!field.name || !isDecimalField(field)) continue;
        const value = row[field.column ?? field.name];
        if (typeof value !== 'string' || !(comma ? isDecimalPointNumber(value) : isDecimalCommaNumber(value))) continue;
        const message = comma
            ? `The first record's ${field.name} is ${JSON.stringify(value)}, written with a decimal point, and the dataset declares decimal ",": evaluation will stop. Remove decimal "," if the file writes points.`
            : `The first record's ${field.name} is ${JSON.stringify(value)}, written with a decimal comma, and the dataset reads decimal points: evaluation will stop. Declare decimal "," in the dataset.`;
        // About the declared file: evaluation of another file given for the dataset (--data) is not stopped by it.
        report(accept, 'csv-dialect', message, { node: field, property: 'type' }, { fixes: decimalFixes(dataset, comma), dataset: dataset.name });
        return; // one per dataset: the declaration is the fix for every field
    }
}

function decimalFixes(dataset: Dataset, comma: boolean): ReturnType<typeof fix>[] {
    const written = dataset.decimalMarks[0];
    if (comma) return written?.$cstNode ? [fix('Remove decimal ","', [removeNode(written.$cstNode)], true)] : [];
    const value = written === undefined ? undefined : propertyNode(written, 'value');
    if (value) return [fix('Declare decimal ","', [replaceNode(value, '","')], true)];
    const insert = insertLinesAfterBrace(dataset, ['decimal ","']);
    return insert ? [fix('Declare decimal ","', [insert], true)] : [];
}
