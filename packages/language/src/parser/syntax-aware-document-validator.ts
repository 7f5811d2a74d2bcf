import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ParseResult, type ValidationOptions } from 'langium';
import type { Cancellation } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SYNTAX_ERROR_CODE } from '../validation/diagnostic-codes.js';
import { withoutFollowOnErrors } from './follow-on-errors.js';

/**
 * Reports each broken line once: follow-on parser errors are left out (see
 * follow-on-errors.ts), and so are semantic diagnostics on a line that has a syntax error —
 * they describe the half-parsed text the parser recovered, not what the author wrote.
 * The lexer's and parser's diagnostics carry the code `sla/syntax-error`, in the editor as
 * in `sla validate` (Langium's own `data.code`, `parsing-error` or `lexing-error`, stays).
 */
export class SyntaxAwareDocumentValidator extends DefaultDocumentValidator {
    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const brokenLines = new Set<number>();
        for (const diagnostic of diagnostics) {
            if (isSyntaxError(diagnostic)) brokenLines.add(diagnostic.range.start.line);
        }
        if (brokenLines.size === 0) return diagnostics;
        return diagnostics.filter(diagnostic => isSyntaxError(diagnostic) || !brokenLines.has(diagnostic.range.start.line));
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
    }
}

/** The diagnostics from `from` on came from the lexer or the parser, which give no code. */
function codeSyntaxErrors(diagnostics: Diagnostic[], from: number): void {
    for (let i = from; i < diagnostics.length; i++) diagnostics[i]!.code ??= SYNTAX_ERROR_CODE;
}

function isSyntaxError(diagnostic: Diagnostic): boolean {
    const code = (diagnostic.data as { code?: string } | undefined)?.code;
    return code === DocumentValidator.ParsingError || code === DocumentValidator.LexingError;
}
