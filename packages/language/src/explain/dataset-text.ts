/** Datasets and their fields: type, unit, source column and file. */
import { compileTimestampFormat, escapeMarkdown as md, inferFormat, markdownCode } from '@sla/engine';
import { AstUtils } from 'langium';
import {
    BooleanType, DurationType, EnumType, IntegerType, isDataset, NumberType, PercentType, TextType, TimestampType, type Agreement, type CompleteTo, type CsvEncoding, type RowKey, type CsvSeparator, type Dataset, type DecimalMark, type Field, type FieldType
} from '../generated/ast.js';
import { fieldRange } from '../types/field-range.js';
import { datasetReads } from '../evaluation/dataset-source.js';
import { datasetZone, datasetZoneParameter, resolvedClientOf } from '../model/dataset-zone.js';
import { joinList } from './expression-text.js';
import { durationUnitName, longDate, parseDate } from './wording.js';

/** [type, unit] of a field for a reader. */
function fieldTypeText(type: FieldType | undefined): [string, string | undefined] {
    switch (type?.$type) {
        case TimestampType.$type: return ['timestamp', undefined];
        case DurationType.$type: return ['duration', type.unit ? durationUnitName(type.unit) ?? type.unit : 'not given (write the unit, e.g. `duration ms`)'];
        case NumberType.$type: return ['number', type.unit];
        case IntegerType.$type: return ['integer', undefined];
        case PercentType.$type: return ['percentage', '%'];
        case TextType.$type: return ['text', undefined];
        case BooleanType.$type: return ['true or false', undefined];
        case EnumType.$type: return [`one of ${joinList(type.values.map(v => `"${md(v)}"`))}`, undefined];
        case 'ScoreType': {
            const range = fieldRange(type);
            return [range ? `score ${range.min} to ${range.max}` : 'score', undefined];
        }
        default: return ['unknown', undefined];
    }
}

/** `Table: "public"."requests" of connection warehouse`. */
function tableText(dataset: Dataset): string {
    const table = dataset.table!;
    // While typing (`dataset s table`) the table and the connection may have no name yet.
    if (table.first === undefined) return 'Table: not named yet (write `table "name" of connection NAME`)';
    const name = table.second === undefined ? `"${table.first}"` : `"${table.first}"."${table.second}"`;
    return `Table: ${markdownCode(name)} of connection ${table.connection === undefined ? '(not named yet)' : md(table.connection)}`;
}

/** The declared format, else the one the extension implies (the engine's reading), else advice to declare it. */
function formatText(dataset: Dataset): string {
    return dataset.formats[0] ?? inferFormat(dataset.path ?? '') ?? 'unknown (declare `format csv|json|ndjson|parquet`)';
}

export function fieldMarkdown(field: Field): string {
    const dataset = AstUtils.getContainerOfType(field.$container, isDataset);
    const [type, unit] = fieldTypeText(field.type);
    const lines = [`**Field ${field.name}** of dataset ${dataset?.name ?? '?'}`, ''];
    lines.push(`- Type: ${type}`);
    if (unit) lines.push(`- Unit: ${unit}`);
    const range = fieldRange(field.type);
    if (range) lines.push(`- ${field.type?.$type === 'ScoreType' ? 'Scale' : 'Range'}: ${range.min} to ${range.max}, both included; a value outside is an invalid row`);
    const layout = dataset && isTypedSource(dataset) ? undefined : timestampLayoutText(field.type, dataset && zoneOf(dataset, undefined));
    if (layout) lines.push(`- ${layout}`);
    // The classic misreading of an export: shares (0.995) where percentages are meant.
    if (field.type?.$type === PercentType.$type) lines.push('- Written on the 0–100 scale: `99.5` and `99.5%` are 99.5 %; a value written as a share (`0.995`) is read as 0.995 % (an evaluation warns when every value it reads lies between 0 and 1)');
    lines.push(`- Column: ${markdownCode(field.column ?? field.name)}${field.column ? '' : ' (the field name)'}`);
    if (dataset) lines.push(dataset.table ? `- ${tableText(dataset)}` : `- File: ${markdownCode(dataset.path ?? '')} (${formatText(dataset)})`);
    lines.push(`- ${field.optional ? 'Optional: may be empty' : 'Required: every row must have it'}`);
    return lines.join('\n');
}

/** A table or Parquet file: its timestamps are typed values, not text in some layout. */
function isTypedSource(dataset: Dataset): boolean {
    const reads = datasetReads(dataset);
    return reads === 'table' || reads === 'parquet';
}

/**
 * How a timestamp field's values are written: a declared layout (with an example), else ISO-8601.
 * A value without a UTC offset is read in the dataset's own zone (`own`); without one it is
 * rejected, as the dataset's hover says (timestampZoneLine).
 */
