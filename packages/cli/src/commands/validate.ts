import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { ConfigError, loadConfig, parseTermList } from '../config.js';
import { allowedDataFolders } from '../data-folders.js';
import { projectConnections } from '../connections.js';
import { compareDiagnostics, formatSummary, formatTextLine, toReported, type ValidateReport } from '../diagnostic-format.js';
import { EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { codeQualityReport } from '../code-quality-report.js';
import { sarifLog } from '../sarif-log.js';
import { cliSlaServices } from '../sla-services.js';

interface ValidateOptions {
    format: 'text' | 'json' | 'sarif' | 'codequality';
    vagueTerms?: string;
    allowDataOutside: string[];
}

export function registerValidateCommand(program: Command): void {
    program.command('validate')
        .description('Check agreements for ambiguity and measurability; prints file:line:column: severity: message [code].')
        .argument('<paths...>', '.sla files, or folders searched for .sla files')
        .addOption(new Option('--format <format>', 'output format (sarif: a SARIF 2.1.0 log, for code scanning; codequality: a GitLab Code Quality report)').choices(['text', 'json', 'sarif', 'codequality']).default('text'))
        .option('--vague-terms <terms>', 'comma-separated words to flag as vague, in addition to the built-in list and .slarc.json')
        .option('--allow-data-outside <dir>', 'let dataset and import paths read files in DIR too, outside the folder of the files given (repeatable)', collectFolders, [])
        .action(async (paths: string[], options: ValidateOptions) => {
            process.exitCode = await validate(paths, options);
        });
}

async function validate(paths: string[], options: ValidateOptions): Promise<number> {
    for (const given of paths) {
        try {
            await fs.stat(given);
        } catch {
            process.stderr.write(`sla validate: no such file or folder: ${given}\n`);
            return EXIT_BAD_INPUT;
        }
    }
    let vagueTerms: string[];
    let dataFolders: { roots: string[]; extra: string[] };
    try {
        vagueTerms = [...(await loadConfig(paths)).vagueTerms, ...(options.vagueTerms ? parseTermList(options.vagueTerms) : [])];
        dataFolders = await allowedDataFolders(paths, options.allowDataOutside);
    } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`sla validate: ${error.message}\n`);
        return EXIT_BAD_INPUT;
    }
    // Loaded here, not at the top: `sla` loads only what the command it runs needs.
    const { dataAccessOf, vagueTermsOf } = await import('@sla/language');
    const { loadSlaFiles } = await import('@sla/language/node');
    const services = await cliSlaServices();
    vagueTermsOf(services).extend(vagueTerms);
    dataAccessOf(services).roots = dataFolders.roots;
    dataAccessOf(services).extraFolders = dataFolders.extra;
    // The connections the project names (.slarc.json): a dataset's unknown connection is then an error (sla/connection-unknown).
    const connections = Object.keys(await projectConnections(paths, []).catch(() => ({})));
    if (connections.length > 0) dataAccessOf(services).connections = new Set(connections);
    const { documents, all } = await loadSlaFiles(paths, { services, validate: true });
    if (documents.length === 0) {
        process.stderr.write(`sla validate: no .sla files found in ${paths.join(', ')}\n`);
        return EXIT_BAD_INPUT;
    }
    // Imported files are checked too: a broken import breaks the agreement that uses it.
    const reported: ValidateReport = [];
    for (const document of all) {
        const file = path.relative(process.cwd(), document.uri.fsPath) || document.uri.fsPath;
        for (const diagnostic of document.diagnostics ?? []) reported.push(toReported(file, diagnostic));
    }
    reported.sort(compareDiagnostics);
    if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify(reported, null, 2)}\n`);
    } else if (options.format === 'codequality') {
        process.stdout.write(`${JSON.stringify(codeQualityReport(reported, process.cwd()), null, 2)}\n`);
    } else if (options.format === 'sarif') {
        const { DIAGNOSTIC_SEVERITY } = await import('@sla/language');
        process.stdout.write(`${JSON.stringify(sarifLog(reported, process.cwd(), DIAGNOSTIC_SEVERITY), null, 2)}\n`);
    } else {
        for (const diagnostic of reported) process.stdout.write(`${formatTextLine(diagnostic)}\n`);
        process.stdout.write(`${formatSummary(reported, all.length)}\n`);
    }
    return reported.some(d => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

function collectFolders(value: string, previous: string[]): string[] {
    return [...previous, value];
}
