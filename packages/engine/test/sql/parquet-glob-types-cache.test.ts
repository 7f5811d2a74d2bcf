/**
 * The check that the files of a Parquet glob give each declared column compatible types
 * (parquet-glob-types.ts) describes each file once per version of the file, not once per check:
 * it ran for every read of the dataset (push-down, then up to twice more when the rows are
 * pulled), for every agreement of a portfolio and for every evaluation, each time with one
 * DESCRIBE per file (200 files, 5 agreements whose rows are pulled: 3,200 DESCRIBEs). A file
 * rewritten between two evaluations is described again. The queries are counted on every DuckDB
 * the engine opens. Files written by DuckDB itself, in a temporary folder.
 */
import { mkdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgreementModel, DatasetModel } from '../../src/index.js';
import { openDuckDb } from '../../src/sql/duckdb-connection.js';
import { evaluateWithEngines } from '../../src/sql/evaluate-with-engines.js';
import { evaluatePortfolioWithEngines } from '../../src/sql/portfolio-with-engines.js';
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { agreement, aggregate, at, bin, count, dataset, field, MONTH, num, ref, tempDir } from '../evaluate/fixtures.js';

/** The text of every query sent to a DuckDB the engine opened (and to the one writing the files). */
const sent: string[] = [];
vi.mock('../../src/sql/duckdb-connection.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../../src/sql/duckdb-connection.js')>();
    return {
        ...original,
        openDuckDb: async (url?: string): Promise<SqlConnection> => {
            const open = await original.openDuckDb(url);
            return { dialect: open.dialect, query: (query, options) => (sent.push(query.text), open.query(query, options)), close: () => open.close() };
        }
    };
});

const NOW = at('2026-03-01T00:00:00Z');
const CLIENTS = ['c0', 'c1', 'c2', 'c3'];
const FILES = 24;
const dir = tempDir();
let writer: SqlConnection | undefined;

/** The queries sent since the last call: one file's DESCRIBE, and the listings of the glob. */
function counted(): { describes: number; listings: number } {
    const describes = sent.filter((text) => text === 'DESCRIBE SELECT * FROM read_parquet($1)').length;
    const listings = sent.filter((text) => text.includes('FROM glob($1)')).length;
    sent.length = 0;
    return { describes, listings };
}

/** File `k` of `folder`: one request of client c(k mod 4) on a January day, its time TIMESTAMPTZ or naive TIMESTAMP. */
async function writeFile(folder: string, k: number, time: 'TIMESTAMPTZ' | 'TIMESTAMP' = 'TIMESTAMPTZ'): Promise<string> {
    const file = join(dir, folder, `${String(k).padStart(3, '0')}.parquet`);
    const day = String(1 + (k % 28)).padStart(2, '0');
    const literal = time === 'TIMESTAMPTZ' ? `'2026-01-${day} 10:00:00+00'` : `'2026-01-${day} 10:00:00'`;
    await writer!.query({ text: `COPY (SELECT ${literal}::${time} AS time, '${CLIENTS[k % CLIENTS.length]}' AS client, ${k % 7 === 0 ? 503 : 200}::INTEGER AS status) TO '${file}' (FORMAT parquet)`, params: [] });
    return file;
}

/** A folder of FILES Parquet files; the glob that reads them. */
async function requestLog(folder: string): Promise<string> {
    mkdirSync(join(dir, folder));
    for (let k = 0; k < FILES; k++) await writeFile(folder, k);
    return join(dir, folder, '*.parquet');
}

/**
 * An agreement over the glob: `count(requests where status >= 500)` (pushed down) or `sum(requests.status * 1)`
 * (a computed value: pushed down for no agreement, the rows pulled), per month, scoped to `client` when given.
 */
