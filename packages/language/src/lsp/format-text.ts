/**
 * The editor's formatter (SlaFormatter) on a text, outside an editor: what `sla format`
 * runs. A text with syntax errors is not formatted: the formatter works on the parse
 * tree, and a tree the parser had to repair does not say where the author's words are,
 * so rewriting it could move or lose them. The errors are returned instead.
 */
import { EmptyFileSystem, TextDocument, URI } from 'langium';
import { createSlaServices, type SlaServices } from '../sla-module.js';
import { lineEndingOf, withLineEndings } from './line-endings.js';

export interface SyntaxProblem {
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
    message: string;
}

export type FormatTextResult =
    | { ok: true; text: string }
    | { ok: false; syntaxErrors: SyntaxProblem[] };

/** The indentation of the language server's default (docs/editors.md): four spaces. */
const OPTIONS = { tabSize: 4, insertSpaces: true };

let services: SlaServices | undefined;
let counter = 0;

export async function formatSlaText(text: string): Promise<FormatTextResult> {
    services ??= createSlaServices(EmptyFileSystem).Sla;
    const uri = URI.parse(`memory:///format-${++counter}.sla`);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    const { lexerErrors, parserErrors } = document.parseResult;
    if (lexerErrors.length + parserErrors.length > 0) {
        const syntaxErrors: SyntaxProblem[] = [
            ...lexerErrors.map(error => ({ line: error.line ?? 1, column: error.column ?? 1, message: error.message })),
            ...parserErrors.map(error => ({
                line: (error.token.startLine ?? 0) > 0 ? error.token.startLine! : lastLine(text),
                column: (error.token.startColumn ?? 0) > 0 ? error.token.startColumn! : 1,
                message: error.message
            }))
        ];
        return { ok: false, syntaxErrors: syntaxErrors.sort((a, b) => a.line - b.line || a.column - b.column) };
    }
    const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: uri.toString() }, options: OPTIONS });
    // The formatter writes its line breaks in the file's style; those it leaves (inside a formula, a comment) follow it
    // too, so that a file with a few LF lines among CRLF ones comes out all CRLF.
    const formatted = withLineEndings(TextDocument.applyEdits(document.textDocument, edits), lineEndingOf(text));
    // Layout only: the words (and comments) must be those of the input, in its order. A block
    // comment of several lines is moved as a whole (SlaFormatter), so the indentation of its
    // later lines may change: it is left out of the comparison, the rest of their text is not.
    if (words(services, formatted) !== words(services, text)) {
        throw new Error('the formatter changed more than whitespace; the file was left as it was (please report this with the file)');
    }
    return { ok: true, text: formatted };
}

function words(sla: SlaServices, text: string): string {
    const result = sla.parser.Lexer.tokenize(text);
    const hidden = (result as { hidden?: Array<{ image: string; tokenType: { name: string } }> }).hidden ?? [];
    const comments = hidden.filter(token => token.tokenType.name !== 'WS').map(token => token.image.replace(/(\r\n|\r|\n)[ \t]*/g, '\n'));
    return JSON.stringify([result.tokens.map(token => token.image), comments]);
}

/** An error at the end of the text (a missing `}`) has no token position: it is on the last line. */
function lastLine(text: string): number {
    return text.split(/\r\n|\r|\n/).length;
}
