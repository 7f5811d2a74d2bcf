/**
 * The server's evaluation on a worker thread (src/lsp/evaluation/model-evaluator.ts): the same
 * report as on the calling thread, bad data as places to fix, cancellation, and a worker that
 * cannot start, fails, or does not stop.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Cancellation, isOperationCancelled, OperationCancelled } from 'langium';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { agreementModelOf, EvaluationInputError } from '../../src/evaluation/evaluate-document.js';
import { ModelEvaluator } from '../../src/lsp/evaluation/model-evaluator.js';
import { loadSlaFiles } from '../../src/node.js';
import { REQUESTS_AGREEMENT, writeRequests } from './requests-data.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
// A worker thread runs the compiled module (it cannot load the TypeScript source): `npm test` builds first.
const workerModule = pathToFileURL(path.join(root, 'packages/language/out/lsp/evaluation/evaluation-worker.js'));
const inWorker = new ModelEvaluator(workerModule);
const inThisThread = new ModelEvaluator();
const never = Cancellation.CancellationToken.None;

let scratch: string;
beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-model-evaluator-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The engine model of the first agreement of `file`, after validation. */
async function modelOf(file: string) {
    const { documents, services } = await loadSlaFiles([file], { validate: true });
    return agreementModelOf(documents[0]!, services);
}

/** An agreement over generated requests in its own folder. */
function requestsFolder(name: string, rows: number): string {
    const folder = path.join(scratch, name);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'load.sla'), REQUESTS_AGREEMENT);
    writeRequests(path.join(folder, 'requests.csv'), rows);
    return path.join(folder, 'load.sla');
}

describe('evaluation on a worker thread', () => {
    test('gives the report the calling thread gives, for the managed-hosting example', async () => {
        const model = await modelOf(path.join(root, 'examples/managed-hosting/acme-hosting.sla'));
        // The model crosses to the worker by structured cloning: plain data, nothing lost.
        expect(structuredClone(model)).toEqual(model);
        const options = { from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-01T00:00:00Z') };
        const report = await inWorker.evaluate(model, options, never);
        expect(report).toEqual(await inThisThread.evaluate(model, options, never));
        // February: (39,840 − 168) / 39,840 = 99.5783 % (examples/managed-hosting/README.md)
        expect(report.objectives[0]!.windows[1]!.value).toBeCloseTo(39_672 / 39_840, 12);
        expect(report.credits[0]!.total).toBe(1200);
    });

    test('evaluates generated data: counts, error rate and percentile computed by hand', async () => {
        const model = await modelOf(requestsFolder('hand', 3_000));
        const report = await inWorker.evaluate(model, { from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-01T00:00:00Z') }, never);
        const january = (kpi: string) => report.objectives.find(o => o.kpi === kpi)!.windows.map(w => w.value);
        // 3,000 rows, all in January; status 503 for i = 0, 1000, 2000: 3 / 3,000 = 0.001.
        expect(january('Requests')).toEqual([3_000]);
        expect(january('ErrorRate')).toEqual([0.001]);
        // Latencies 100 … 399 ms, each 10 times; nearest rank ⌈0.99 × 3,000⌉ = 2,970 falls in the 297th value: 100 + 296 = 396 ms.
        expect(january('P99Latency')).toEqual([396]);
    });

    test('an invalid row comes back as the place to fix: file, line and column', async () => {
        const file = requestsFolder('bad-row', 10);
        const csv = path.join(path.dirname(file), 'requests.csv');
        const lines = fs.readFileSync(csv, 'utf8').split('\n');
        lines[2] = lines[2]!.replace(/,200$/, ',fine'); // line 3 of the file, the 4th field (status)
        fs.writeFileSync(csv, lines.join('\n'));
        const error = await inWorker.evaluate(await modelOf(file), { now: Date.parse('2026-02-01T00:00:00Z') }, never).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(EvaluationInputError);
        expect((error as EvaluationInputError).problems.map(p => [p.file, p.line, p.column])).toEqual([[csv, 3, 4]]);
        // Not an error when the row is fine: the same file without the bad value evaluates.
        fs.writeFileSync(csv, lines.join('\n').replace(',fine', ',200'));
        await expect(inWorker.evaluate(await modelOf(file), { now: Date.parse('2026-02-01T00:00:00Z') }, never)).resolves.toHaveProperty('agreement', 'Load');
    });

    test('cancelling stops the evaluation: the worker answers cancelled, and the next evaluation runs', async () => {
        // 200,000 rows (about 9 MB, three 4 MB chunks): the cancel message reaches the worker before the first chunk is read.
        const model = await modelOf(requestsFolder('cancel', 200_000));
        // A grace period longer than the test: the worker's own answer ends the evaluation, not the server ending the worker.
        const patient = new ModelEvaluator(workerModule, 600_000);
        const source = new Cancellation.CancellationTokenSource();
        const running = patient.evaluate(model, { now: Date.parse('2026-02-01T00:00:00Z') }, source.token);
        source.cancel();
        await expect(running).rejects.toBe(OperationCancelled);
        const report = await inWorker.evaluate(model, { now: Date.parse('2026-02-01T00:00:00Z') }, never);
        expect(report.objectives.find(o => o.kpi === 'Requests')!.windows[0]!.value).toBe(200_000);
    });

    test('a request cancelled before it starts is answered as cancelled', async () => {
        const source = new Cancellation.CancellationTokenSource();
        source.cancel();
        const model = await modelOf(requestsFolder('cancelled-before', 10));
        const error = await inWorker.evaluate(model, {}, source.token).then(() => undefined, (e: unknown) => e);
        expect(isOperationCancelled(error)).toBe(true);
    });

    test('a worker that does not stop when cancelled is ended after the grace period', async () => {
        const silent = new ModelEvaluator(new URL('./fixtures/silent-worker.mjs', import.meta.url), 100);
        const source = new Cancellation.CancellationTokenSource();
        const running = silent.evaluate(await modelOf(requestsFolder('silent', 10)), {}, source.token);
        source.cancel();
        await expect(running).rejects.toBe(OperationCancelled);
    });

    test('a worker that fails, or cannot start, is an error that says so', async () => {
        const model = await modelOf(requestsFolder('broken', 10));
        const failing = new ModelEvaluator(new URL('./fixtures/failing-worker.mjs', import.meta.url));
        await expect(failing.evaluate(model, {}, never)).rejects.toThrow('The evaluation stopped: the worker broke');
        const missing = new ModelEvaluator(pathToFileURL(path.join(scratch, 'evaluation-worker.cjs')));
        await expect(missing.evaluate(model, {}, never)).rejects.toThrow(
            `The evaluation worker ${path.join(scratch, 'evaluation-worker.cjs')} is missing: it belongs beside the language server's bundle (see docs/editors.md).`);
    });
});
