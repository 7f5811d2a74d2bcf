import { TextDocument } from 'langium';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';

/**
 * An open document's text as the editor changes it. vscode-languageserver-textdocument makes
 * a new string of the whole text at every change: on a 5,000-line file, 200 KB per keystroke,
 * 400 MB of garbage in a burst of 2,000 edits, collected while the hovers of that burst wait.
 * Here a change within one line (no line break in or out) only replaces that line's text, and
 * the whole text is put together again when someone reads it (once per build or request, not
 * per change). Offsets stay exact meanwhile: each line's start moves by what the changed lines
 * above it grew, kept in a Fenwick tree (O(log lines) per change and per offset). Any other
 * change puts the text together first and is applied by the library, as before.
 */
export class LineEditedTextDocument implements TextDocument {
    /** The text as last put together. */
    private base: TextDocument;
    /** Lines changed since, by number: their text now, with their line break. */
    private readonly changedLines = new Map<number, string>();
    /** Per line (1-based, Fenwick), how much longer it is than in `base`. */
    private growth: Float64Array;
    private currentVersion: number;

    constructor(uri: string, languageId: string, version: number, content: string) {
        this.base = TextDocument.create(uri, languageId, version, content);
        this.currentVersion = version;
        this.growth = new Float64Array(this.base.lineCount + 1);
    }

    get uri(): string {
        return this.base.uri;
    }

    get languageId(): string {
        return this.base.languageId;
    }

    get version(): number {
        return this.currentVersion;
    }

    /** Changes within one line keep the number of lines. */
    get lineCount(): number {
        return this.base.lineCount;
    }

    getText(range?: Range): string {
        return this.joined().getText(range);
    }

    positionAt(offset: number): Position {
        return this.joined().positionAt(offset);
    }

    getLineRange(line: number): Range {
        return this.joined().getLineRange(line);
    }

    getEOLCharacters(line: number): string {
        return this.joined().getEOLCharacters(line);
    }

    offsetAt(position: Position): number {
        if (this.changedLines.size === 0) return this.base.offsetAt(position);
        if (position.line < 0) return 0;
        if (position.line >= this.base.lineCount) return this.base.getText().length + this.grownBefore(this.base.lineCount);
        const start = this.base.offsetAt({ line: position.line, character: 0 }) + this.grownBefore(position.line);
        // As the library: a column past the line's end is its end (before the line break).
        return start + Math.min(Math.max(position.character, 0), contentLength(this.lineText(position.line)));
    }

    /** The text of line `line` now, with its line break (if any). */
    lineText(line: number): string {
        const changed = this.changedLines.get(line);
        if (changed !== undefined) return changed;
        const from = this.base.offsetAt({ line, character: 0 });
        const to = line + 1 < this.base.lineCount ? this.base.offsetAt({ line: line + 1, character: 0 }) : this.base.getText().length;
        return this.base.getText().slice(from, to);
    }

    /** Applies the editor's changes, in order, and takes the new version. */
    update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
        for (const change of changes) {
            if ('range' in change && this.withinOneLine(change.range, change.text)) {
                // The library accepts a range given end first.
                const [from, to] = change.range.start.character <= change.range.end.character
                    ? [change.range.start.character, change.range.end.character] : [change.range.end.character, change.range.start.character];
                const line = change.range.start.line;
                const text = this.lineText(line);
                const length = contentLength(text);
                const start = Math.min(Math.max(from, 0), length);
                const end = Math.min(Math.max(to, 0), length);
                const changed = text.slice(0, start) + change.text + text.slice(end);
                // A line left empty after one that ends in CR: its LF joins that CR (one line fewer).
                if (!(changed.charCodeAt(0) === 10 && line > 0 && this.lineText(line - 1).endsWith('\r'))) {
                    this.changedLines.set(line, changed);
                    this.grow(line, changed.length - text.length);
                    continue;
                }
            }
            TextDocument.update(this.joined(), [change], version);
            this.growth = new Float64Array(this.base.lineCount + 1);
        }
        this.currentVersion = version;
    }

    private withinOneLine(range: Range, text: string): boolean {
        return range.start.line === range.end.line && range.start.line >= 0 && range.start.line < this.base.lineCount && !/[\r\n]/.test(text);
    }

    /** The text with every changed line in place (put together once, when read). */
    private joined(): TextDocument {
        if (this.changedLines.size === 0) return this.base;
        const text = this.base.getText();
        const pieces: string[] = [];
        let copied = 0;
        for (const line of [...this.changedLines.keys()].sort((a, b) => a - b)) {
            const from = this.base.offsetAt({ line, character: 0 });
            const to = line + 1 < this.base.lineCount ? this.base.offsetAt({ line: line + 1, character: 0 }) : text.length;
            pieces.push(text.slice(copied, from), this.changedLines.get(line)!);
            copied = to;
        }
        pieces.push(text.slice(copied));
        this.base = TextDocument.create(this.base.uri, this.base.languageId, this.currentVersion, pieces.join(''));
        this.changedLines.clear();
        this.growth = new Float64Array(this.base.lineCount + 1);
        return this.base;
    }

    /** How much longer lines `0 … line - 1` are than in `base`. */
    private grownBefore(line: number): number {
        let sum = 0;
        for (let i = line; i > 0; i -= i & -i) sum += this.growth[i]!;
        return sum;
    }

    private grow(line: number, by: number): void {
        if (by === 0) return;
        for (let i = line + 1; i < this.growth.length; i += i & -i) this.growth[i]! += by;
    }
}

/** A line's length without its line break. */
function contentLength(line: string): number {
    let length = line.length;
    while (length > 0 && (line.charCodeAt(length - 1) === 10 || line.charCodeAt(length - 1) === 13)) length--;
    return length;
}
