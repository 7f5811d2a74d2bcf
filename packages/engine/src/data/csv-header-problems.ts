/**
 * Why a CSV header lacks every declared column, when the file says: another separator, or lines
 * before the header.
 *
 * CSV columns are separated by commas. An export whose columns are separated otherwise (a
 * semicolon, as Excel writes "CSV" where the decimal separator is a comma; a tab; a bar)
 * reads as a header of one column: its declared columns are all "missing". The one column
 * then holds the other separator, which tells the user what happened.
 */

const OTHER_SEPARATORS = [';', '\t', '|'];

/** The separator a header of one column seems to use instead of commas (`;`, a tab or `|`), or undefined. */
export function foreignSeparatorOf(header: readonly string[]): string | undefined {
    return header.length === 1 ? OTHER_SEPARATORS.find((candidate) => header[0]!.includes(candidate)) : undefined;
}

/** The separator as the user knows it. */
export function separatorName(separator: string): string {
    return separator === '\t' ? 'tabs' : separator === ';' ? 'semicolons (";")' : `"${separator}"`;
}

/** What to tell the user about a file whose columns seem separated by `separator`: what it is and what to do. */
export function foreignSeparatorProblem(separator: string): string {
    return `the file seems to separate its columns with ${separatorName(separator)}, and CSV columns are separated by commas: export it with commas (from Excel: Save As "CSV UTF-8 (Comma delimited)")`;
}

/** What to tell the user about a file whose header seems to be on line `line` (csv.ts: headerLineFurtherDown). */
export function headerFurtherDownProblem(line: number): string {
    const before = line === 2 ? 'line 1 is' : line === 3 ? 'lines 1 and 2 are' : `lines 1 to ${line - 1} are`;
    return `the declared columns are named on line ${line}: ${before} not the header (a report title, or Excel's "sep=" line); remove ${line === 2 ? 'it' : 'them'} so that the header comes first`;
}
