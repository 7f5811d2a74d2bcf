/**
 * What a new version of a dataset declaration changes (`sla diff`), part by part: the file or
 * table it is read from, its format, zone, declared end, CSV dialect, key (`one row per …`) and
 * fields (added, removed, or read another way: type, column, optional). A reviewer of a
 * ten-field dataset should not have to spot one word in two copies of the whole block, and a key
 * or a column changes what every promise on the dataset counts.
 */
import type { AstNode } from 'langium';
import type { Dataset, Field } from '../generated/ast.js';
import { normalizedText, textWithoutLayout } from '../model/written-text.js';

/** What differs between two declarations of a dataset. */
export interface DatasetChanges {
    /** `title "Incident register" instead of "Incidents"` (no row is counted otherwise) */
    title?: string;
    /** The parts that change which rows are read and how: `one row per id added`, `field priority: … instead of …`. */
    reading: string[];
}

/** The parts of `after` that differ from `before`; none for another order of the lines, other spaces or comments. */
export function datasetChanges(before: Dataset, after: Dataset): DatasetChanges {
    const parts: string[] = [];
    const [was, is] = [sourceText(before), sourceText(after)];
    if (was !== is) parts.push(`${is} instead of ${was.replace(/^from /, '')}`);
    const statements: Array<(dataset: Dataset) => readonly AstNode[] | readonly string[]> = [
        dataset => dataset.formats.map(format => `format ${format}`),
        dataset => dataset.timezones,
        dataset => dataset.completeTo,
        dataset => dataset.separators,
        dataset => dataset.decimalMarks,
        dataset => dataset.encodings,
        dataset => dataset.rowKeys
    ];
    for (const of of statements) {
        const [old, now] = [of(before), of(after)];
        if (linesOf(old, textWithoutLayout) === linesOf(now, textWithoutLayout)) continue;
        const [oldText, nowText] = [linesOf(old, normalizedText), linesOf(now, normalizedText)];
        parts.push(oldText === '' ? `${nowText} added` : nowText === '' ? `${oldText} removed` : `${nowText} instead of ${oldText}`);
    }
    parts.push(...fieldChanges(before.fields, after.fields));
    const title = (dataset: Dataset) => (dataset.description === undefined ? 'no title' : JSON.stringify(dataset.description));
    return { ...(title(before) === title(after) ? {} : { title: `title ${title(after)} instead of ${title(before)}` }), reading: parts };
}

function sourceText(dataset: Dataset): string {
    return dataset.table ? normalizedText(dataset.table).replace(/^/, 'from ') : `from ${JSON.stringify(dataset.path ?? '')}`;
}

/** The statements one after the other, as `text` writes each (a format is a word, not a node). */
function linesOf(lines: readonly AstNode[] | readonly string[], text: (node: AstNode) => string): string {
    return lines.map(line => (typeof line === 'string' ? line : text(line))).join(', ');
}

/** Fields by name: added (as declared), removed, or declared another way (what follows the name). */
function fieldChanges(before: readonly Field[], after: readonly Field[]): string[] {
    // What follows the name: compared without layout, shown as written.
    const declaration = (field: Field, text = normalizedText) => text(field).slice(field.name.length).trim();
    const old = new Map(before.map(field => [field.name, field]));
    const changes: string[] = [];
    for (const field of after) {
        const previous = old.get(field.name);
        old.delete(field.name);
        if (!previous) changes.push(`field ${field.name} added: ${field.name} ${declaration(field)}`);
        else if (declaration(previous, textWithoutLayout) !== declaration(field, textWithoutLayout)) changes.push(`field ${field.name}: ${declaration(field)} instead of ${declaration(previous)}`);
    }
    for (const name of old.keys()) changes.push(`field ${name} removed`);
    return changes;
}
