import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { ParsedTimestamp, PortfolioReport, Report } from '@sla/engine';
import type { PeriodAfterNow, PortfolioValidity } from '@sla/language';
import { shouldColor } from '../color.js';
import { ConfigError } from '../config.js';
import { allowedDataFolders } from '../data-folders.js';
import { compareDiagnostics, formatTextLine, toReported } from '../diagnostic-format.js';
import { EXIT_BAD_INPUT } from '../exit-codes.js';
import { prettyJsonChunks } from '../json-chunks.js';
import { writePiecesToFile, writePiecesToStdout } from '../write-pieces.js';
import { outFileProblem } from '../out-path.js';
import { isSystemError, systemErrorReason } from '../system-error.js';
import { createProgressReporter } from '../progress.js';
import { projectConnections, serverConnectionOpener } from '../connections.js';
import { scanWorkerModule } from '../scan-worker-module.js';
import { cliSlaServices } from '../sla-services.js';

interface EvaluateCommandOptions {
    data: string[];
    dataEnd: string[];
    from?: string;
    to?: string;
    format: 'table' | 'json' | 'markdown' | 'html' | 'csv';
    out?: string;
    skipInvalid?: boolean;
    agreement: string[];
    now?: string;
    allowDataOutside: string[];
    engine: 'local' | 'duckdb';
    connection: string[];
}

export function registerEvaluateCommand(program: Command): void {
    program.command('evaluate')
        .description('Evaluate agreements against their data: per window met or breached, error budget, credits owed. Several agreements (files or folders): one portfolio report, each data file read once.')
        .argument('<paths...>', 'the .sla files, or folders searched for .sla files')
        .option('--data <name=path>', 'read dataset NAME from PATH instead of the declared file (repeatable; NAME must be a dataset of the agreement)', collect, [])
        .option('--data-end <name=date>', 'the data of dataset NAME are complete through DATE (YYYY-MM-DD); windows after it have no data (repeatable; overrides its `complete to`; NAME must be a dataset of the agreement)', collect, [])
        .option('--from <date>', 'first day to evaluate (YYYY-MM-DD, agreement time zone), within the validity; default: start of validity')
        .option('--to <date>', 'last day to evaluate, inclusive, not before --from; default: end of validity (never after today)')
        .addOption(new Option('--format <format>', 'report format').choices(['table', 'json', 'markdown', 'html', 'csv']).default('table'))
        .option('--out <path>', 'write the report to a file instead of standard output')
        .option('--skip-invalid', 'skip rows with invalid values (they are counted and listed) instead of stopping')
        .option('--agreement <name>', 'evaluate only the agreement of this name (repeatable: the agreements named; default: every agreement found; one agreement gives its own report, several a portfolio report)', collect, [])
        .option('--now <timestamp>', 'evaluate as if it were this instant (ISO-8601 with Z or an offset), for reproducible reports')
        .option('--allow-data-outside <dir>', 'let dataset and import paths read files in DIR too, outside the folder of the file given (repeatable)', collect, [])
        .addOption(new Option('--engine <engine>', 'the engine that reads CSV files: local (default) or duckdb; Parquet is read by DuckDB, tables by their connection\'s engine').choices(['local', 'duckdb']).default('local'))
        .option('--connection <name=url>', 'the URL of connection NAME (repeatable; overrides .slarc.json); the password only from the environment variable SLA_<NAME>_PASSWORD', collect, [])
        .action(async (paths: string[], options: EvaluateCommandOptions) => {
            process.exitCode = await evaluate(paths, options);
        });
}

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

