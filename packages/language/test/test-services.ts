import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Document } from '../src/generated/ast.js';
import { createSlaServices } from '../src/sla-module.js';

/** One set of services for a test file, with parse helpers and document cleanup. */
export function createTestServices() {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const parseDocument = parseHelper<Document>(services);
    return {
        services,
        /** Parses and links (no validation). */
        parse: (text: string, options?: { documentUri?: string }) => parseDocument(text, { documentUri: options?.documentUri }),
        /** Parses, links and validates. */
        validate: (text: string, options?: { documentUri?: string }) => parseDocument(text, { validation: true, documentUri: options?.documentUri }),
        clear: () => clearDocuments(services)
    };
}

/** Lexer and parser errors as `line:column message` (1-based), for readable assertions. */
export function syntaxErrors(document: LangiumDocument): string[] {
    const lexer = document.parseResult.lexerErrors.map(e => `${e.line}:${e.column} ${e.message}`);
    const parser = document.parseResult.parserErrors.map(e => `${e.token.startLine}:${e.token.startColumn} ${e.message}`);
    return [...lexer, ...parser];
}

/** Linking errors (unresolved references) of a built document. */
export function linkingErrors(document: LangiumDocument): string[] {
    const errors: string[] = [];
    for (const reference of document.references) {
        if (reference.error) errors.push(reference.error.message);
    }
    return errors;
}

/** Wraps members in a minimal agreement with a time zone, for focused tests. */
export function agreement(body: string): string {
    return `agreement Test "Test agreement" {\n    timezone "UTC"\n${body}\n}\n`;
}
