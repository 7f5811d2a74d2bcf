/**
 * Reads the expectations written into a diagnostics corpus file (see corpus.test.ts for the
 * notation) and the ranges it marks with «…».
 */

/** A marked range, 0-based as LSP ranges are, in the text with the markers removed. */
export interface MarkedRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface Expectation {
    /** 1-based line the diagnostic starts on. */
    line: number;
    code: string;
    severity?: string;
    /** A part of the message the diagnostic must contain. */
    message?: string;
    /** The exact range, when the line marks one (or the item names one with `@N`). */
    range?: MarkedRange;
}

export interface CorpusText {
    /** The text the validator sees: the file without its «» markers. */
    text: string;
    expectations: Expectation[];
}

const OPEN = '«';
const CLOSE = '»';

/** Strips the «» markers and reads every `// expect:` comment; throws on a malformed one. */
export function readCorpusText(source: string): CorpusText {
    const { text, ranges } = stripMarkers(source);
    const rangesByLine = new Map<number, MarkedRange[]>();
    for (const range of ranges) {
        const line = range.start.line + 1;
        rangesByLine.set(line, [...(rangesByLine.get(line) ?? []), range]);
    }
    const expectations: Expectation[] = [];
    text.split(/\r?\n/).forEach((lineText, index) => {
        const match = /\/\/\s*expect(-next-line)?:\s*(.*)$/.exec(lineText);
        if (!match) return;
        const line = index + 1 + (match[1] ? 1 : 0);
        const marked = rangesByLine.get(line) ?? [];
        for (const item of splitItems(match[2])) {
            expectations.push(parseItem(item, line, marked));
        }
    });
    return { text, expectations };
}

/** One item: `code[:severity] [@N] ["part of the message"]`. */
function parseItem(item: string, line: number, marked: MarkedRange[]): Expectation {
    const parsed = /^(\S+?)(?::(\w+))?(?:\s+@(\d+))?(?:\s+"((?:[^"\\]|\\.)*)")?$/.exec(item.trim());
    if (!parsed) throw new Error(`line ${line}: cannot read the expectation '${item}' (write code[:severity] [@N] ["message part"])`);
    const [, code, severity, rangeNumber, message] = parsed;
    let range: MarkedRange | undefined;
    if (rangeNumber !== undefined) {
        range = marked[Number(rangeNumber) - 1];
        if (!range) throw new Error(`line ${line}: '${item}' names range @${rangeNumber}, but the line marks ${marked.length}`);
    } else if (marked.length === 1) {
        range = marked[0];
    } else if (marked.length > 1) {
        throw new Error(`line ${line}: the line marks ${marked.length} ranges; say which one '${item}' means with @N`);
    }
    return { line, code, severity, message: message?.replace(/\\(.)/g, '$1'), range };
}

/** Splits at commas outside quotes. */
function splitItems(list: string): string[] {
    const items: string[] = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < list.length; i++) {
        const char = list[i];
        if (char === '\\' && quoted) {
            current += char + (list[++i] ?? '');
            continue;
        }
        if (char === '"') quoted = !quoted;
        if (char === ',' && !quoted) {
            items.push(current);
            current = '';
        } else {
            current += char;
        }
    }
    items.push(current);
    return items.map(item => item.trim()).filter(Boolean);
}

function stripMarkers(source: string): { text: string; ranges: MarkedRange[] } {
    const ranges: MarkedRange[] = [];
    const open: Array<{ line: number; character: number }> = [];
    let text = '';
    let line = 0;
    let character = 0;
    for (const char of source) {
        if (char === OPEN) {
            open.push({ line, character });
            continue;
        }
        if (char === CLOSE) {
            const start = open.pop();
            if (!start) throw new Error(`line ${line + 1}: '${CLOSE}' without '${OPEN}'`);
            ranges.push({ start, end: { line, character } });
            continue;
        }
        text += char;
        if (char === '\n') {
            line++;
            character = 0;
        } else {
            character += char.length; // UTF-16 code units, as LSP positions count
        }
    }
    if (open.length > 0) throw new Error(`line ${open[0].line + 1}: '${OPEN}' is never closed`);
    ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    return { text, ranges };
}
