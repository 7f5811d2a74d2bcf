/**
 * The borders of src/internals/ (see its README.md), checked on the source text:
 * - validation and the incremental update do not import each other: they meet in
 *   workspace/diagnostic-reuse.ts;
 * - model/, types/, explain/ and evaluation/ import neither validation/ nor lsp/, and
 *   validation/ imports neither explain/ nor lsp/ (docs/architecture.md);
 * - only internals/langium-private.ts names Langium's private members or casts through
 *   `unknown`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const SRC = join(__dirname, '../../src');

function sourceFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap(entry => {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
        return entry.name.endsWith('.ts') ? [path] : [];
    });
}

/** The files of src/ a file imports, relative to src/ (`validation/formulas.ts`). */
function importsOf(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(match => match[1]!);
    return specifiers.filter(specifier => specifier.startsWith('.'))
        .map(specifier => relative(SRC, resolve(dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC).map(file => ({ file, path: relative(SRC, file), imports: importsOf(file) }));
const under = (folder: string) => files.filter(({ path }) => path.startsWith(folder));
const crossings = (from: string, to: string) => under(from).flatMap(({ path, imports }) =>
    imports.filter(target => target.startsWith(to)).map(target => `${path} imports ${target}`));

describe('import directions', () => {
    test('the checks see the imports (a file that is known to import)', () => {
        expect(files.find(({ path }) => path === 'sla-module.ts')?.imports).toContain('internals/parser/sla-langium-parser.ts');
    });

    test('validation imports nothing of the internals', () => {
        expect(crossings('validation/', 'internals/')).toEqual([]);
    });

    test('the incremental update imports nothing of validation', () => {
        expect(crossings('internals/incremental/', 'validation/')).toEqual([]);
    });

    test('the shared layers (model, types, explain, evaluation) import neither validation nor the LSP features', () => {
        // docs/architecture.md: validation, explain and evaluation share helpers through model/ and types/.
        const layers = ['model/', 'types/', 'explain/', 'evaluation/'];
        expect(layers.flatMap(layer => [...crossings(layer, 'validation/'), ...crossings(layer, 'lsp/')])).toEqual([]);
    });

    test('validation imports neither explain nor the LSP features', () => {
        expect([...crossings('validation/', 'explain/'), ...crossings('validation/', 'lsp/')]).toEqual([]);
    });

    test('the parser internals import nothing of the incremental update or of validation', () => {
        expect([...crossings('internals/parser/', 'internals/incremental/'), ...crossings('internals/parser/', 'validation/')]).toEqual([]);
    });
});

describe('the adapter is the only file that names Langium internals', () => {
    // The private and protected-internal members in internals/langium-private.ts's list.
    const PRIVATE_NAMES = /\b(_text|_astNode|_rangeCache|_ref|_nodeDescription|nodeBuilder|doLink|referenceIndex|buildState|currentState|notifyDocumentPhase|notifyBuildPhase|emitUpdate|prepareBuild|markAsCompleted|textDocuments)\b|as unknown as/;

    test('no other source file does', () => {
        const offenders = files.filter(({ path }) => path !== 'internals/langium-private.ts')
            .flatMap(({ file, path }) => readFileSync(file, 'utf8').split('\n')
                .map((line, i) => PRIVATE_NAMES.test(line) ? `${path}:${i + 1}: ${line.trim()}` : undefined)
                .filter((line): line is string => line !== undefined));
        expect(offenders).toEqual([]);
    });

    test('the adapter does (the pattern finds what it looks for)', () => {
        expect(PRIVATE_NAMES.test(readFileSync(join(SRC, 'internals/langium-private.ts'), 'utf8'))).toBe(true);
    });
});
