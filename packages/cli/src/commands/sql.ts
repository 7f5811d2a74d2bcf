import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { allowedDataFolders } from '../data-folders.js';
import { EXIT_BAD_INPUT } from '../exit-codes.js';
import { cliSlaServices } from '../sla-services.js';

interface SqlCommandOptions {
    dialect: 'duckdb' | 'postgres' | 'clickhouse';
    agreement?: string;
    from?: string;
    to?: string;
    now?: string;
    data: string[];
}

/** The dialects' servers, as a sentence names them. */
const DIALECT_NAMES: Record<Exclude<SqlCommandOptions['dialect'], 'duckdb'>, string> = { postgres: 'PostgreSQL', clickhouse: 'ClickHouse' };

/** `sla sql <file>`: the SQL an evaluation would send, for review; nothing is connected to. */
export function registerSqlCommand(program: Command): void {
    program.command('sql')
        .description('Print the SQL an evaluation sends for the datasets read through SQL engines (tables, Parquet, CSV with --engine duckdb), for review; connects to nothing.')
        .argument('<file>', 'the .sla file')
        .addOption(new Option('--dialect <dialect>', 'SQL dialect').choices(['duckdb', 'postgres', 'clickhouse']).default('duckdb'))
        .option('--agreement <name>', 'which agreement of the file (default: the first)')
        .option('--from <date>', 'first day evaluated (YYYY-MM-DD)')
        .option('--to <date>', 'last day evaluated, inclusive')
        .option('--now <timestamp>', 'the present (ISO-8601 with Z or an offset), for reproducible output')
        .option('--data <name=path>', 'read dataset NAME from PATH (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
        .action(async (file: string, options: SqlCommandOptions) => {
            process.exitCode = await printSql(file, options);
        });
}

async function printSql(file: string, options: SqlCommandOptions): Promise<number> {
    // As the other commands: a missing file said in words, not as Node's "ENOENT: …, stat".
    if (!(await fs.stat(file).then(() => true, () => false))) {
        process.stderr.write(`sla sql: no such file: ${file}\n`);
        return EXIT_BAD_INPUT;
    }
    const engine = await import('@sla/engine');
    const { dataAccessOf, agreementModelOf, EvaluationInputError } = await import('@sla/language');
    const { loadSlaFiles } = await import('@sla/language/node');
    const services = await cliSlaServices();
    const folders = await allowedDataFolders([file], []);
    dataAccessOf(services).roots = folders.roots;
    dataAccessOf(services).extraFolders = folders.extra;
    const dataOverrides: Record<string, string> = {};
    for (const entry of options.data) {
        const match = /^([^=]+)=(.+)$/.exec(entry);
        if (!match) {
            process.stderr.write(`sla sql: --data takes NAME=PATH, not '${entry}'.\n`);
            return EXIT_BAD_INPUT;
        }
        dataOverrides[match[1]] = path.resolve(match[2]);
    }
    try {
        const { documents } = await loadSlaFiles([file], { services, validate: true });
        const model = agreementModelOf(documents[0], services, options.agreement, Object.keys(dataOverrides));
        const now = options.now === undefined ? undefined : Date.parse(options.now);
        const queries = engine.compileAgreementQueries(model, options.dialect, { from: options.from, to: options.to, now, dataOverrides });
        if (options.dialect === 'duckdb') {
            process.stdout.write(engine.formatCompiledQueries(queries));
            return 0;
        }
        // A server reads tables only: a file (CSV, Parquet, JSON) is read by sla itself or by DuckDB, never sent
        // to PostgreSQL or ClickHouse, so its queries in that dialect would name a table no connection has.
        const files = Object.values(model.datasets).filter(dataset => dataset.table === undefined || dataOverrides[dataset.name] !== undefined);
        const tables = queries.filter(query => !files.some(dataset => dataset.name === query.dataset));
        const server = DIALECT_NAMES[options.dialect];
        if (files.length > 0) {
            const names = files.map(dataset => `${dataset.name} (${engine.displayPath(dataset.path)})`).join(', ');
            process.stdout.write(`-- ${files.length === 1 ? 'Dataset' : 'Datasets'} ${names}: ${files.length === 1 ? 'a file, not a table' : 'files, not tables'}; no evaluation reads ${files.length === 1 ? 'it' : 'them'} through ${server} (sla reads CSV and JSON files itself, DuckDB reads Parquet, and CSV with --engine duckdb: sla sql --dialect duckdb prints those queries).\n`);
            if (tables.length === 0) {
                process.stdout.write(`-- No dataset of this agreement is a table read through ${server}.\n`);
                return 0;
            }
            process.stdout.write('\n');
        }
        process.stdout.write(engine.formatCompiledQueries(tables));
        return 0;
    } catch (error) {
        if (error instanceof EvaluationInputError) {
            for (const problem of error.problems) process.stderr.write(`${engine.displayPath(problem.file)}:${problem.line}:${problem.column}: error: ${problem.message}\n`);
            process.stderr.write(`sla sql: ${error.message}\n`);
            return EXIT_BAD_INPUT;
        }
        throw error;
    }
}
