#!/usr/bin/env node
// A long fuzz run in chunks: chunk k is `fuzz.mjs --seed FIRST+k --documents D`, each in its
// own process, PARALLEL at a time. A chunk keeps its counts in test/fuzz/runs/seed-S-D.json
// (every 100 documents, and at its end), so a campaign stopped halfway resumes where it was,
// down to the last hundred documents of a chunk (the same command again). At the end, and
// with --summary alone, it prints the totals over every document checked in the range.
//
//   node test/fuzz/campaign.mjs --first-seed 1 --chunks 20 --documents 5000 --parallel 2
//   node test/fuzz/campaign.mjs --first-seed 1 --chunks 20 --documents 5000 --summary
//   node test/fuzz/campaign.mjs --first-seed 1001 --chunks 20 --documents 2000 --more-mutations   # see fuzz.mjs
//
// Needs the build (`npm run build`). Run it niced on a shared machine (`nice -n 10 node …`).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = path.join(here, 'runs');

function option(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    if (index < 0) return fallback;
    const value = Number(process.argv[index + 1]);
    if (!Number.isInteger(value) || value <= 0) {
        console.error(`--${name} needs a positive whole number`);
        process.exit(2);
    }
    return value;
}

const firstSeed = option('first-seed', 1);
const chunks = option('chunks', 20);
const documents = option('documents', 5_000);
const parallel = option('parallel', 1);
const summaryOnly = process.argv.includes('--summary');
// Passed on to fuzz.mjs: its documents differ with it, so its chunks keep files of their own.
const moreMutations = process.argv.includes('--more-mutations');
const chunkName = seed => `seed-${seed}-${documents}${moreMutations ? '-more' : ''}`;
const resultFile = seed => path.join(runs, `${chunkName(seed)}.json`);
const seeds = Array.from({ length: chunks }, (_, k) => firstSeed + k);

/** The chunk's counts so far (undefined before it starts); finished when it has all its documents. */
function chunkResult(seed) {
    if (!fs.existsSync(resultFile(seed))) return undefined;
    return JSON.parse(fs.readFileSync(resultFile(seed), 'utf8'));
}
const finished = result => result !== undefined && result.documents >= documents;

/** Runs one chunk (from where an earlier run of it stopped); its output goes to a log next to the result. */
function runChunk(seed) {
    return new Promise(resolve => {
        const resume = chunkResult(seed) ? ['--resume', resultFile(seed)] : [];
        const log = fs.openSync(path.join(runs, `${chunkName(seed)}.log`), 'a');
        const child = spawn(process.execPath, [path.join(here, 'fuzz.mjs'), '--seed', String(seed), '--documents', String(documents),
            '--seconds', String(10 ** 9), '--json', resultFile(seed), ...resume, ...(moreMutations ? ['--more-mutations'] : [])], { stdio: ['ignore', log, log] });
        children.add(child);
        child.on('exit', code => {
            children.delete(child);
            fs.closeSync(log);
            const result = chunkResult(seed);
            console.log(`campaign: seed ${seed} ${finished(result) ? 'done' : `stopped after ${result?.documents ?? 0} documents (exit ${code})`}`);
            resolve();
        });
    });
}

/** The chunks running now, ended with the campaign (their counts up to the last hundred documents are kept). */
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { for (const child of children) child.kill(); process.exit(130); });

if (!summaryOnly) {
    fs.mkdirSync(runs, { recursive: true });
    const pending = seeds.filter(seed => !finished(chunkResult(seed)));
    console.log(`campaign: ${seeds.length - pending.length} of ${seeds.length} chunks of ${documents} documents done; running ${pending.length}, ${parallel} at a time`);
    await Promise.all(Array.from({ length: parallel }, async () => {
        for (let seed = pending.shift(); seed !== undefined; seed = pending.shift()) await runChunk(seed);
    }));
}

// Every document checked counts, those of chunks stopped halfway too (documents 0 to n-1 of their seed).
const done = seeds.map(chunkResult).filter(result => result !== undefined);
const total = (key) => done.reduce((sum, result) => sum + (result[key] ?? 0), 0);
console.log(`campaign: seeds ${firstSeed}–${firstSeed + chunks - 1}, ${done.filter(finished).length} of ${chunks} chunks finished, ${done.filter(r => !finished(r)).length} partly: ${total('documents')} documents, `
    + `${total('seconds')} s of chunk time (${total('cpuSeconds')} s of CPU); ${total('exceptions')} exceptions, ${total('hangs')} hangs over ${done[0]?.hangMs ?? '?'} ms, `
    + `${total('validationErrors')} "An error occurred during validation", ${total('junkMessages')} messages printing undefined or NaN, ${total('loggedErrors')} logged errors; `
    + `slowest document ${Math.max(0, ...done.map(result => result.slowestCpuMs))} ms of CPU (${Math.max(0, ...done.map(result => result.slowestMs))} ms wall clock)`);
for (const result of done) {
    for (const failure of result.failures) console.log(`  seed ${result.seed} document ${failure.document}: ${failure.kind}: ${failure.detail.split('\n')[0]}${failure.saved ? ` → ${failure.saved}` : ''}`);
}
process.exit(done.some(result => result.failures.length > 0) ? 1 : 0);
