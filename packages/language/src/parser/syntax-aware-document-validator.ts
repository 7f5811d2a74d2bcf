import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SYNTAX_ERROR_CODE } from '../validation/diagnostic-codes.js';
import { withoutFollowOnErrors } from './follow-on-errors.js';
import { suggestedKeyword } from './sla-parser-error-messages.js';
import { codeOnlyText } from '../lsp/code-only-text.js';
import type { QuickFix } from '../validation/quick-fix.js';
import { printsUnreadText } from './unread-text.js';

/**
 * Reports each broken line once: follow-on parser errors are left out (see
 * follow-on-errors.ts), and so are semantic diagnostics on a line that has a syntax error —
 * they describe the half-parsed text the parser recovered, not what the author wrote.
 * The lexer's and parser's diagnostics carry the code `sla/syntax-error`, in the editor as
 * in `sla validate` (Langium's own `data.code`, `parsing-error` or `lexing-error`, stays).
 * While the text has a syntax error, no semantic diagnostic may print a name or number the
 * parser could not read either (`speaksOfUnreadText`), wherever it stands.
 */
export class SyntaxAwareDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = withoutSwallowedBraceError(await super.validateDocument(document, options, cancelToken), document.textDocument.getText());
        const brokenLines = new Set<number>();
        for (const diagnostic of diagnostics) {
            if (isSyntaxError(diagnostic)) brokenLines.add(diagnostic.range.start.line);
        }
        if (brokenLines.size === 0) return diagnostics;
        return diagnostics.filter(diagnostic => isSyntaxError(diagnostic) || !brokenLines.has(diagnostic.range.start.line) && !speaksOfUnreadText(diagnostic));
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const from = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        codeSyntaxErrors(diagnostics, from);
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const from = diagnostics.length;
        super.processParsingErrors({ ...parseResult, parserErrors: withoutFollowOnErrors(parseResult.parserErrors, parseResult.lexerErrors.flatMap(error => error.line === undefined ? [] : [error.line])) }, diagnostics, options);
        codeSyntaxErrors(diagnostics, from);
        for (let i = from; i < diagnostics.length; i++) offerSuggestedKeyword(diagnostics[i]!);
    }
}

/**
 * A check's message that prints a name, number or date the parser could not read (see
 * unread-text.ts). Only the checks' own (an `sla/` code): a check's exception, "An error occurred
 * during validation: TypeError: … of undefined", is a bug to see, never a message to drop.
 */
function speaksOfUnreadText(diagnostic: Diagnostic): boolean {
    return String(diagnostic.code ?? '').startsWith('sla/') && printsUnreadText(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);
}

/**
 * A parser error that names the keyword a misspelt word was probably meant to be (`objectiv` → `Did you
 * mean 'objective'?`) offers writing it, as the checks' "Did you mean" diagnostics do. The error's range
 * is the misspelt word (a word: nothing else gets a suggestion).
 */
function offerSuggestedKeyword(diagnostic: Diagnostic): void {
    const keyword = typeof diagnostic.message === 'string' ? suggestedKeyword(diagnostic.message) : undefined;
    if (keyword === undefined || typeof diagnostic.data !== 'object' || diagnostic.data === null) return;
    const fixes: QuickFix[] = [{ title: `Write '${keyword}'`, edits: [{ range: diagnostic.range, newText: keyword }], preferred: true }];
    diagnostic.data = { ...(diagnostic.data as object), fixes };
}

/**
 * After an unexpected word in the agreement (`objectiv Latency <= …`), the parser's recovery skips
 * ahead and may swallow the agreement's closing brace, then reports the end of the file as a second
 * error ("Unexpected end of the file in the agreement…"), far from the line to fix. When the text's
 * braces balance, no brace is missing: that error is the first one's follow-on and is dropped. A
 * brace really missing (they do not balance) keeps it, as does an end-of-file error alone.
 */
function withoutSwallowedBraceError(diagnostics: Diagnostic[], text: string): Diagnostic[] {
    const parsing = diagnostics.filter(diagnostic => (diagnostic.data as { code?: string } | undefined)?.code === DocumentValidator.ParsingError);
    if (parsing.length < 2) return diagnostics;
    const code = codeOnlyText(text);
    const lastCode = code.trimEnd();
    const end = positionAt(lastCode, lastCode.length);
    const atEnd = (diagnostic: Diagnostic): boolean => diagnostic.range.start.line === end.line && diagnostic.range.start.character === end.character
        && diagnostic.range.end.line === end.line && diagnostic.range.end.character === end.character;
    const swallowed = parsing.slice(1).filter(atEnd);
    if (swallowed.length === 0 || count(code, '{') !== count(code, '}')) return diagnostics;
    return diagnostics.filter(diagnostic => !swallowed.includes(diagnostic));
}

function count(text: string, character: string): number {
    let found = 0;
    for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) found++;
    return found;
}

/** The line and character of an offset (lines end at \n, \r\n or \r, as the editor counts them). */
function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** The diagnostics from `from` on came from the lexer or the parser, which give no code. */
function codeSyntaxErrors(diagnostics: Diagnostic[], from: number): void {
    for (let i = from; i < diagnostics.length; i++) diagnostics[i]!.code ??= SYNTAX_ERROR_CODE;
}

function isSyntaxError(diagnostic: Diagnostic): boolean {
    const code = (diagnostic.data as { code?: string } | undefined)?.code;
    return code === DocumentValidator.ParsingError || code === DocumentValidator.LexingError;
}