function model(glob: string, client: string | undefined, kpi: 'count' | 'computed', datasets = 1): AgreementModel {
    const declared: Record<string, DatasetModel> = {};
    const kpis: AgreementModel['kpis'] = [];
    const objectives: AgreementModel['objectives'] = [];
    for (let d = 1; d <= datasets; d++) {
        const name = `requests${d}`;
        const requests: DatasetModel = { ...dataset(name, glob, [field('time', 'timestamp'), field('client', 'text', true), field('status', 'integer')]), format: 'parquet' };
        if (client !== undefined) requests.clientScope = { field: 'client', value: client };
        declared[name] = requests;
        const formula = kpi === 'count' ? count(name, bin('>=', ref(name, 'status'), num(500))) : aggregate('sum', name, bin('*', ref(name, 'status'), num(1)));
        kpis.push({ key: `K${d}`, name: `K${d}`, unitKind: 'count', formula });
        objectives.push({ kpi: `K${d}`, kpiName: `K${d}`, comparison: '<=', target: 1_000_000, unitKind: 'count', window: MONTH });
    }
    return agreement({ id: `requests-${client ?? 'all'}`, validity: { from: '2026-01-01', to: '2026-02-28' }, datasets: declared, kpis, objectives });
}

beforeAll(async () => {
    writer = await openDuckDb();
}, 60_000);

afterAll(async () => {
    await writer?.close();
});

beforeEach(() => {
    sent.length = 0;
});

describe('the files of a Parquet glob are described once, not once per check', () => {
    it('a portfolio of agreements whose rows are pulled describes each file once', async () => {
        const glob = await requestLog('portfolio');
        counted();
        const reports = await evaluatePortfolioWithEngines(CLIENTS.map((client) => model(glob, client, 'computed')), { now: NOW });
        expect(reports.map((report) => report.engines?.datasets[0]?.mode)).toEqual(CLIENTS.map(() => 'pulled'));
        const { describes, listings } = counted();
        // The glob is checked for every read of every agreement (formerly each time with FILES DESCRIBEs: 13 × 24 = 312)…
        expect(listings).toBeGreaterThanOrEqual(CLIENTS.length);
        // …and each file is described once.
        expect(describes).toBe(FILES);
    });

    it('one agreement with several datasets over the glob, evaluated again, describes each file once in all', async () => {
        const glob = await requestLog('repeated');
        counted();
        const first = await evaluateWithEngines(model(glob, 'c1', 'count', 3), { now: NOW });
        expect(first.engines?.datasets.map((entry) => entry.mode)).toEqual(['pushed down', 'pushed down', 'pushed down']);
        expect(counted()).toEqual({ describes: FILES, listings: 3 });
        const again = await evaluateWithEngines(model(glob, 'c1', 'count', 3), { now: NOW });
        expect(counted()).toEqual({ describes: 0, listings: 3 });
        expect(again.objectives).toEqual(first.objectives);
    });

    it('a file rewritten with another column type between two evaluations is described again, and refused', async () => {
        const glob = await requestLog('rewritten');
        await evaluateWithEngines(model(glob, 'c1', 'count'), { now: NOW });
        expect(counted().describes).toBe(FILES);
        const file = await writeFile('rewritten', 5, 'TIMESTAMP');
        counted();
        const error = await evaluateWithEngines(model(glob, 'c1', 'count'), { now: NOW }).then(() => undefined, (caught: unknown) => caught as Error);
        expect(error?.message).toContain(`column "time" has different types in the files of ${glob} (TIMESTAMP WITH TIME ZONE in ${join(dir, 'rewritten', '000.parquet')}, TIMESTAMP in ${file})`);
        expect(counted().describes).toBe(1);
    });

    it('a file rewritten with its size and modification time kept is described again too', async () => {
        const glob = await requestLog('same-size');
        const path = join(dir, 'same-size', '005.parquet');
        utimesSync(path, 1_767_225_600, 1_767_225_600); // a whole second, that utimes sets back exactly
        await evaluateWithEngines(model(glob, 'c1', 'count'), { now: NOW });
        const before = statSync(path);
        // A naive TIMESTAMP instead of a TIMESTAMP WITH TIME ZONE: the same physical type, the file keeps its size.
        await writeFile('same-size', 5, 'TIMESTAMP');
        utimesSync(path, 1_767_225_600, 1_767_225_600); // as `cp -p` or `rsync -t` would leave it
        expect(statSync(path).size).toBe(before.size);
        expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
        counted();
        const error = await evaluateWithEngines(model(glob, 'c1', 'count'), { now: NOW }).then(() => undefined, (caught: unknown) => caught as Error);
        expect(error?.message).toContain(`column "time" has different types in the files of ${glob} (TIMESTAMP WITH TIME ZONE in ${join(dir, 'same-size', '000.parquet')}, TIMESTAMP in ${path})`);
        expect(counted().describes).toBe(1);
    });
});
