import { CSV_SEPARATORS, isDecimalCommaNumber, isDecimalPointNumber } from '@sla/engine';
import { datasetReads } from '../evaluation/dataset-source.js';
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CsvSeparator, Dataset, DecimalMark, Field, SlaAstType } from '../generated/ast.js';
import { fix, insertLinesAfterBrace, removeLines, replaceNode } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * How a CSV file is written, when it is not RFC 4180's commas and decimal points:
 * `separator ";"` (one of the separators the readers know: comma, semicolon, tab, bar) and
 * `decimal ","` (or `"."`, the default). Both are CSV's: a JSON, NDJSON or Parquet file, or a
 * table, has no separator, and a declaration that cannot apply there would mislead the reader.
 * Stated twice, the second is reported (which one applies?).
 */
export function csvDialectChecks(): ValidationChecks<SlaAstType> {
    return { CsvSeparator: checkSeparator, DecimalMark: checkDecimalMark };
}

/** Names a user may write for a separator, and the character they mean (`separator "tab"` → `"\t"`). */
const SEPARATOR_WORDS: Readonly<Record<string, string>> = { comma: ',', semicolon: ';', tab: '\t', bar: '|', pipe: '|' };

/** The separators as the language writes them: `","`, `";"`, `"\t"`, `"|"`. */
const WRITTEN_SEPARATORS = CSV_SEPARATORS.map((separator) => JSON.stringify(separator)).join(', ');

function checkSeparator(separator: CsvSeparator, accept: ValidationAcceptor): void {
    const dataset = separator.$container;
    if (repeated(dataset.separators, separator, dataset, 'its separator', accept)) return;
    if (notCsv(dataset, 'separator', separator, accept)) return;
    const value = separator.value;
    if (value === undefined || CSV_SEPARATORS.includes(value)) return; // no text yet: the parser says so
    const meant = SEPARATOR_WORDS[value.trim().toLowerCase()];
    const node = propertyNode(separator, 'value');
    report(accept, 'csv-dialect',
        `The separator of the dataset '${dataset.name}' is ${JSON.stringify(value)}: a CSV separator is one of ${WRITTEN_SEPARATORS} (a tab is written "\\t").${meant === undefined ? '' : ` Did you mean ${JSON.stringify(meant)}?`}`,
        { node: separator, property: 'value' },
        { fixes: meant !== undefined && node ? [fix(`Write separator ${JSON.stringify(meant)}`, [replaceNode(node, JSON.stringify(meant))], true)] : [] });
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

function repeated(entries: readonly (CsvSeparator | DecimalMark)[], entry: CsvSeparator | DecimalMark, dataset: Dataset, what: string, accept: ValidationAcceptor): boolean {
    if (entries.indexOf(entry) <= 0) return false;
    report(accept, 'duplicate-entry', `The dataset '${dataset.name}' states ${what} twice: which one applies? Keep one.`, { node: entry });
    return true;
}

/** A separator or decimal mark on a dataset that is not a CSV file; true when reported. */
function notCsv(dataset: Dataset, keyword: 'separator' | 'decimal', entry: CsvSeparator | DecimalMark, accept: ValidationAcceptor): boolean {
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
    if (comma) return written?.$cstNode ? [fix('Remove decimal ","', [removeLines(written.$cstNode)], true)] : [];
    const value = written === undefined ? undefined : propertyNode(written, 'value');
    if (value) return [fix('Declare decimal ","', [replaceNode(value, '","')], true)];
    const insert = insertLinesAfterBrace(dataset, ['decimal ","']);
    return insert ? [fix('Declare decimal ","', [insert], true)] : [];
}
