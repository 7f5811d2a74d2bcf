import {
    commonLayoutsOf, commonLayoutsOfAll, compileTimestampFormat, isNaiveTimestamp, parseTimestampBytes, timestampFormatProblem,
    type ParsedTimestamp, type TimestampFormat
} from '@sla/engine';
import { datasetReads } from '../evaluation/dataset-source.js';
import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isDataset, isTimestampType, type Dataset, type Field, type SlaAstType, type TimestampType } from '../generated/ast.js';
import { fix, insertAfterNode, replaceNode, type QuickFix } from './quick-fix.js';
import { propertyNode, report } from './report.js';

/**
 * `timestamp format "DD.MM.YYYY HH:mm"`: the layout must be one the readers know (the engine's
 * timestamp-format.ts says why not), and only a file written as text has one: a table's or a
 * Parquet file's timestamps are typed. What the file holds is checked with it (datasets.ts calls
 * checkTimestampValues and readsNaive).
 */
export function timestampFormatChecks(): ValidationChecks<SlaAstType> {
    return { TimestampType: checkTimestampFormat };
}

function checkTimestampFormat(type: TimestampType, accept: ValidationAcceptor): void {
    if (type.format === undefined) return;
    const dataset = AstUtils.getContainerOfType(type, isDataset);
    const reads = dataset === undefined ? undefined : datasetReads(dataset);
    const typed = reads === 'table' ? 'a table' : reads === 'parquet' ? 'a Parquet file' : undefined;
    if (typed !== undefined) {
        report(accept, 'timestamp-format', `The dataset '${dataset!.name}' reads ${typed}, whose timestamps are typed values, not text: a format applies to CSV, JSON and NDJSON files only. Remove it.`, { node: type, keyword: 'format' });
        return;
    }
    const problem = timestampFormatProblem(type.format);
    if (problem === undefined) return;
    report(accept, 'timestamp-format', `The timestamp format "${type.format}" cannot be read: ${problem}.`, { node: type, property: 'format' });
}

/** Whether a first record's value is read as a wall-clock time (no offset): in the field's declared layout, else as ISO-8601. */
export function readsNaive(field: Field, value: unknown): boolean {
    const layout = isTimestampType(field.type) ? field.type.format : undefined;
    if (layout === undefined) return isNaiveTimestamp(value);
    const compiled = compileTimestampFormat(layout);
    if ('problem' in compiled || typeof value !== 'string') return false;
    return !Number.isNaN(readLayout(compiled, value).ms) && !compiled.hasOffset;
}

function readLayout(layout: TimestampFormat, value: string): ParsedTimestamp {
    const out: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const bytes = Buffer.from(value, 'utf8');
    layout.parse(bytes, 0, bytes.length, out);
    return out;
}

/**
 * The file's timestamps are read as the fields say: in the declared layout (`timestamp format
 * "DD.MM.YYYY HH:mm"`), else as ISO-8601. A first record's value that is neither would stop
 * evaluation at row 1: said at the field, with the common layout that reads the column's values in
 * the first records (`sampled`, commonLayoutsOfAll: Excel's, Jira's) as the fix — two, neither
 * preferred, when none of them tells day from month. `row`: the first record, of the declared shape.
 */
export function checkTimestampValues(dataset: Dataset, row: Record<string, unknown>, sampled: () => { line: number; record: Record<string, unknown> }[], accept: ValidationAcceptor): void {
    const timestampFields = dataset.fields.filter(f => isTimestampType(f.type) && f.name);
    for (const field of timestampFields) {
        const type = field.type as TimestampType;
        const value = row[field.column ?? field.name];
        if (typeof value !== 'string' || value.trim() === '') continue;
        const layouts = () => commonLayoutsOf(value.trim());
        const declare = (layout: string, preferred: boolean, replace: boolean): QuickFix[] => {
            const formatNode = replace ? propertyNode(type, 'format') : type.$cstNode;
            if (!formatNode) return [];
            return [fix(`Declare format "${layout}"`, [replace ? replaceNode(formatNode, JSON.stringify(layout)) : insertAfterNode(formatNode, ` format ${JSON.stringify(layout)}`)], preferred)];
        };
        if (type.format !== undefined) {
            const compiled = compileTimestampFormat(type.format);
            if ('problem' in compiled) continue; // timestamp-formats.ts says why
            const read = readLayout(compiled, value);
            if (!Number.isNaN(read.ms)) continue;
            const others = layouts();
            const suggestion = others.length === 1 ? ` It reads as format "${others[0]}".` : others.length > 1 ? ` It reads as format ${others.map(l => `"${l}"`).join(' or as ')}.` : '';
            report(accept, 'timestamp-format',
                `The first record's ${field.name} is ${JSON.stringify(value)}, which the format "${type.format}" does not read (${read.problem}): evaluation will stop.${suggestion}`,
                { node: type, property: 'format' },
                { fixes: others.flatMap(layout => declare(layout, others.length === 1, true)), dataset: dataset.name });
            continue;
        }
        if (!Number.isNaN(parseTimestampBytes(Buffer.from(value, 'utf8'), 0, Buffer.byteLength(value), { ms: NaN, naive: false, problem: '' }))) continue;
        // The column's values in the first records: a later one may tell day from month, or show a layout without zero padding.
        const values = sampled()
            .map(({ line, record }) => ({ line, value: record[field.column ?? field.name] }))
            .filter((entry): entry is { line: number; value: string } => typeof entry.value === 'string' && entry.value.trim() !== '');
        const { layouts: found, decidedBy } = commonLayoutsOfAll(values.length > 0 ? values.map(entry => entry.value.trim()) : [value.trim()]);
        const decider = decidedBy === undefined ? undefined : values[decidedBy];
        const told = decider === undefined ? '' : ` (line ${decider.line}'s ${JSON.stringify(decider.value)} tells day from month)`;
        const which = found.length === 0
            ? 'declare the layout the export writes (e.g. timestamp format "DD.MM.YYYY HH:mm") or export ISO-8601 timestamps'
            : found.length === 1
                ? `declare the layout it is written in: timestamp format "${found[0]}"${told}`
                : `it reads as ${found.map(l => `"${l}"`).join(' or as ')} (no record of the file's start tells day from month): declare the layout the export writes`;
        report(accept, 'timestamp-format',
            `The first record's ${field.name} is ${JSON.stringify(value)}, which is not an ISO-8601 timestamp (such as 2026-03-01T09:30:00Z), and evaluation will stop: ${which}.`,
            { node: field, property: 'type' },
            { fixes: found.flatMap(layout => declare(layout, found.length === 1, false)), dataset: dataset.name });
    }
}
