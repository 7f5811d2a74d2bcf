import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { Report } from '@sla/engine';
import { ConfigError } from '../config.js';
import { allowedDataFolders } from '../data-folders.js';
import { EXIT_BAD_INPUT } from '../exit-codes.js';
import { createProgressReporter } from '../progress.js';

interface EvaluateCommandOptions {
    data: string[];
    dataEnd: string[];
    from?: string;
    to?: string;
    format: 'table' | 'json' | 'markdown' | 'html';
    out?: string;
    skipInvalid?: boolean;
    agreement?: string;
    now?: string;
    allowDataOutside: string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerEvaluateCommand(program: Command): void {
    program.command('evaluate')
        .description('Evaluate an agreement against its data: per window met or breached, error budget, credits owed.')
        .argument('<file>', 'the .sla file')
        .option('--data <name=path>', 'read dataset NAME from PATH instead of the declared file (repeatable)', collect, [])
        .option('--data-end <name=date>', 'the data of dataset NAME are complete through DATE (YYYY-MM-DD); windows after it have no data (repeatable; overrides its `complete to`)', collect, [])
        .option('--from <date>', 'first day to evaluate (YYYY-MM-DD, agreement time zone); default: start of validity')
        .option('--to <date>', 'last day to evaluate, inclusive; default: end of validity (never after today)')
        .addOption(new Option('--format <format>', 'report format').choices(['table', 'json', 'markdown', 'html']).default('table'))
        .option('--out <path>', 'write the report to a file instead of standard output')
        .option('--skip-invalid', 'skip rows with invalid values (they are counted and listed) instead of stopping')
        .option('--agreement <name>', 'which agreement of the file to evaluate (default: the first)')
        .option('--now <timestamp>', 'evaluate as if it were this instant (ISO-8601), for reproducible reports')
        .option('--allow-data-outside <dir>', 'let dataset and import paths read files in DIR too, outside the folder of the file given (repeatable)', collect, [])
        .action(async (file: string, options: EvaluateCommandOptions) => {
            process.exitCode = await evaluate(file, options);
        });
}

/** 2026-02-30 matches YYYY-MM-DD but is no day of the calendar. */
function isCalendarDate(text: string): boolean {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

async function evaluate(file: string, options: EvaluateCommandOptions): Promise<number> {
    const fail = (message: string) => {
        process.stderr.write(`sla evaluate: ${message}\n`);
        return EXIT_BAD_INPUT;
    };
    for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
        if (value !== undefined && !DATE.test(value)) return fail(`${flag} must be a date written YYYY-MM-DD, not '${value}'.`);
    }
    const dataOverrides: Record<string, string> = {};
    for (const entry of options.data) {
        const match = /^([^=]+)=(.+)$/.exec(entry);
        if (!match) return fail(`--data takes NAME=PATH (e.g. --data requests=exports/requests.csv), not '${entry}'.`);
        dataOverrides[match[1]] = path.resolve(match[2]);
    }
    const dataEnd: Record<string, string> = {};
    for (const entry of options.dataEnd) {
        const match = /^([^=]+)=(.*)$/.exec(entry);
        if (!match || !DATE.test(match[2]) || !isCalendarDate(match[2])) {
            return fail(`--data-end takes NAME=DATE with an existing date written YYYY-MM-DD (e.g. --data-end incidents=2026-03-31), not '${entry}'.`);
        }
        dataEnd[match[1]] = match[2];
    }
    let now: number | undefined;
    if (options.now !== undefined) {
        now = Date.parse(options.now);
        if (Number.isNaN(now)) return fail(`--now must be an ISO-8601 timestamp (e.g. 2026-04-01T00:00:00Z), not '${options.now}'.`);
    }
    try {
        await fs.access(file);
    } catch {
        return fail(`no such file: ${file}`);
    }

    // Loaded here, not at the top: `sla` loads only what the command it runs needs. A scan
    // worker starts first, so that its start-up overlaps loading the language services.
    const engine = await import('@sla/engine');
    engine.enableScanWorkers(new URL(import.meta.resolve('@sla/engine/scan-worker')), { warmUp: true });
    let dataFolders: { roots: string[]; extra: string[] };
    try {
        dataFolders = await allowedDataFolders([file], options.allowDataOutside);
    } catch (error) {
        if (error instanceof ConfigError) return fail(error.message);
        throw error;
    }
    const { createSlaServices, dataAccessOf, EvaluationInputError, evaluateDocument } = await import('@sla/language');
    const { loadSlaFiles, SlaNodeFileSystem } = await import('@sla/language/node');
    const slaServices = createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(slaServices).roots = dataFolders.roots;
    dataAccessOf(slaServices).extraFolders = dataFolders.extra;
    const { documents, services } = await loadSlaFiles([file], { services: slaServices, validate: true });
    const document = documents[0];
    const progress = await createProgressReporter();
    let report: Report;
    try {
        report = await evaluateDocument(document, services, {
            from: options.from, to: options.to, now, dataOverrides, dataEnd, skipInvalid: options.skipInvalid,
            agreement: options.agreement, onProgress: progress.update
        });
    } catch (error) {
        progress.stop();
        if (error instanceof EvaluationInputError) {
            for (const problem of error.problems) {
                process.stderr.write(`${path.relative(process.cwd(), problem.file) || problem.file}:${problem.line}:${problem.column}: error: ${problem.message}\n`);
            }
            // The problems carry the places; the message is repeated only when it adds something.
            const repeated = error.problems.some(problem => problem.message === error.message);
            return fail(repeated ? 'nothing was evaluated.' : `${error.message} Nothing was evaluated.`);
        }
        throw error;
    }
    progress.stop();

    const rendered = render(engine, report, options.format);
    if (options.out) {
        await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
        await fs.writeFile(options.out, rendered);
        process.stderr.write(`Report written to ${options.out}\n`);
    } else {
        process.stdout.write(rendered);
    }
    return engine.reportExitCode(report);
}

function render(engine: typeof import('@sla/engine'), report: Report, format: EvaluateCommandOptions['format']): string {
    switch (format) {
        case 'json': return `${JSON.stringify(report, null, 2)}\n`;
        case 'markdown': return engine.renderMarkdown(report);
        case 'html': return engine.renderHtml(report);
        default: return engine.renderTable(report);
    }
}