function timestampLayoutText(type: FieldType | undefined, own: DatasetZone | undefined): string | undefined {
    if (type?.$type !== TimestampType.$type) return undefined;
    const layout = (type as TimestampType).format;
    if (layout === undefined) {
        const examples = '`2026-03-01T09:30:00Z`, `2026-03-01 09:30:00+01:00`';
        return own !== undefined
            ? `Written as ISO-8601: ${examples}, or without an offset in ${md(own.zone)} time (the dataset's time zone${own.note ? `; ${own.note}` : ''})`
            : `Written as ISO-8601 with a UTC offset or \`Z\`: ${examples}; the dataset names no time zone, so a value without an offset is rejected (if the export writes local time, declare its zone: \`timezone "…"\`)`;
    }
    const compiled = compileTimestampFormat(layout);
    if ('problem' in compiled) return `Written as ${markdownCode(layout)}: not a format the readers know (${md(compiled.problem)})`;
    const offset = compiled.hasOffset ? ', with its UTC offset'
        : own !== undefined ? `: a wall-clock time in ${md(own.zone)} time (the dataset's time zone${own.note ? `; ${own.note}` : ''})`
        : ': a wall-clock time, but the dataset names no time zone, so its rows are rejected (declare its zone: `timezone "…"`)';
    return `Written as ${markdownCode(layout)}, e.g. ${markdownCode(compiled.example)}${offset}`;
}

/**
 * `declaredIn`: the file that declares it, when that is not the agreement's (its path is relative to that file);
 * `agreement`: the agreement it is explained for (a client's: its zone argument reaches a template's dataset).
 */
export function datasetMarkdown(dataset: Dataset, declaredIn?: string, agreement?: Agreement): string {
    const lines = [`**Dataset ${dataset.name}**${dataset.description ? ` — ${md(dataset.description)}` : ''}`, ''];
    lines.push(dataset.table ? `- ${tableText(dataset)}; its URL and credentials are set outside the agreement (.slarc.json, --connection)` : `- File: ${markdownCode(dataset.path ?? '')} (${formatText(dataset)}), relative to ${declaredIn === undefined ? 'this file' : markdownCode(declaredIn)}`);
    const zoneLine = timestampZoneLine(dataset, agreement);
    if (zoneLine) lines.push(`- ${zoneLine}`);
    const dialect = csvDialectSentence(dataset);
    if (dialect) lines.push(`- ${dialect}`);
    lines.push(`- Fields: ${dataset.fields.length > 0 ? joinList(dataset.fields.map(f => `${f.name} (${fieldTypeText(f.type)[0]})`)) : 'none'}`);
    const key = dataset.rowKeys[0];
    if (key) lines.push(`- ${rowKeySentence(key)}`);
    lines.push(`- ${dataEndSentence(dataset.completeTo[0])}`);
    return lines.join('\n');
}

/**
 * The zone a timestamp written without a UTC offset is read in: the dataset's own, never the
 * agreement's (the loader rejects such a row when the dataset names none). Undefined when the
 * dataset has no timestamps written as text.
 */
function timestampZoneLine(dataset: Dataset, agreement: Agreement | undefined): string | undefined {
    const own = zoneOf(dataset, agreement);
    if (own) return `Timestamps without an offset are read in ${md(own.zone)} time${own.note ? ` (${own.note})` : ''}`;
    const written = !isTypedSource(dataset) && dataset.fields.some(field => field.type?.$type === TimestampType.$type);
    return written ? 'Timestamps need a UTC offset or `Z`: the dataset names no time zone, so a row with a local time is rejected (if the export writes local time, declare its zone: `timezone "…"`)' : undefined;
}

/** A dataset's zone, and in a template, what a zone parameter's default means. */
interface DatasetZone {
    zone: string;
    note?: string;
}

/**
 * The dataset's zone for the agreement it is explained for: a client's value of a zone parameter
 * (`timezone zone`); in the template itself, the default, with a note that each client sets its
 * own. Undefined when the dataset names none.
 */
function zoneOf(dataset: Dataset, agreement: Agreement | undefined): DatasetZone | undefined {
    const client = agreement && resolvedClientOf(agreement);
    const zone = datasetZone(dataset, client);
    if (zone === undefined) return undefined;
    const parameter = datasetZoneParameter(dataset);
    if (!parameter || (client && parameter.$container === client.template)) return { zone };
    const set = `which each client agreement sets: \`with ${parameter.name} = "…"\``;
    return { zone, note: parameter.default ? `the default of the parameter ${parameter.name}, ${set}` : `UTC until a client sets the parameter ${parameter.name}, ${set}` };
}