async function evaluate(paths: string[], options: EvaluateCommandOptions): Promise<number> {
    const fail = (message: string) => {
        process.stderr.write(`sla evaluate: ${message}\n`);
        return EXIT_BAD_INPUT;
    };
    // Loaded here, not at the top: `sla` loads only what the command it runs needs.
    const engine = await import('@sla/engine');
    const { requestedDayMessage } = await import('@sla/language');
    for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
        const problem = requestedDayMessage(flag, value);
        if (problem !== undefined) return fail(problem);
    }
    const dataOverrides: Record<string, string> = {};
    const dataFlags: Record<string, string> = {};
    for (const entry of options.data) {
        const match = /^([^=]+)=(.+)$/.exec(entry);
        if (!match) return fail(`--data takes NAME=PATH (e.g. --data requests=exports/requests.csv), not '${entry}'.`);
        dataOverrides[match[1]] = path.resolve(match[2]);
        dataFlags[match[1]] = `--data ${entry}`;
    }
    const dataEnd: Record<string, string> = {};
    const dataEndFlags: Record<string, string> = {};
    for (const entry of options.dataEnd) {
        const match = /^([^=]+)=(.*)$/.exec(entry);
        if (!match || engine.parseCivilDate(match[2]) === undefined) {
            return fail(`--data-end takes NAME=DATE with an existing date written YYYY-MM-DD (e.g. --data-end incidents=2026-03-31), not '${entry}'.`);
        }
        dataEnd[match[1]] = match[2];
        dataEndFlags[match[1]] = `--data-end ${entry}`;
    }
    let now: number | undefined;
    if (options.now !== undefined) {
        now = parseNow(engine, options.now);
        if (now === undefined) return fail(`--now must be an ISO-8601 timestamp with Z or a UTC offset (e.g. 2026-04-01T00:00:00Z), not '${options.now}'.`);
    }
    for (const file of paths) {
        try {
            await fs.access(file);
        } catch {
            return fail(`no such file: ${file}`);
        }
    }
    // --out is checked before anything is evaluated: a folder or a read-only file would otherwise
    // be found only when the report, made at length, is written.
    if (options.out !== undefined) {
        const problem = await outFileProblem(options.out, 'the report', REPORT_FILE[options.format]);
        if (problem !== undefined) return fail(`${problem} Nothing was evaluated.`);
    }

    // A scan worker starts first, so that its start-up overlaps loading the language services.
    engine.enableScanWorkers(scanWorkerModule(), { warmUp: true });
    // The project's folders and connections are looked up (file reads) while the language
    // services load; their errors are reported first, as before, and stop the command.
    const settle = <T>(promise: Promise<T>) => promise.then(value => ({ value }), (error: unknown) => ({ error }));
    const foldersLookup = settle(allowedDataFolders(paths, options.allowDataOutside));
    const connectionsLookup = settle(projectConnections(paths, options.connection));
    const languageModules = settle(Promise.all([import('@sla/language'), import('@sla/language/node')]));
    const folders = await foldersLookup;
    if ('error' in folders) {
        if (folders.error instanceof ConfigError) return fail(folders.error.message);
        throw folders.error;
    }
    const dataFolders = folders.value;
    const connections = await connectionsLookup;
    if ('error' in connections) {
        if (connections.error instanceof ConfigError) return fail(connections.error.message);
        throw connections.error;
    }
    const connectionConfigs = connections.value;
    const loaded = await languageModules;
    if ('error' in loaded) throw loaded.error;
    const [{ agreementCopies, agreementCopiesName, dataAccessOf, errorsBeforeEvaluation, EvaluationInputError, evaluateDocument, evaluatePortfolioModels, nearestFirst, placeText, portfolioAgreements, portfolioModels }, { loadSlaFiles, releaseSlaFiles }] = loaded.value;
    const slaServices = await cliSlaServices();
    dataAccessOf(slaServices).roots = dataFolders.roots;
    dataAccessOf(slaServices).extraFolders = dataFolders.extra;
    if (Object.keys(connectionConfigs).length > 0) dataAccessOf(slaServices).connections = new Set(Object.keys(connectionConfigs));
    const workspace = await loadSlaFiles(paths, { services: slaServices, validate: true });
    const { documents, services } = workspace;
    if (documents.length === 0) return fail(`no .sla file in ${paths.join(', ')}`);
    // Every agreement found (or those named by --agreement); one agreement keeps its own report.
    const found = portfolioAgreements(documents);
    const named = options.agreement;
    const selected = named.length === 0 ? found : found.filter(entry => named.includes(entry.agreement.name));
    // A document with errors is refused with its errors as `sla validate` prints them, codes included,
    // and so is one whose import has errors (the catalogue of its template: a client is never
    // measured with a broken default); an error about the declared file of a dataset read from
    // another file (--data) does not count: the engine checks the file it reads. With --agreement,
    // the files of the agreements named are those that count (a broken file beside them is
    // warned of below); when none of the names is found, every file counts: a name may be in a
    // file whose errors kept its agreement from being read.
    const replacedDatasets = Object.keys(dataOverrides);
    const shownPath = (file: string) => path.relative(process.cwd(), file) || file;
    const shown = (document: (typeof documents)[number]) => shownPath(document.uri.fsPath);
    const selectedDocuments = new Set(selected.map(entry => entry.document));
    const checked = named.length === 0 || selected.length === 0 ? documents : documents.filter(document => selectedDocuments.has(document));
    for (const document of checked) {
        const [first] = errorsBeforeEvaluation(document, services.shared.workspace.LangiumDocuments, replacedDatasets);
        if (first === undefined) continue;
        const shownFile = shown(first.document);
        const errors = first.errors.map(d => toReported(shownFile, d)).sort(compareDiagnostics);
        for (const error of errors) process.stderr.write(`${formatTextLine(error)}\n`);
        const holder = first.document === document ? shownFile : `${shownFile}, which ${shown(document)} imports,`;
        return fail(`${holder} has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix ${errors.length === 1 ? 'it' : 'them'} before evaluating (sla validate ${shownFile}). Nothing was evaluated.`);
    }
    // The other files given that have errors are not evaluated with --agreement: said, never passed over in silence.
    const checkedDocuments = new Set(checked);
    for (const document of documents) {
        if (checkedDocuments.has(document)) continue;
        const own = errorsBeforeEvaluation(document, services.shared.workspace.LangiumDocuments, replacedDatasets).find(each => each.document === document);
        if (own === undefined) continue;
        const count = own.errors.length;
        process.stderr.write(`sla evaluate: warning: ${shown(document)} has ${count} ${count === 1 ? 'error' : 'errors'} (sla validate ${shown(document)}); not evaluated, as --agreement names no agreement of it.\n`);
    }
    // Every name given must be found: a misspelt second name would otherwise leave its agreement out unnoticed.
    const missing = found.length === 0 ? undefined : named.find(name => !found.some(entry => entry.agreement.name === name));
    if (missing !== undefined) {
        return fail(`${noSuchAgreement(missing, found.map(entry => entry.agreement.name), paths, nearestFirst)} Nothing was evaluated.`);
    }
    // One customer's agreement in two files (a copy kept in a subfolder) would be two entries, its credits paid twice.
    const copies = agreementCopies(selected);
    if (copies.length > 0) {
        const listed = copies.map(each => `${agreementCopiesName(each)} is in ${each.places.length} files: ${each.places.map(place => placeText(place, shownPath)).join(', ')}`).join('; ');
        return fail(`${listed}. Each copy would be evaluated and its credits counted. Rename one (one customer's agreements need different names) or delete the copy, or pass only the files or folders that hold the one to evaluate. Nothing was evaluated.`);
    }
    const progress = await createProgressReporter();
    let report: Report | PortfolioReport;
    const agreements = selected.length;
    try {
        const evaluateOptions = {
            from: options.from, to: options.to, now, dataOverrides, dataEnd, skipInvalid: options.skipInvalid,
            onProgress: progress.update, refuseUnknownDatasets: true, refuseEmptyPeriod: true,
            engine: options.engine, connectionConfigs, openConnection: serverConnectionOpener(engine)
        };
        if (selected.length > 1) {
            const models = portfolioModels(selected, services, evaluateOptions);
            // The models are all the pass needs: the syntax trees go before the data are read.
            found.length = 0;
            selected.length = 0;
            await releaseSlaFiles(workspace);
            report = await evaluatePortfolioModels(models, evaluateOptions);
        } else {
            const document = selected[0]?.document ?? documents[0]!;
            report = await evaluateDocument(document, services, { ...evaluateOptions, agreement: named[0] ?? selected[0]?.agreement.name });
        }
    } catch (error) {
        progress.stop();
        if (error instanceof EvaluationInputError) {
            const request = error.request;
            if (request?.kind === 'unknown-dataset' || request?.kind === 'unknown-data-end') {
                const none = agreements > 1 ? `none of the ${agreements} agreements has a dataset '${request.name}'` : `the agreement has no dataset '${request.name}'`;
                const nearest = request.datasets.length > 0
                    ? ` Did you mean '${request.datasets[0]}'? The datasets, nearest first: ${request.datasets.join(', ')}.`
                    : ` The ${agreements > 1 ? 'agreements declare' : 'agreement declares'} no dataset.`;
                const flag = request.kind === 'unknown-dataset' ? dataFlags[request.name] : dataEndFlags[request.name];
                return fail(`${flag}: ${none}.${nearest}`);
            }
            if (request?.kind === 'period-after-now') return fail(periodAfterNowMessage(request, options.now, selected[0]?.agreement.name ?? 'the agreement'));
            if (request?.kind === 'missing-data-file') {
                return fail(`${dataFlags[request.dataset]}: no such file for dataset ${request.dataset}: ${request.path}`);
            }
            if (request?.kind === 'period-empty' || request?.kind === 'period-outside-validity') {
                return fail(`${error.message} ${request.portfolio === undefined ? `Give --from and --to between ${request.validity.from} and ${request.validity.to}.` : portfolioPeriodAdvice(request.portfolio)}`);
            }
            if (request) return fail(error.message);
            for (const problem of error.problems) {
                process.stderr.write(`${engine.displayPath(problem.file)}:${problem.line}:${problem.column}: error: ${problem.message}\n`);
            }
            const skipHint = error.invalidRow
                ? ' Fix the row, or pass --skip-invalid to skip invalid rows (they are counted, and the first ones listed in the report).'
                : '';
            // Problems were printed with their places: the message, which says the same, is not repeated.
            const printed = error.problems.length > 0;
            return fail(`${printed ? '' : `${error.message} `}Nothing was evaluated.${skipHint}`);
        }
        throw error;
    }
    progress.stop();

    // Colour only on a terminal (not in a file given with --out); NO_COLOR and FORCE_COLOR are honoured.
    const color = options.out === undefined && shouldColor(process.stdout);
    // A portfolio's JSON is written as it is made (json-chunks.ts): the whole text of 400 reports is never held.
    const rendered = render(engine, report, options.format, color);
    if (options.out) {
        try {
            await fs.mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
            await writePiecesToFile(options.out, rendered);
        } catch (error) {
            // Checked before evaluating (outFileProblem); what changed since, or a full disk, is said here.
            if (!isSystemError(error)) throw error;
            return fail(`the report could not be written to ${options.out} (${error.code}: ${systemErrorReason(error)}); nothing was written there. Give another --out path.`);
        }
        process.stderr.write(`Report written to ${options.out}\n`);
    } else {
        await writePiecesToStdout(rendered);
    }
    return 'kind' in report ? Math.max(0, ...report.entries.map(entry => engine.reportExitCode(entry.report))) : engine.reportExitCode(report);
}

