/**
 * Differential evaluation: an agreement evaluated by the local engine from its files, and the
 * same agreement with every dataset read from a table of a real database server, must give the
 * same JSON report. Only what names the source differs and is set aside: timing
 * (`generatedAt`), the dataset's path, the `engines` section, and row locations (`line`: a
 * file's line number, a table's row position — a table has no lines).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { writeCorpus } from './corpus.js';
import { fileURLToPath } from 'node:url';
import type { AgreementModel } from '../../packages/engine/src/model.js';
import type { Report } from '../../packages/engine/src/report/report-types.js';
import type { SqlConnection } from '../../packages/engine/src/sql/sql-connection.js';
import { evaluateWithEngines } from '../../packages/engine/src/sql/evaluate-with-engines.js';
import { evaluateAgreement } from '../../packages/engine/src/evaluate/evaluate-agreement.js';
import { agreementModelOf, agreementsOf } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';
import { readDatasetTable, type TableData } from '../../packages/engine/test/sql-servers/table-loader.js';

export const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

/** Periods the examples' own tests evaluate (test/examples, examples/expected-outcomes.json). */
const PERIODS: Record<string, { from?: string; to?: string; now: number }> = {
    'public-slas/amazon-s3/amazon-s3.sla': { from: '2026-03-01', to: '2026-04-30', now: Date.UTC(2026, 5, 1) },
    'public-slas/atlassian-cloud/atlassian-cloud.sla': { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') },
    'public-slas/aws-support/aws-support.sla': { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') },
    'public-slas/azure-sql-database/azure-sql-database.sla': { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-11-25T12:00:00Z') },
    'public-slas/google-compute-engine/google-compute-engine.sla': { from: '2026-03-01', to: '2026-04-30', now: Date.parse('2026-11-25T12:00:00Z') },
    'public-slas/slack/slack.sla': { from: '2026-01-01', to: '2026-06-30', now: Date.parse('2026-11-25T12:00:00Z') },
    'paris-erp/paris-erp.sla': { now: Date.parse('2027-01-15T12:00:00Z') },
    'service-level-defaults/bayside-health-infrastructure.sla': { from: '2026-01-01', to: '2026-09-30', now: Date.parse('2026-11-01T00:00:00Z') },
    // Improved yearly, from a later month: 2026's target from the 2025 windows, read on their own (improvement-history.ts).
    'continuous-improvement/thames-council-hosting.sla': { from: '2026-02-01', to: '2026-09-30', now: Date.parse('2026-12-01T00:00:00Z') }
};
const DEFAULT_PERIOD = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-11-25T12:00:00Z') };

export interface ExampleAgreement {
    /** `managed-hosting/acme-hosting.sla` or `…#AgreementName` when a file holds several. */
    label: string;
    model: AgreementModel;
    period: { from?: string; to?: string; now: number };
}

function slaFiles(dir: string): string[] {
    const result: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) result.push(...slaFiles(full));
        else if (entry.name.endsWith('.sla')) result.push(full);
    }
    return result.sort();
}

/** Every agreement of every bundled example (files holding only shared definitions have none). */
export async function exampleAgreements(): Promise<ExampleAgreement[]> {
    return agreementsInFiles(slaFiles(examplesDir), examplesDir, (relative) => PERIODS[relative] ?? DEFAULT_PERIOD);
}

/** Every agreement of the given .sla files, labelled by their path relative to `root`. */
export async function agreementsInFiles(files: string[], root: string, periodOf: (relative: string) => ExampleAgreement['period']): Promise<ExampleAgreement[]> {
    const { documents, services } = await loadSlaFiles(files);
    const result: ExampleAgreement[] = [];
    for (const document of documents) {
        const relative = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
        const agreements = agreementsOf(document);
        for (const agreement of agreements) {
            result.push({
                label: agreements.length > 1 ? `${relative}#${agreement.name}` : relative,
                model: agreementModelOf(document, services, agreement.name),
                period: periodOf(relative)
            });
        }
    }
    return result;
}

/** A table name for a data file, unique per file (shared files such as provider-library's are loaded once). */
export function tableNameFor(file: string, root = examplesDir): string {
    return path
        .relative(root, file)
        .replace(/\.[a-z]+$/i, '')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .toLowerCase();
}

/**
 * Loads each distinct data file of the agreements into a table with `load`, once, and returns
 * per agreement the model whose datasets read those tables on connection `connection`.
 */
export async function withTables(
    agreements: ExampleAgreement[],
    connection: string,
    load: (table: string, data: TableData) => Promise<void>,
    options: { schema?: string; tableName?: (file: string) => string; columnName?: (column: string) => string } = {}
): Promise<Map<string, AgreementModel>> {
    const rename = options.columnName ?? ((column: string) => column);
    const loaded = new Map<string, string>();
    const models = new Map<string, AgreementModel>();
    for (const agreement of agreements) {
        const datasets: AgreementModel['datasets'] = {};
        for (const [name, dataset] of Object.entries(agreement.model.datasets)) {
            let table = loaded.get(dataset.path);
            if (table === undefined) {
                table = (options.tableName ?? tableNameFor)(dataset.path);
                const data = await readDatasetTable(dataset);
                await load(table, { ...data, columns: data.columns.map((c) => ({ ...c, name: rename(c.name) })) });
                loaded.set(dataset.path, table);
            }
            // The path as the language writes it for a table (`connection:schema.table`): no file is left to fall back on.
            const display = `${connection}:${options.schema === undefined ? '' : `${options.schema}.`}${table}`;
            // A renamed column is mapped as a user would write it: `field … column "new name"`. A table's values are typed:
            // what a file says of its spelling (a separator, decimal commas, a timestamp layout) is not said of the table.
            const fields = dataset.fields.map(({ timestampFormat: _layout, ...f }) => ({ ...f, column: rename(f.column) }));
            const { separator: _separator, decimalComma: _decimalComma, encoding: _encoding, ...tableDataset } = dataset;
            datasets[name] = { ...tableDataset, fields, path: display, table: { connection, name: table, ...(options.schema === undefined ? {} : { schema: options.schema }) } };
        }
        models.set(agreement.label, { ...agreement.model, datasets });
    }
    return models;
}

export async function evaluateLocally(agreement: ExampleAgreement): Promise<Report> {
    return evaluateAgreement(agreement.model, { ...agreement.period });
}

export async function evaluateOn(model: AgreementModel, period: ExampleAgreement['period'], connections: Record<string, SqlConnection>, pushDown = true): Promise<Report> {
    return evaluateWithEngines(model, { ...period, connections, pushDown });
}

/** The report without what names its source (see the file comment). */
export function comparable(report: Report): unknown {
    const copy = structuredClone(report) as unknown as Record<string, unknown>;
    delete copy.generatedAt;
    delete copy.engines;
    // A row's place in a note (a late maintenance period): a line of the file here, a row of the table there.
    copy.notes = (copy.notes as string[]).map((note) => withoutSourceNames(note.replace(/\([^()]*:\d+, /g, '(')));
    if (typeof copy.dataEndNote === 'string') copy.dataEndNote = withoutSourceNames(copy.dataEndNote);
    const strip = (node: unknown): void => {
        if (Array.isArray(node)) {
            node.forEach(strip);
            return;
        }
        if (node === null || typeof node !== 'object') return;
        const record = node as Record<string, unknown>;
        delete record.line;
        if (typeof record.path === 'string' && ('rows' in record || 'joinedTo' in record)) delete record.path;
        for (const value of Object.values(record)) strip(value);
    };
    strip(copy);
    return copy;
}

/**
 * A client scope that matched no row names the file here, the table (or Parquet file) there: `matched no row of requests.csv (…`
 * → `matched no row of … (…`; and only a file read here gives the values nearest it (a database would pull the whole column).
 */
function withoutSourceNames(note: string): string {
    return note.replace(/(matched no row of|nor of) \S+ \(/g, '$1 … (').replace(/; the values? nearest it(?: in \S+)?: (?:"[^"]*"(?:, )?)+\./, '.');
}

/** The bundled examples and the generated corpus (written into a temporary folder, labelled `corpus/…`), and a table name per data file. */
export async function examplesAndCorpus(): Promise<{ agreements: ExampleAgreement[]; corpus: ExampleAgreement[]; tableName: (file: string) => string; removeCorpus: () => void }> {
    const corpusDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-corpus-'));
    const corpusList = writeCorpus(corpusDir);
    const examples = await exampleAgreements();
    const corpus = (await agreementsInFiles(corpusList.map((c) => c.file), corpusDir, () => corpusList[0]!.period)).map((a) => ({ ...a, label: `corpus/${a.label}` }));
    return {
        agreements: [...examples, ...corpus],
        corpus,
        tableName: (file: string) => (file.startsWith(corpusDir) ? `corpus_${tableNameFor(file, corpusDir)}` : tableNameFor(file)),
        removeCorpus: () => fs.rmSync(corpusDir, { recursive: true, force: true })
    };
}

/**
 * One test per agreement, pushed down and pulled: the server's report equals the local one, and
 * every dataset the report lists (pause datasets too, pulled for the pause join) was read on the
 * server, none from a file. `models` and `connections` are read when the tests run (after beforeAll).
 */
export function differentialTests(agreements: ExampleAgreement[], models: () => Map<string, AgreementModel>, connections: () => Record<string, SqlConnection>, dialect: 'postgres' | 'clickhouse'): void {
    for (const agreement of agreements) {
        for (const mode of ['pushed down', 'pulled'] as const) {
            it(`${agreement.label} (${mode})`, async () => {
                const local = await evaluateLocally(agreement);
                const remote = await evaluateOn(models().get(agreement.label)!, agreement.period, connections(), mode === 'pushed down');
                expect(comparable(remote)).toEqual(comparable(local));
                const listed = remote.engines?.datasets.map((d) => d.name) ?? [];
                expect(listed.length).toBeGreaterThan(0);
                for (const name of listed) expect(Object.keys(agreement.model.datasets)).toContain(name);
                expect(remote.engines?.datasets.every((d) => d.engine === dialect && d.queries > 0)).toBe(true);
                if (mode === 'pulled') expect(remote.engines?.datasets.every((d) => d.mode === 'pulled')).toBe(true);
            });
        }
        // `--from` on the 10th of the validity's second month: the windows holding it are judged whole (evaluation-period.ts),
        // their rows before the 10th read from the server as from the file.
        const inside = dayInsideSecondMonth(agreement);
        if (inside !== undefined) {
            it(`${agreement.label} (pushed down, --from ${inside})`, async () => {
                const period = { ...agreement.period, from: inside };
                const local = await evaluateAgreement(agreement.model, period);
                const remote = await evaluateOn(models().get(agreement.label)!, period, connections());
                expect(comparable(remote)).toEqual(comparable(local));
            });
        }
    }
}

/** The 10th of the month after the validity's first day, when the agreement's period reaches it. */
function dayInsideSecondMonth(agreement: ExampleAgreement): string | undefined {
    const [year, month] = agreement.model.validity.from.split('-').map(Number) as [number, number];
    const next = month === 12 ? `${year + 1}-01-10` : `${year}-${String(month + 1).padStart(2, '0')}-10`;
    const last = agreement.period.to ?? agreement.model.validity.to;
    return next <= last && (agreement.period.from === undefined || next > agreement.period.from) ? next : undefined;
}
