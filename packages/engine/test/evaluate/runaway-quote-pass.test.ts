// A quote left open in a CSV file (data/csv-runaway-quote.ts) stops the evaluation with the same
// error on two threads as on one, invalid rows skipped or not: the range that reads the record
// stops there, and the main thread reads it again to throw it with the file's line numbers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, enableScanWorkers, evaluateAgreement, type AgreementModel } from '../../src/index.js';
import { agreement, aggregate, at, count, dataset, field, monthlyAtMost, namedKpi, ref, tempDir } from './fixtures.js';

// The worker thread runs the compiled module (a worker cannot load this TypeScript source).
enableScanWorkers(new URL('../../out/evaluate/scan-worker.js', import.meta.url));

const NOW = at('2027-01-01T00:00:00Z');

/** 6,000 records, record r (0-based) on line r + 2, with the name cell `names(r)`. */
function model(names: (r: number) => string): AgreementModel {
    let csv = 'time,name,cost\n';
    for (let r = 0; r < 6000; r++) csv += `${new Date(at('2026-03-01T00:00:00Z') + r * 600_000).toISOString()},${names(r)},1.00\n`;
    const path = join(tempDir(), 'requests.csv');
    writeFileSync(path, csv);
    return agreement({
        datasets: { requests: dataset('requests', path, [field('time', 'timestamp'), field('name', 'text'), field('cost', 'number')]) },
        kpis: [namedKpi('Count', count('requests'), 'count'), namedKpi('Cost', aggregate('sum', 'requests', ref('requests', 'cost')), 'count')],
        objectives: [monthlyAtMost('Count', 1e9), monthlyAtMost('Cost', 1e9)]
    });
}

async function failure(agreementModel: AgreementModel, parallel: boolean, skipInvalid: boolean): Promise<DataError> {
    try {
        await evaluateAgreement(agreementModel, { now: NOW, skipInvalid, parallelMinBytes: parallel ? 1 : Infinity, readChunkBytes: 4096, ...(parallel ? { parallelRangeBytes: 16 * 1024 } : {}) });
    } catch (error) {
        if (error instanceof DataError) return error;
        throw error;
    }
    throw new Error('the evaluation did not fail');
}

describe('a quote left open, on one thread and on two', () => {
    it.each([
        // Record 3000 (line 3002) opens a quote; record 3500's quoted name (line 3502) closes it.
        ['closed by a later quote', (r: number) => (r === 3000 ? '"Printer broken' : r === 3500 ? '"quoted name"' : `n${r % 7}`), 'runs to line 3502:', 'lines 3003–3502'],
        // No later quote: the field runs to the last record's line, 6001.
        ['open to the end of the file', (r: number) => (r === 3000 ? '"Printer broken' : `n${r % 7}`), 'runs to the end of the file (line 6001) without a closing quote', 'lines 3003–6001']
    ])('%s: the same error', async (_, names, span, swallowed) => {
        const agreementModel = model(names);
        for (const skipInvalid of [false, true]) {
            for (const parallel of [false, true]) {
                const error = await failure(agreementModel, parallel, skipInvalid);
                expect({ line: error.line, column: error.column, skippable: error.skippable }).toEqual({ line: 3002, column: 2, skippable: false });
                expect(error.message).toContain(`requests.csv:3002:2: malformed CSV record: the quoted field opened on line 3002, column 2 ${span}`);
                expect(error.message).toContain(`would swallow ${swallowed},`);
            }
        }
    });
});