/** The file name a report of this format gets in a suggestion. */
const REPORT_FILE: Record<EvaluateCommandOptions['format'], string> = { table: 'report.txt', json: 'report.json', markdown: 'report.md', html: 'report.html', csv: 'report.csv' };

/** `--agreement NAME` that none of the agreements found is called: every one was searched, the nearest names are given. */
function noSuchAgreement(name: string, names: readonly string[], paths: readonly string[], nearestFirst: (name: string, names: readonly string[]) => string[]): string {
    const where = paths.join(', ');
    const unique = [...new Set(names)];
    const sameLetters = unique.find(candidate => candidate.toLowerCase() === name.toLowerCase());
    const hint = sameLetters === undefined ? '' : ` Names are case-sensitive: did you mean '${sameLetters}'?`;
    if (unique.length === 1 && names.length === 1) return `the one agreement found in ${where} is called '${unique[0]}', not '${name}'.${hint}`;
    const nearest = nearestFirst(name, unique);
    const shown = nearest.slice(0, 5).join(', ') + (nearest.length > 5 ? `, … (${nearest.length - 5} more)` : '');
    return `none of the ${names.length} agreements found in ${where} is called '${name}'.${hint} The nearest names: ${shown}.`;
}

/** A period that starts at or after the time of evaluation, in the command's words: which dates, and what to give instead. */
function periodAfterNowMessage(problem: PeriodAfterNow, nowFlag: string | undefined, agreement: string): string {
    const now = nowFlag === undefined ? `the present (${problem.now})` : `--now ${nowFlag}`;
    const fixes: string[] = [];
    if (problem.from !== undefined && problem.latestFrom !== undefined) fixes.push(`--from ${problem.latestFrom} or earlier`);
    // A portfolio of one agreement in force (the others are left out, not yet in force): its period, not "the 1 agreements'".
    const latest = problem.agreements === undefined ? '' : problem.total === 1 ? ', the start of its period' : `, the latest start of the ${problem.total} agreements' periods`;
    fixes.push(`a --now after ${problem.start}${latest}`);
    if (nowFlag !== undefined && Date.now() > Date.parse(problem.start)) fixes.push('leave out --now to evaluate up to the present');
    const advice = `Give ${fixes.join(', or ')}.`;
    if (problem.agreements === undefined) {
        const what = problem.from !== undefined
            ? `--from ${problem.from} starts the period at ${problem.start}`
            : `${agreement} is valid from ${problem.validity.from} to ${problem.validity.to}, its period starts at ${problem.start}`;
        return `Nothing to evaluate: ${what}, and ${now} is not after it. ${advice}`;
    }
    const empty = problem.agreements;
    const listed = empty.slice(0, 3).map(entry => `${entry.name} from ${entry.start}`).join(', ') + (empty.length > 3 ? `, and ${empty.length - 3} more` : '');
    const which = problem.total === 1 ? 'the one agreement in force' : empty.length === problem.total ? `all ${problem.total} agreements` : `${empty.length} of the ${problem.total} agreements`;
    const starts = `${empty.length === 1 ? 'its period starts' : 'their periods start'}${problem.from === undefined ? '' : ` (with --from ${problem.from})`}`;
    return `Nothing to evaluate for ${which}: ${starts} at or after ${now} (${listed}). A portfolio is evaluated as of one time for every agreement: ${advice.charAt(0).toLowerCase()}${advice.slice(1)}`;
}

