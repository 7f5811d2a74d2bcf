import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { compareDiagnostics, formatTextLine, toReported } from '../diagnostic-format.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import type { OpenSloObject } from '../openslo/openslo-document.js';
import { cliSlaServices } from '../sla-services.js';
import { replaceFileText } from '../replace-file.js';
import { outFileProblem, outFolderProblem } from '../out-path.js';
import { isSystemError, systemErrorReason } from '../system-error.js';

/** A YAML document an OpenSLO object was read from. */
interface DocumentSource {
    file: string;
    document: import('yaml').Document;
    lineCounter: import('yaml').LineCounter;
}

/**
 * `sla export openslo <file> [--out DIR]` and `sla import openslo <file|dir> [--out FILE]`
 * (docs/cli.md, "OpenSLO"). Export writes one YAML file per object into DIR, or every
 * object as one multi-document YAML stream to stdout; what OpenSLO cannot say is listed
 * on stderr as warnings. Import writes the agreement to FILE or stdout.
 */
export function registerOpenSloCommands(program: Command): void {
    program.command('export')
        .description('Write an agreement in another format.')
        .command('openslo')
        .description('Write the objectives and internal targets as OpenSLO v1 documents (Service, SLO, SLI, DataSource); terms OpenSLO cannot say go in annotations and are listed as warnings.')
        .argument('<file>', 'the .sla file')
        .option('--out <dir>', 'write one YAML file per object into DIR instead of one YAML stream to stdout')
        .option('--agreement <name>', 'which agreement of the file to export (default: the first)')
        .action(async (file: string, options: { out?: string; agreement?: string }) => {
            process.exitCode = await exportCommand(file, options);
        });
    program.command('import')
        .description('Read an agreement from another format.')
        .command('openslo')
        .description('Write an .sla agreement from OpenSLO v1 documents made by sla export openslo (metric sources of type SLA).')
        .argument('<path>', 'a YAML file (one or more documents) or a folder of .yaml/.yml files')
        .option('--out <file>', 'write the agreement to FILE (never overwritten) instead of stdout')
        .action(async (input: string, options: { out?: string }) => {
            process.exitCode = await importCommand(input, options);
        });
}

async function exportCommand(file: string, options: { out?: string; agreement?: string }): Promise<number> {
    const fail = (message: string): number => {
        process.stderr.write(`sla export openslo: ${message}\n`);
        return EXIT_BAD_INPUT;
    };
    if (!await fs.stat(file).then(stat => stat.isFile(), () => false)) return fail(`no such file: ${file}`);
    // A file where the folder should be is said before any work, as `sla evaluate --out` says a folder.
    const outProblem = options.out === undefined ? undefined : await outFolderProblem(options.out, 'the OpenSLO documents', 'openslo');
    if (outProblem !== undefined) return fail(`${outProblem} Nothing was exported.`);
    const sla = await import('@sla/language');
    const { loadSlaFiles } = await import('@sla/language/node');
    const { documents } = await loadSlaFiles([file], { services: await cliSlaServices(), validate: true });
    const document = documents[0]!;
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).map(d => toReported(file, d)).sort(compareDiagnostics);
    if (errors.length > 0) {
        for (const error of errors) process.stderr.write(`${formatTextLine(error)}\n`);
        return fail(`${file} has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix them first (sla validate ${file}). Nothing was exported.`);
    }
    const root = document.parseResult.value;
    // A template is an offering, not an agreement: its client agreements are exported.
    const agreements = sla.isDocument(root) ? root.elements.filter(sla.isAgreement).filter(a => !a.isTemplate) : [];
    const agreement = options.agreement === undefined ? agreements[0] : agreements.find(a => a.name === options.agreement);
    if (!agreement) {
        return fail(options.agreement === undefined ? `${file} holds no agreement${sla.isDocument(root) && root.elements.some(sla.isAgreement) ? ' (only templates: export a client agreement of one)' : ''}.` : `${file} has no agreement '${options.agreement}'; it has: ${agreements.map(a => a.name).join(', ') || 'none'}.`);
    }
    const { exportOpenSlo } = await import('../openslo/export-openslo.js');
    const YAML = await import('yaml');
    // A client agreement is exported as it resolves (the template's members with the client's values), as evaluated.
    const client = agreement.template === undefined ? undefined : (await import('@sla/language')).resolveClient(agreement);
    const { objects, warnings } = exportOpenSlo(client?.agreement ?? agreement, sla, client?.template);
    const yaml = (object: OpenSloObject): string => YAML.stringify(object, { lineWidth: 0 });
    if (options.out !== undefined) {
        try {
            await fs.mkdir(options.out, { recursive: true });
            for (const object of objects) {
                const target = path.join(options.out, `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`);
                await replaceFileText(target, yaml(object));
            }
        } catch (error) {
            // What changed since the check, a folder not writable, a full disk.
            if (!isSystemError(error)) throw error;
            return fail(`the documents could not be written to ${options.out} (${error.code}: ${systemErrorReason(error)}). Give another --out folder.`);
        }
        process.stderr.write(`Wrote ${objects.length} OpenSLO documents to ${options.out}\n`);
    } else {
        process.stdout.write(objects.map(yaml).join('---\n'));
    }
    for (const warning of warnings) process.stderr.write(`sla export openslo: warning: ${warning}\n`);
    return EXIT_OK;
}

