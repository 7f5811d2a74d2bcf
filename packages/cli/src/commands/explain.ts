import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import { cliSlaServices } from '../sla-services.js';
import { replaceFileText } from '../replace-file.js';
import { outFileProblem } from '../out-path.js';
import { isSystemError, systemErrorReason } from '../system-error.js';

/**
 * `sla explain <file> [--out PATH]`: the agreement in plain-language Markdown, from the same
 * renderer as the editor's hovers. A file that does not parse cannot be explained (exit 2);
 * other problems are explained as written (ambiguities are said so in the text) and counted on stderr.
 */
export function registerExplainCommand(program: Command): void {
    program.command('explain')
        .description('Write the agreement in plain language (Markdown): parties, validity, promises, credits, glossary.')
        .argument('<file>', 'the .sla file')
        .option('--out <path>', 'write the Markdown to this file instead of stdout')
        .action(async (file: string, options: { out?: string }) => {
            process.exitCode = await explain(file, options.out);
        });
}

async function explain(file: string, out: string | undefined): Promise<number> {
    try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) throw new Error('not a file');
    } catch {
        process.stderr.write(`sla explain: cannot read ${file}\n`);
        return EXIT_BAD_INPUT;
    }
    // As `sla evaluate --out`: a folder, a read-only file or a path under a file is said before any work.
    if (out !== undefined) {
        const problem = await outFileProblem(out, 'the explanation', `${path.basename(file).replace(/\.sla$/, '')}.md`);
        if (problem !== undefined) {
            process.stderr.write(`sla explain: ${problem} Nothing was written.\n`);
            return EXIT_BAD_INPUT;
        }
    }
    // Loaded here, not at the top: `sla` loads only what the command it runs needs.
    const { explainDocument, isDocument } = await import('@sla/language');
    const { loadSlaFiles } = await import('@sla/language/node');
    const { services, documents } = await loadSlaFiles([file], { services: await cliSlaServices(), validate: true });
    const document = documents[0];
    const root = document?.parseResult.value;
    if (!document || !isDocument(root)) return EXIT_BAD_INPUT;
    const syntaxErrors = document.parseResult.lexerErrors.length + document.parseResult.parserErrors.length;
    if (syntaxErrors > 0) {
        process.stderr.write(`sla explain: ${file} has ${syntaxErrors} syntax error${syntaxErrors === 1 ? '' : 's'}; run 'sla validate ${file}'\n`);
        return EXIT_BAD_INPUT;
    }
    const errors = (document.diagnostics ?? []).filter(d => d.severity === 1).length;
    if (errors > 0) {
        process.stderr.write(`sla explain: ${file} has ${errors} error${errors === 1 ? '' : 's'}; the explanation shows the agreement as written. Run 'sla validate ${file}'.\n`);
    }
    const markdown = explainDocument(root, services.types.TypeComputer);
    if (out) {
        try {
            await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
            await replaceFileText(out, markdown);
        } catch (error) {
            // What changed since the check, or a full disk.
            if (!isSystemError(error)) throw error;
            process.stderr.write(`sla explain: the explanation could not be written to ${out} (${error.code}: ${systemErrorReason(error)}); nothing was written there. Give another --out path.\n`);
            return EXIT_BAD_INPUT;
        }
    } else {
        process.stdout.write(markdown);
    }
    return EXIT_OK;
}
