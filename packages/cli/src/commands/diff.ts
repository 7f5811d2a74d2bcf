import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { LangiumDocument } from 'langium';
import type { diffTotals, DiffChange, DiffReport, SlaServices, WorkspaceDiff } from '@sla/language';
import { allowedDataFolders } from '../data-folders.js';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { cliSlaServices } from '../sla-services.js';

interface DiffOptions {
    base?: string;
    format: 'text' | 'json' | 'markdown';
    agreement?: string;
}

/**
 * `sla diff <before> <after>` or `sla diff --base REV [paths…]`: what a new version of the
 * agreements changes — each promise tightened, loosened, replaced, added or removed, from the
 * customer's side; a client agreement as resolved from its template, so a catalogue change
 * shows in every client it reaches. Exit 1 when a promise is loosened or removed (a review gate
 * for CI), 0 otherwise, 2 when it cannot run.
 */
export function registerDiffCommand(program: Command): void {
    program.command('diff')
        .description('Compare two versions of agreements (two files or folders, or the paths against a git revision with --base): promises tightened, loosened, replaced, added or removed; exit 1 when one is loosened or removed.')
        .argument('[paths...]', 'the old and the new file or folder; with --base, the files or folders to compare (default: .)')
        .option('--base <rev>', 'compare the paths with their versions at this git revision (a branch, a tag, a commit)')
        .addOption(new Option('--format <format>', 'output format (markdown: for a pull request comment)').choices(['text', 'json', 'markdown']).default('text'))
        .option('--agreement <name>', 'only this agreement (or template)')
        .action(async (paths: string[], options: DiffOptions) => {
            process.exitCode = await diff(paths, options);
        });
}

async function diff(paths: string[], options: DiffOptions): Promise<number> {
    const fail = (message: string): number => {
        process.stderr.write(`sla diff: ${message}\n`);
        return EXIT_BAD_INPUT;
    };
    if (options.base === undefined && paths.length !== 2) return fail('give the old and the new file or folder (sla diff old.sla new.sla), or --base REV to compare with a git revision.');
    const given = options.base === undefined ? paths : paths.length > 0 ? paths : ['.'];
    for (const entry of given) {
        try {
            await fs.stat(entry);
        } catch {
            return fail(`no such file or folder: ${entry}`);
        }
    }
    let versions: Versions;
    try {
        versions = options.base === undefined ? twoPaths(paths[0]!, paths[1]!) : await atRevision(options.base, given);
    } catch (error) {
        return fail(error instanceof Error ? error.message : String(error));
    }
    try {
        const before = await load(versions.before, versions.beforeRoot, versions.beforeImports, false);
        const after = await load(versions.after, versions.afterRoot, versions.afterImports ?? (await allowedDataFolders(versions.after, [])).roots, true);
        // A client whose template is not found is compared as written: say so, not silently.
        for (const line of [...before.warnings, ...after.warnings]) process.stderr.write(`${line}\n`);
        const unparsable = [...before.problems, ...after.problems];
        if (unparsable.length > 0) {
            for (const line of unparsable) process.stderr.write(`${line}\n`);
            return fail('a file does not parse: fix its syntax errors first (sla validate).');
        }
        const { diffMarkdown, diffTotals, diffWorkspaces } = await import('@sla/language');
        const result = diffWorkspaces({ documents: before.documents, root: versions.beforeRoot }, { documents: after.documents, root: versions.afterRoot });
        const shown = options.agreement === undefined ? result : only(result, options.agreement, diffTotals);
        if (shown === undefined) return fail(`no agreement or template named ${options.agreement} in either version.`);
        const labels = { before: versions.beforeLabel, after: versions.afterLabel };
        const json: DiffReport = { schemaVersion: 1, ...labels, ...shown };
        process.stdout.write(options.format === 'json' ? `${JSON.stringify(json, null, 2)}\n`
            : options.format === 'markdown' ? diffMarkdown(shown, labels) : textOf(shown, labels));
        return shown.totals.loosening > 0 ? EXIT_FINDINGS : EXIT_OK;
    } finally {
        await versions.cleanUp();
    }
}

interface Versions {
    before: string[];
    after: string[];
    beforeRoot: string;
    afterRoot: string;
    beforeLabel: string;
    afterLabel: string;
    /** The folders imports may read: the old version's; the new one's (absent: the folders of the paths given, as for `sla validate`). */
    beforeImports: string[];
    afterImports?: string[];
    cleanUp(): Promise<void>;
}

/** `sla diff old new`: each a file or a folder; paths are shown relative to each. */
function twoPaths(before: string, after: string): Versions {
    const rootOf = (given: string): string => (given.endsWith('.sla') ? path.dirname(path.resolve(given)) : path.resolve(given));
    return { before: [before], after: [after], beforeRoot: rootOf(before), afterRoot: rootOf(after), beforeLabel: before, afterLabel: after, beforeImports: [rootOf(before)], cleanUp: async () => undefined };
}

/**
 * `--base REV`: the revision's .sla files copied (revision-files.ts); the paths given are
 * compared with the same paths there. A path that did not exist at REV has no old version.
 */