/**
 * How the CSV file is written, when the dataset says (`separator ";"`, `decimal ","`, `encoding
 * "windows-1252"`): the columns' separator, the numbers' decimal mark and the text's encoding.
 * Undefined when it declares none of them.
 */
function csvDialectSentence(dataset: Dataset): string | undefined {
    const separator = dataset.separators[0]?.value;
    const mark = dataset.decimalMarks[0]?.value;
    const encoding = dataset.encodings[0]?.value;
    if (separator === undefined && mark === undefined && encoding === undefined) return undefined;
    const parts: string[] = [];
    if (separator !== undefined) parts.push(`Columns separated by ${separatorText(separator)}; a value holding it must be quoted`);
    if (mark === ',') parts.push('numbers written with a decimal comma (1,5 is one and a half; a number with a point, such as 1.234, is an invalid value: it could be a thousands separator)');
    else if (mark === '.') parts.push('numbers written with a decimal point (1.5)');
    if (encoding !== undefined) parts.push(encodingText(encoding));
    const sentence = parts.join('; ');
    return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

function separatorText(separator: string): string {
    switch (separator) {
        case ',': return 'commas';
        case ';': return 'semicolons (`;`)';
        case '\t': return 'tabs';
        case '|': return 'bars (`|`)';
        default: return `${markdownCode(JSON.stringify(separator))} (not a CSV separator: write one of ",", ";", "\\t", "|")`;
    }
}

function encodingText(encoding: string): string {
    switch (encoding) {
        case 'utf-8': return 'text in UTF-8 (the default)';
        case 'windows-1252': return 'text in Windows-1252, as Excel\'s plain "CSV" saves it (read as UTF-8 after conversion: `ä` is the byte 0xE4, `€` 0x80)';
        case 'utf-16': return 'text in UTF-16, as Excel\'s "Unicode Text" saves it (byte order from its mark; little-endian without one)';
        default: return `text in ${markdownCode(JSON.stringify(encoding))} (not an encoding the readers know: write "utf-8", "windows-1252" or "utf-16")`;
    }
}

/** Hover on `separator ";"`, `decimal ","` or `encoding "windows-1252"`: the dataset's CSV dialect. */
export function csvDialectMarkdown(entry: CsvSeparator | DecimalMark | CsvEncoding): string {
    return `**CSV dialect of dataset ${md(entry.$container.name ?? '')}**: ${csvDialectSentence(entry.$container) ?? ''}.`;
}

/** Hover on `one row per …`. */
export function rowKeyMarkdown(key: RowKey): string {
    return `**One row per key**: ${rowKeySentence(key)}`;
}

/** What `one row per …` promises of the data, and what evaluation does with a row that breaks it. */
function rowKeySentence(key: RowKey): string {
    const names = key.fields.map(field => md(field.$refText));
    const values = names.length > 1 ? `the same ${joinList(names)}` : `the same ${names[0] ?? '…'}`;
    const latest = key.latestBy[0];
    if (latest) {
        const by = md(latest.$refText);
        return `One row per ${joinList(names)}, the latest by ${by}: of the rows with ${values}, only the one with the greatest ${by} is counted; `
            + `the others are superseded (counted apart in the report, read by no KPI). Two rows with ${values} and the same ${by} are one version when the values the agreement reads agree; `
            + `otherwise, when that ${by} is the greatest, no one can tell which is the latest, and evaluation stops at the later one (with \`--skip-invalid\` it is skipped and listed). `
            + 'Every row of the dataset is read, by one reader, and the latest rows are kept until the end of the file.';
    }
    return `One row per ${joinList(names)}: a row with ${values} as an earlier row is invalid (the same item counted twice), `
        + 'so evaluation stops at it with both rows\' places; with `--skip-invalid` the earlier row is kept and this one skipped and listed. '
        + 'Every row of the dataset is read, by one reader, to check it.';
}

/** Hover on `complete to DATE`. */
export function completeToMarkdown(clause: CompleteTo): string {
    return `**Complete to**: ${dataEndSentence(clause)}`;
}

/** How far the dataset's data count as complete, and what that means for windows after it. */
function dataEndSentence(clause: CompleteTo | undefined): string {
    if (clause === undefined) {
        return 'Data end: at the last event in the file, unless `--to`, `--data-end` or `complete to` says the data run further; windows starting after it have no data.';
    }
    const date = parseDate(clause.date);
    const day = date ? longDate(...date) : clause.date;
    return `Data complete through ${day} (the whole day, in the agreement's time zone): windows starting after it have no data, `
        + 'never met, 100 % or a credit; rows still open are judged on their elapsed time up to then. `--data-end` on the command line overrides it.';
}