async function importCommand(input: string, options: { out?: string }): Promise<number> {
    const fail = (message: string): number => {
        process.stderr.write(`sla import openslo: ${message}\n`);
        return EXIT_BAD_INPUT;
    };
    const stat = await fs.stat(input).catch(() => undefined);
    if (!stat) return fail(`no such file or folder: ${input}`);
    const files = stat.isDirectory()
        ? (await fs.readdir(input)).filter(name => /\.ya?ml$/.test(name)).sort().map(name => path.join(input, name))
        : [input];
    if (files.length === 0) return fail(`no .yaml or .yml files in ${input}`);
    if (options.out !== undefined) {
        // Never overwritten; a folder, or a path under a file, is said as `sla evaluate --out` says it.
        if (await fs.lstat(options.out).then(stat => !stat.isDirectory(), () => false)) return fail(`${options.out} exists; it is not overwritten. Choose another --out.`);
        const problem = await outFileProblem(options.out, 'the agreement', 'imported.sla');
        if (problem !== undefined) return fail(`${problem} Nothing was imported.`);
    }
    const YAML = await import('yaml');
    const objects: OpenSloObject[] = [];
    // Where each object was read: a problem with it is reported at its file, line and column.
    const sources = new Map<OpenSloObject, DocumentSource>();
    for (const file of files) {
        const text = await fs.readFile(file, 'utf8');
        const lineCounter = new YAML.LineCounter();
        for (const document of YAML.parseAllDocuments(text, { lineCounter })) {
            if (document.errors.length > 0) {
                for (const error of document.errors) {
                    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
                    process.stderr.write(`${file}:${line}:${column}: error: ${error.message.split('\n')[0]}\n`);
                }
                return fail(`${file} is not valid YAML. Nothing was imported.`);
            }
            const object = document.toJS() as OpenSloObject | null;
            if (object === null) continue;
            if (object.apiVersion !== 'openslo/v1' || typeof object.kind !== 'string' || typeof object.metadata?.name !== 'string') {
                const { line, col } = lineCounter.linePos(document.contents?.range?.[0] ?? 0);
                return fail(`${file}:${line}:${col}: a document that is not an OpenSLO v1 object (apiVersion openslo/v1, kind, metadata.name). Nothing was imported.`);
            }
            objects.push(object);
            sources.set(object, { file, document, lineCounter });
        }
    }
    const { importOpenSlo, OpenSloImportError } = await import('../openslo/import-openslo.js');
    const { formulaChecker } = await import('../openslo/formula-check.js');
    let result: { text: string; warnings: string[] };
    try {
        result = importOpenSlo(objects, path.basename(input).replace(/\.ya?ml$/, ''), { formulaProblem: formulaChecker(await cliSlaServices()) });
    } catch (error) {
        if (!(error instanceof OpenSloImportError)) throw error;
        for (const problem of error.problems) {
            const source = problem.at === undefined ? undefined : sources.get(problem.at.object);
            process.stderr.write(source === undefined ? `sla import openslo: ${problem.message}\n` : `${placeOf(source, problem.at!.path)}: error: ${problem.message}\n`);
        }
        return fail('nothing was imported.');
    }
    const { formatSlaText } = await import('@sla/language');
    const formatted = await formatSlaText(result.text);
    if (!formatted.ok) {
        // What the annotations carry (a credit, a clause) is written as it is: an agreement that does not parse is not written.
        const written = result.text.split('\n');
        for (const error of formatted.syntaxErrors) {
            process.stderr.write(`sla import openslo: the agreement would not parse at its line ${error.line}, '${(written[error.line - 1] ?? '').trim()}': ${error.message}\n`);
        }
        return fail('correct the document that line comes from (an sla-language/ annotation holds SLA text as written). Nothing was imported.');
    }
    const text = formatted.text;
    if (options.out !== undefined) {
        try {
            await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
            await fs.writeFile(options.out, text, { encoding: 'utf8', flag: 'wx' });
        } catch (error) {
            if (!isSystemError(error)) throw error;
            return fail(`the agreement could not be written to ${options.out} (${error.code}: ${systemErrorReason(error)}). Give another --out path.`);
        }
        process.stderr.write(`Wrote ${options.out}\n`);
    } else {
        process.stdout.write(text);
    }
    for (const warning of result.warnings) process.stderr.write(`sla import openslo: warning: ${warning}\n`);
    return EXIT_OK;
}

/**
 * `slo.yaml:12:5`: where the key at `keys` is (its name), or the deepest of them the document
 * has (the map a missing key belongs in).
 */
function placeOf(source: DocumentSource, keys: Array<string | number>): string {
    let node: unknown = source.document.contents;
    let offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
    for (const key of keys) {
        const items = (node as { items?: unknown[] } | null)?.items;
        if (!Array.isArray(items)) break;
        if (typeof key === 'number') {
            node = items[key];
            const range = (node as { range?: [number] } | undefined)?.range;
            if (range === undefined) break;
            offset = range[0];
            continue;
        }
        const pair = items.find(item => ((item as { key?: { value?: unknown } }).key?.value ?? (item as { key?: unknown }).key) === key) as { key?: { range?: [number] }; value?: unknown } | undefined;
        if (pair === undefined) break;
        offset = pair.key?.range?.[0] ?? offset;
        node = pair.value;
    }
    const { line, col } = source.lineCounter.linePos(offset);
    return `${source.file}:${line}:${col}`;
}
