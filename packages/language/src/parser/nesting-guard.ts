/**
 * Keeps formulas that nest absurdly deep from overflowing the parser's stack.
 *
 * Chevrotain parses by recursive descent: every `(` costs some twenty stack frames, so about
 * 200 nested parentheses (or about 1,000 `not` or `-` in a row) overflowed the stack, and the
 * language server died on a text a user can type. Before parsing, this scan finds the
 * parentheses nested deeper than {@link NESTING_LIMIT} and the prefix operators beyond that
 * many in a row, and blanks them (spaces, so every offset, line and column stays where it
 * is). The parser reads the rest; each blanked place gets an error saying what to change.
 * No real formula comes near the limit.
 */
export const NESTING_LIMIT = 50;

export interface NestingProblem {
    offset: number;
    length: number;
    message: string;
}

export interface DefusedText {
    /** The text with the excess parentheses and operators blanked, or the input itself. */
    text: string;
    problems: NestingProblem[];
}

export function defuseDeepNesting(input: string, limit = NESTING_LIMIT): DefusedText {
    // The common case costs one pass over the characters and no allocation.
    if (!mayNestTooDeep(input, limit)) return { text: input, problems: [] };
    const blanked: number[] = [];
    const problems: NestingProblem[] = [];
    const open: boolean[] = []; // per open parenthesis: whether it was blanked
    let prefixRun = 0;
    let reportedParenthesis = false;
    let reportedRun = false;
    for (let i = 0; i < input.length; i++) {
        const code = input.charCodeAt(i);
        if (code === 34 /* " */) {
            i = endOfString(input, i);
            prefixRun = 0;
        } else if (code === 47 /* / */ && input.charCodeAt(i + 1) === 47) {
            while (i + 1 < input.length && input.charCodeAt(i + 1) !== 10 && input.charCodeAt(i + 1) !== 13) i++;
        } else if (code === 47 && input.charCodeAt(i + 1) === 42 /* * */) {
            const end = input.indexOf('*/', i + 2);
            i = end < 0 ? input.length : end + 1;
        } else if (code === 40 /* ( */) {
            const tooDeep = open.length >= limit;
            open.push(tooDeep);
            prefixRun = 0;
            if (tooDeep) {
                blanked.push(i);
                if (!reportedParenthesis) {
                    problems.push({ offset: i, length: 1, message: `Parentheses nest more than ${limit} levels deep here, too deep to read. Split the formula into smaller KPIs.` });
                    reportedParenthesis = true;
                }
            }
        } else if (code === 41 /* ) */) {
            if (open.pop()) blanked.push(i);
            prefixRun = 0;
        } else if (code === 45 /* - */ || isWordStart(code)) {
            const end = code === 45 ? i + 1 : endOfWord(input, i);
            if (code === 45 || (end - i === 3 && input.startsWith('not', i))) {
                if (++prefixRun > limit) {
                    for (let k = i; k < end; k++) blanked.push(k);
                    if (!reportedRun) {
                        problems.push({ offset: i, length: end - i, message: `More than ${limit} 'not' or '-' in a row, too many to read. Remove the repeated operators.` });
                        reportedRun = true;
                    }
                }
            } else {
                prefixRun = 0;
            }
            i = end - 1;
        } else if (code !== 32 && code !== 9 && code !== 10 && code !== 13) {
            prefixRun = 0;
        }
    }
    if (blanked.length === 0) return { text: input, problems: [] };
    const characters = input.split('');
    for (const offset of blanked) characters[offset] = ' ';
    return { text: characters.join(''), problems };
}

/** Cheap first look: no more than `limit` of each of `(`, and `-` or `not`, cannot nest too deep. */
function mayNestTooDeep(input: string, limit: number): boolean {
    let parentheses = 0;
    let operators = 0;
    for (let i = 0; i < input.length; i++) {
        const code = input.charCodeAt(i);
        if (code === 40) parentheses++;
        else if (code === 45 || (code === 110 /* n */ && input.startsWith('not', i))) operators++;
    }
    return parentheses > limit || operators > limit;
}

function endOfString(input: string, start: number): number {
    for (let i = start + 1; i < input.length; i++) {
        const code = input.charCodeAt(i);
        if (code === 92 /* \ */) i++;
        else if (code === 34) return i;
    }
    return input.length;
}

function isWordStart(code: number): boolean {
    return code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function endOfWord(input: string, start: number): number {
    let i = start + 1;
    while (i < input.length) {
        const code = input.charCodeAt(i);
        if (!(isWordStart(code) || (code >= 48 && code <= 57))) break;
        i++;
    }
    return i;
}