async function atRevision(revision: string, given: string[]): Promise<Versions> {
    const { revisionFiles } = await import('@sla/language/node');
    const copy = await revisionFiles(revision, process.cwd());
    const before: string[] = [];
    try {
        for (const entry of given) {
            const old = await copy.pathAt(path.resolve(entry));
            if (old !== undefined) before.push(old);
        }
    } catch (error) {
        await copy.remove();
        throw error;
    }
    // The repository is the project: imports anywhere in it are read, in both versions.
    return { before, after: given, beforeRoot: copy.folder, afterRoot: copy.top, beforeLabel: revision, afterLabel: 'working tree', beforeImports: [copy.folder], afterImports: [copy.top], cleanUp: copy.remove };
}

/** One version's documents, each in language services of its own (both versions hold the same names); imports read within `imports`. */
async function load(paths: string[], root: string, imports: string[], current: boolean): Promise<{ documents: LangiumDocument[]; problems: string[]; warnings: string[] }> {
    if (paths.length === 0) return { documents: [], problems: [], warnings: [] };
    const { createSlaServices, dataAccessOf, isAgreement, isDocument } = await import('@sla/language');
    const { loadSlaFiles, SlaNodeFileSystem } = await import('@sla/language/node');
    const services: SlaServices = current ? await cliSlaServices() : createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(services).roots = imports;
    const { documents } = await loadSlaFiles(paths, { services, validate: false });
    const problems: string[] = [];
    const warnings: string[] = [];
    for (const document of documents) {
        const file = path.relative(root, document.uri.fsPath) || document.uri.fsPath;
        const where = current ? path.relative(process.cwd(), document.uri.fsPath) || file : `${file} (old version)`;
        for (const error of document.parseResult.lexerErrors) problems.push(`${where}:${error.line ?? 1}:${error.column ?? 1}: error: ${error.message} [sla/syntax-error]`);
        for (const error of document.parseResult.parserErrors) problems.push(`${where}:${parserErrorPlace(error)}: error: ${error.message.replace(/\r?\n/g, ' ')} [sla/syntax-error]`);
        const parsed = document.parseResult.value;
        for (const agreement of isDocument(parsed) ? parsed.elements.filter(isAgreement) : []) {
            if (agreement.template === undefined || agreement.template.ref !== undefined) continue;
            const start = agreement.template.$refNode?.range.start;
            warnings.push(`${where}:${(start?.line ?? 0) + 1}:${(start?.character ?? 0) + 1}: warning: the template ${agreement.template.$refText} of ${agreement.name} is not found (an import missing, or outside the folders read): ${agreement.name} is compared as written`);
        }
    }
    return { documents, problems, warnings };
}

/** The diff of one agreement (or template) by name, with totals of it alone. */
function only(result: WorkspaceDiff, name: string, totalsOf: typeof diffTotals): WorkspaceDiff | undefined {
    const agreements = result.agreements.filter(agreement => agreement.agreement === name);
    return agreements.length === 0 ? undefined : { agreements, totals: totalsOf(agreements) };
}

/** Changed, added and removed agreements with their changes; unchanged ones are only counted. */
function textOf(result: WorkspaceDiff, labels: { before: string; after: string }): string {
    const lines: string[] = [];
    for (const agreement of result.agreements) {
        const name = `${agreement.template ? 'template ' : ''}${agreement.agreement} (${agreement.file})`;
        if (agreement.status === 'added') lines.push(`${name}: added`);
        else if (agreement.status === 'removed') lines.push(`${name}: removed${agreement.template ? '' : ' — every promise it made is gone'}`);
        else if (agreement.status === 'changed') {
            const loosening = agreement.changes.filter(change => change.loosens).length;
            lines.push(`${name}: ${agreement.changes.length} change(s)${loosening > 0 ? `, ${loosening} loosening a promise` : ''}`);
            const width = Math.max(...agreement.changes.map(change => change.member.length));
            for (const change of agreement.changes) lines.push(`  ${change.kind.padEnd(9)}  ${change.member.padEnd(width)}  ${change.text}${placeText(change)}`);
        }
        if (agreement.status !== 'unchanged') lines.push('');
    }
    const { compared, changed, added, removed, loosening } = result.totals;
    lines.push(`${labels.before} → ${labels.after}: ${compared} agreement(s) compared, ${changed} changed, ${added} added, ${removed} removed; ${loosening === 0 ? 'no promise loosened or removed' : `${loosening} agreement(s) with a promise loosened or removed`}.`);
    return `${lines.join('\n')}\n`;
}

function placeText(change: DiffChange): string {
    const place = change.at ?? change.was;
    if (!place) return '';
    return `  (${change.at ? '' : 'was '}${place.file}:${place.line}:${place.column})`;
}

/**
 * Where a syntax error is, 1-based, as `sla validate` says it (Langium's document validator): a
 * token the parser made up in recovery (the end of the file: no position, NaN or -1) is placed
 * just after the token before it.
 */
function parserErrorPlace(error: { token: { startLine?: number; startColumn?: number }; previousToken?: { endLine?: number; endColumn?: number } }): string {
    const valid = (value: number | undefined): value is number => value !== undefined && Number.isFinite(value) && value >= 1;
    if (valid(error.token.startLine) && valid(error.token.startColumn)) return `${error.token.startLine}:${error.token.startColumn}`;
    const previous = error.previousToken;
    if (previous && valid(previous.endLine) && valid(previous.endColumn)) return `${previous.endLine}:${previous.endColumn + 1}`;
    return '1:1';
}