/** What to give for a portfolio's period: days that hold for every agreement, not one agreement's validity. */
function portfolioPeriodAdvice(validity: PortfolioValidity): string {
    return validity.common !== null
        ? `Give --from and --to between ${validity.common.from} and ${validity.common.to}, the days all ${validity.agreements} agreements are valid.`
        : `No day is within the validity of all ${validity.agreements} agreements: give a --from on or before ${validity.earliestLast} and a --to on or after ${validity.latestFirst}, a period that shares days with every validity, or evaluate the agreements apart (--agreement NAME).`;
}

/** `--now`: a strict ISO-8601 instant (the data's timestamp reader); a reading without Z or offset is ambiguous. */
function parseNow(engine: typeof import('@sla/engine'), text: string): number | undefined {
    const parsed: ParsedTimestamp = { ms: NaN, naive: false, problem: '' };
    const ms = engine.parseTimestampBytes(Buffer.from(text, 'utf8'), 0, Buffer.byteLength(text, 'utf8'), parsed);
    return Number.isNaN(ms) || parsed.naive ? undefined : ms;
}

/** A portfolio's JSON report, `JSON.stringify(report, null, 2)` and a line break, in pieces. */
function* portfolioJson(report: PortfolioReport): Generator<string> {
    yield* prettyJsonChunks(report as unknown as Record<string, unknown>, 'entries');
    yield '\n';
}

/** The report as text, in pieces to write one after the other (a portfolio's JSON as it is made). */
function render(engine: typeof import('@sla/engine'), report: Report | PortfolioReport, format: EvaluateCommandOptions['format'], color: boolean): Iterable<string> {
    if (format === 'csv') return engine.csvPieces(report);
    if ('kind' in report) {
        switch (format) {
            case 'json': return portfolioJson(report);
            case 'markdown': return [engine.renderPortfolioMarkdown(report)];
            case 'html': return [engine.renderPortfolioHtml(report)];
            default: return [engine.renderPortfolioTable(report, { color })];
        }
    }
    return [renderOne(engine, report, format, color)];
}

function renderOne(engine: typeof import('@sla/engine'), report: Report, format: EvaluateCommandOptions['format'], color: boolean): string {
    switch (format) {
        case 'json': return `${JSON.stringify(report, null, 2)}\n`;
        case 'markdown': return engine.renderMarkdown(report);
        case 'html': return engine.renderHtml(report);
        default: return engine.renderTable(report, { color });
    }
}
