/**
 * Why a CSV header lacks every declared column, when the file says: another separator, or lines
 * before the header.
 *
 * CSV columns are separated by commas unless the dataset declares another separator. An export
 * whose columns are separated otherwise (a semicolon, as Excel writes "CSV" where the decimal
 * separator is a comma; a tab; a bar) reads as a header of one column: its declared columns are
 * all "missing". The one column then holds the other separator, which tells the user what
 * happened, and the declaration that reads it.
 */

import { CSV_SEPARATORS } from './spec.js';

/** The separator a header of one column seems to use instead of `declared` (a comma unless the dataset declares another), or undefined. */
export function foreignSeparatorOf(header: readonly string[], declared = ','): string | undefined {
    return header.length === 1 ? CSV_SEPARATORS.find((candidate) => candidate !== declared && header[0]!.includes(candidate)) : undefined;
}

/** The separator as the user knows it. */
export function separatorName(separator: string): string {
    return separator === '\t' ? 'tabs' : separator === ';' ? 'semicolons (";")' : separator === ',' ? 'commas' : `"${separator}"`;
}

/** How a dataset declares `separator`: `separator ";"`, `separator "\t"`. */
export function separatorDeclaration(separator: string): string {
    return `separator ${JSON.stringify(separator)}`;
}

/**
 * What to tell the user about a file whose columns seem separated by `found` while the dataset
 * reads `declared` (a comma unless it declares another): what it is and what to do.
 */
export function foreignSeparatorProblem(found: string, declared = ','): string {
    const reads = declared === ',' ? 'CSV columns are separated by commas' : `the dataset declares ${separatorDeclaration(declared)}`;
    // Excel writes semicolons where the decimal separator is a comma: its numbers then have one too.
    const decimals = found === ';' ? ' (and decimal "," if its numbers are written 1,5)' : '';
    const fix = found === ',' ? 'remove the separator line from the dataset' : `declare ${separatorDeclaration(found)} in the dataset${decimals}${declared === ',' ? ', or export the file with commas' : ''}`;
    return `the file seems to separate its columns with ${separatorName(found)}, and ${reads}: ${fix}`;
}

/** What to tell the user about a file whose header seems to be on line `line` (csv.ts: headerLineFurtherDown). */
export function headerFurtherDownProblem(line: number): string {
    const before = line === 2 ? 'line 1 is' : line === 3 ? 'lines 1 and 2 are' : `lines 1 to ${line - 1} are`;
    return `the declared columns are named on line ${line}: ${before} not the header (a report title, or Excel's "sep=" line); remove ${line === 2 ? 'it' : 'them'} so that the header comes first`;
}
