// Language-server benchmark over stdio, as an editor uses the server (issue 4):
//   a generated portfolio of 400 agreement files (about 50k lines) in one workspace folder;
//   initial workspace build (initialized → first hover answered in a file opened right away: the
//   server has loaded, parsed, indexed and linked the whole folder), then every file validated
//   (diagnostics published for all 400), opening the 5k-line file,
//   edit → fresh diagnostics on a 5k-line file (p50/p95 over 50 edits),
//   hover and completion p95 (50 requests each), peak RSS of the server process;
//   then, in a second server, hover latency while `sla.evaluate` reads 10M rows (the engine
//   benchmark's request log, generate-requests.mjs) and without an evaluation running;
//   then, in a third, a burst: 2,000 edits in ~3 s with hovers and completions interleaved
//   (issue 13: bursts of edits starved requests), p50/p95 of the requests sent during it.
// Prints the figures and the targets side by side. Run: npm run bench:lsp
//   node test/bench/lsp.bench.mjs --only evaluation    the evaluation case alone
//   node test/bench/lsp.bench.mjs --only burst         the burst case alone, with what each request waited for
//                                                      (SLA_BENCH_TRACE_FILE=path also keeps the server's whole trace)
//   node test/bench/lsp.bench.mjs --only portfolio     a template and 400 client agreements
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { generateAgreement } from './generate-agreement.mjs';
import { requestsCsv } from './generate-requests.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = Number(process.env.SLA_BENCH_FILES ?? 400);
const BIG_LINES = 5_000;
const SMALL_LINES = 133; // the generator writes ~113 lines for 133 asked: 399 × 113 + 5,000 ≈ 50k lines
const SAMPLES = Number(process.env.SLA_BENCH_SAMPLES ?? 50);
const EVALUATION_ROWS = Number(process.env.SLA_BENCH_EVALUATION_ROWS ?? 10_000_000);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
// `--only portfolio`: a template and 400 client agreements (portfolio-lsp.bench.mjs).
if (only === 'portfolio') {
    await import('./portfolio-lsp.bench.mjs');
    process.exit(0);
}
if (only !== undefined && only !== 'evaluation' && only !== 'burst') throw new Error(`--only takes 'evaluation', 'burst' or 'portfolio', not '${only}'`);
const progress = message => process.stderr.write(`[bench] ${message}\n`);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-lsp-bench-'));
const server = path.join(scratch, 'server.cjs');
// SLA_BENCH_SERVER=path/to/sla-language-server.cjs runs another build of the server (say, main's) to compare in the same conditions.
if (process.env.SLA_BENCH_SERVER) fs.copyFileSync(process.env.SLA_BENCH_SERVER, server);
else execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', server], { stdio: 'inherit' });

// ---------------------------------------------------------------- the portfolio
const workspace = path.join(scratch, 'portfolio');
fs.mkdirSync(workspace);
let totalLines = 0;
for (let i = 0; i < (only === undefined ? FILES : 1); i++) {
    const text = generateAgreement(i === 0 ? BIG_LINES : SMALL_LINES, `Client${i}`);
    totalLines += text.split('\n').length - 1;
    fs.writeFileSync(path.join(workspace, `client-${String(i).padStart(3, '0')}.sla`), text);
}
const bigPath = path.join(workspace, 'client-000.sla');
const bigUri = pathToFileURL(bigPath).toString();
const originalBigText = fs.readFileSync(bigPath, 'utf8');

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function peakRssMb(pid) {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
}

// ---------------------------------------------------------------- a session with the server
/** Starts the server with the given Node options and runs the whole scenario: build, edits, hover, completion. */
async function session(nodeOptions) {
    const bigLines = originalBigText.split('\n');
    const child = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', chunk => process.stderr.write(`[server] ${chunk}`));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const diagnosticWaiters = new Map();
    const diagnosedUris = new Set();
    let allDiagnosed;
    const everyFileDiagnosed = new Promise(resolve => { allDiagnosed = resolve; });
    connection.onNotification('textDocument/publishDiagnostics', params => {
        diagnosedUris.add(params.uri);
        if (diagnosedUris.size >= FILES) allDiagnosed();
        const waiter = diagnosticWaiters.get(params.uri);
        if (waiter) {
            diagnosticWaiters.delete(params.uri);
            waiter(params);
        }
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', params => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const nextDiagnostics = uri => new Promise(resolve => diagnosticWaiters.set(uri, resolve));

    const folder = pathToFileURL(workspace).toString();
    await connection.sendRequest('initialize', {
        processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'portfolio' }],
        capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, synchronization: { didSave: false } }, workspace: { workspaceFolders: true } }
    });
    const buildStart = performance.now();
    await connection.sendNotification('initialized', {});
    const smallPath = path.join(workspace, 'client-001.sla');
    const smallUri = pathToFileURL(smallPath).toString();
    const smallText = fs.readFileSync(smallPath, 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'sla', version: 1, text: smallText } });
    // Langium answers a hover once the documents are linked (validation comes after).
    const firstLine = smallText.split('\n').findIndex(line => line.includes('objective Availability >= 99.9%'));
    const firstHover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line: firstLine, character: smallText.split('\n')[firstLine].indexOf('>=') } });
    if (!firstHover) throw new Error('no hover in the small file');
    const buildMs = performance.now() - buildStart;
    progress(`workspace linked: ${buildMs.toFixed(0)} ms`);
    await everyFileDiagnosed;
    const validatedMs = performance.now() - buildStart;
    const openStart = performance.now();
    const opened = nextDiagnostics(bigUri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'sla', version: 1, text: originalBigText } });
    await opened;
    const openMs = performance.now() - openStart;
    progress(`every file validated: ${validatedMs.toFixed(0)} ms`);

    // ---------------------------------------------------------------- edits
    // Each edit changes the target of one objective (99.9 ↔ 99.8) somewhere in the file, as typing does.
    const objectiveLines = bigLines.map((line, i) => line.includes('objective Availability >= 99.9%') ? i : -1).filter(i => i >= 0);
    const editMs = [];
    let version = 1;
    for (let k = 0; k < SAMPLES; k++) {
        const line = objectiveLines[(k * 7) % objectiveLines.length];
        const column = bigLines[line].indexOf('99.9%') + 3; // the 9 after the point
        const lineText = bigLines[line];
        const newDigit = lineText[column] === '9' ? '8' : '9';
        bigLines[line] = lineText.slice(0, column) + newDigit + lineText.slice(column + 1);
        const fresh = nextDiagnostics(bigUri);
        const started = performance.now();
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: bigUri, version: ++version },
            contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: newDigit }]
        });
        await fresh;
        editMs.push(performance.now() - started);
    }
    progress('edits done');

    // ---------------------------------------------------------------- hover and completion
    const hoverMs = [];
    const completionMs = [];
    for (let k = 0; k < SAMPLES; k++) {
        const line = objectiveLines[(k * 11) % objectiveLines.length];
        const hoverAt = { line, character: bigLines[line].indexOf('>=') };
        let started = performance.now();
        const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: bigUri }, position: hoverAt });
        hoverMs.push(performance.now() - started);
        if (k === 0 && !hover) throw new Error('no hover at an objective');
        const completeAt = { line, character: bigLines[line].indexOf('objective ') + 'objective '.length };
        started = performance.now();
        const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri: bigUri }, position: completeAt });
        completionMs.push(performance.now() - started);
        if (k === 0 && !(completion?.items?.length > 0)) throw new Error('no completion after objective');
    }

    const rssMb = peakRssMb(child.pid);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    return { buildMs, validatedMs, openMs, editMs, hoverMs, completionMs, rssMb, finalBigText: bigLines.join('\n') };
}

// ---------------------------------------------------------------- hover while the server evaluates
/**
 * A server with one agreement over the 10M-row request log: hover p50/p95 with no evaluation
 * running, then while `sla.evaluate` runs (hovers one after the other, 10 ms apart, until the
 * evaluation answers), and how long the evaluation took.
 */
async function hoverDuringEvaluation(nodeOptions) {
    const { csvPath } = await requestsCsv(EVALUATION_ROWS);
    const folder = path.join(scratch, 'evaluation');
    fs.mkdirSync(folder);
    // Data paths must stay inside the workspace: the cached log is linked into it (a hard
    // link, not a symbolic one, which would be resolved to the temp folder), or copied.
    const localCsv = path.join(folder, 'requests.csv');
    try {
        fs.linkSync(csvPath, localCsv);
    } catch {
        fs.copyFileSync(csvPath, localCsv);
    }
    const text = [
        'agreement Load "Request log of the engine benchmark" {',
        '    valid from 2026-01-01 to 2026-12-31',
        '    timezone "Europe/Berlin"',
        `    dataset requests from ${JSON.stringify(localCsv)} {`,
        '        time timestamp',
        '        service text',
        '        latency duration ms column "latency_ms"',
        '        status integer',
        '        region text',
        '    }',
        '    kpi Requests = count(requests)',
        '    kpi ErrorRate = count(requests where status >= 500) / count(requests)',
        '    kpi P95Latency = percentile(95, requests.latency)',
        '    objective Requests >= 1 per calendar month for each service',
        '    objective ErrorRate <= 5% per calendar month for each service',
        '    objective P95Latency <= 5000 ms per calendar month for each service',
        '}',
        ''
    ].join('\n');
    const file = path.join(folder, 'load.sla');
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const child = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', chunk => process.stderr.write(`[server] ${chunk}`));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let diagnosed;
    const opened = new Promise(resolve => { diagnosed = resolve; });
    connection.onNotification('textDocument/publishDiagnostics', params => { if (params.uri === uri) diagnosed(params); });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', params => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folderUri = pathToFileURL(folder).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'evaluation' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text } });
    const { diagnostics } = await opened;
    const errors = diagnostics.filter(d => d.severity === 1);
    if (errors.length > 0) throw new Error(`the evaluation agreement has errors: ${errors.map(d => d.message).join('; ')}`);
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('objective ErrorRate'));
    const hover = async () => {
        const started = performance.now();
        const answer = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: lines[line].indexOf('<=') } });
        if (!answer) throw new Error('no hover at the objective');
        return performance.now() - started;
    };
    const pause = () => new Promise(resolve => setTimeout(resolve, 10));
    const quietMs = [];
    for (let k = 0; k < SAMPLES; k++) {
        quietMs.push(await hover());
        await pause();
    }
    progress(`evaluating ${EVALUATION_ROWS.toLocaleString('en-US')} rows in the server`);
    let evaluated = false;
    const started = performance.now();
    const evaluation = connection.sendRequest('workspace/executeCommand', { command: 'sla.evaluate', arguments: [{ uri, now: Date.parse('2027-01-01T00:00:00Z') }] })
        .finally(() => { evaluated = true; });
    const busyMs = [];
    while (!evaluated) {
        const ms = await hover();
        if (!evaluated) busyMs.push(ms); // answered while the evaluation ran
        await pause();
    }
    const result = await evaluation;
    const evaluationMs = performance.now() - started;
    if (!result.ok) throw new Error(`sla.evaluate failed: ${result.message}`);
    const rssMb = peakRssMb(child.pid);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    return { quietMs, busyMs, evaluationMs, rssMb, fileMb: fs.statSync(csvPath).size / 1e6 };
}

function evaluationRows({ quietMs, busyMs, evaluationMs, rssMb, fileMb }) {
    const rows = EVALUATION_ROWS.toLocaleString('en-US');
    return [
        [`hover p50, evaluating ${rows} rows`, `${percentile(busyMs, 50).toFixed(1)} ms`, '', true],
        [`hover p95, evaluating ${rows} rows`, `${percentile(busyMs, 95).toFixed(1)} ms`, '≤ 20 ms', percentile(busyMs, 95) <= 20],
        ['  same server, no evaluation: p50', `${percentile(quietMs, 50).toFixed(1)} ms`, '', true],
        ['  same server, no evaluation: p95', `${percentile(quietMs, 95).toFixed(1)} ms`, '≤ 20 ms', percentile(quietMs, 95) <= 20],
        [`  hovers during the evaluation`, `${busyMs.length}`, '', true],
        [`  sla.evaluate (${fileMb.toFixed(0)} MB)`, `${(evaluationMs / 1000).toFixed(2)} s`, '', true],
        ['  peak RSS (evaluating server)', `${rssMb.toFixed(0)} MB`, '', true]
    ];
}

// ---------------------------------------------------------------- a burst of edits
const BURST_EDITS = 2_000;
const BURST_MS = 3_000;
/**
 * A server with the 5k-line file open: 2,000 edits sent in about 3 s (10 every 15 ms, as fast
 * typing or a paste-and-fix script does), a hover or a completion (in turn) sent after every
 * 20th edit and timed until its answer, then the time until the diagnostics of the final text.
 */
async function burstOfEdits(nodeOptions) {
    const folder = path.join(scratch, 'burst');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'client-000.sla');
    fs.writeFileSync(file, originalBigText);
    const uri = pathToFileURL(file).toString();
    const lines = originalBigText.split('\n');
    // SLA_TRACE_BURST=1: the server records what each request waited for (burst-trace.ts) and writes it at exit.
    const child = spawn(process.execPath, [...nodeOptions, server, '--stdio'], { stdio: 'pipe', env: { ...process.env, SLA_TRACE_BURST: '1' } });
    let serverErr = '';
    child.stderr.on('data', chunk => {
        serverErr += chunk;
        for (const line of String(chunk).split('\n')) if (line && !line.startsWith(TRACE_PREFIX)) process.stderr.write(`[server] ${line}\n`);
    });
    const exited = new Promise(resolve => child.on('exit', resolve));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let onDiagnostics = () => {};
    connection.onNotification('textDocument/publishDiagnostics', params => { if (params.uri === uri) onDiagnostics(params); });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', params => params.items.map(() => null));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const folderUri = pathToFileURL(folder).toString();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'burst' }], capabilities: {} });
    await connection.sendNotification('initialized', {});
    const opened = new Promise(resolve => { onDiagnostics = resolve; });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: originalBigText } });
    await opened;

    const objectiveLines = lines.map((line, i) => line.includes('objective Availability >= 99.9%') ? i : -1).filter(i => i >= 0);
    const hoverMs = [];
    const completionMs = [];
    const answers = [];
    // Each request in the order sent (the server handles them in that order): its kind, when sent and answered (wall-clock ms).
    const sentRequests = [];
    let version = 1;
    const cpuBeforeMs = serverCpuMs(child.pid);
    const started = performance.now();
    for (let k = 0; k < BURST_EDITS; k++) {
        const line = objectiveLines[(k * 7) % objectiveLines.length];
        const column = lines[line].indexOf('99.') + 3; // the digit after the point
        const newDigit = lines[line][column] === '9' ? '8' : '9';
        lines[line] = lines[line].slice(0, column) + newDigit + lines[line].slice(column + 1);
        void connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: newDigit }]
        });
        if (k % 20 === 10) {
            const at = objectiveLines[(k * 11) % objectiveLines.length];
            const sent = performance.now();
            const hover = k % 40 === 10;
            const record = { kind: hover ? 'hover' : 'completion', sentAt: performance.timeOrigin + sent };
            sentRequests.push(record);
            const request = hover
                ? connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: at, character: lines[at].indexOf('>=') } })
                : connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: at, character: lines[at].indexOf('objective ') + 'objective '.length } });
            answers.push(request.then(answer => {
                (hover ? hoverMs : completionMs).push(performance.now() - sent);
                record.ms = performance.now() - sent;
                if (!(hover ? answer : answer?.items?.length > 0)) throw new Error(`no ${hover ? 'hover' : 'completion'} during the burst`);
            }));
        }
        // 10 edits every 15 ms: 2,000 edits in about 3 s.
        if (k % 10 === 9) await new Promise(resolve => setTimeout(resolve, Math.max(0, started + ((k + 1) / BURST_EDITS) * BURST_MS - performance.now())));
    }
    const burstMs = performance.now() - started;
    // Diagnostics carry no version: the burst has settled when some came after it, then none for 2 s.
    let lastPublished;
    onDiagnostics = () => { lastPublished = performance.now(); };
    await Promise.all(answers);
    while (lastPublished === undefined || performance.now() - lastPublished < 2_000) await new Promise(resolve => setTimeout(resolve, 100));
    const settledMs = lastPublished - started;
    // CPU time is less stretched than the wall clock by a shared machine: the work the burst cost.
    const cpuMs = serverCpuMs(child.pid) - cpuBeforeMs;
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
    const traceLine = serverErr.split('\n').find(line => line.startsWith(TRACE_PREFIX));
    // SLA_BENCH_TRACE_FILE=path keeps the server's whole trace and the requests as sent, to look into.
    if (traceLine && process.env.SLA_BENCH_TRACE_FILE) fs.writeFileSync(process.env.SLA_BENCH_TRACE_FILE, JSON.stringify({ startedAt: performance.timeOrigin + started, sent: sentRequests, trace: JSON.parse(traceLine.slice(TRACE_PREFIX.length)) }));
    const trace = traceLine ? burstCounters(JSON.parse(traceLine.slice(TRACE_PREFIX.length)), sentRequests, performance.timeOrigin + started) : undefined;
    return { burstMs, settledMs, hoverMs, completionMs, cpuMs, trace };
}

const TRACE_PREFIX = '[sla-burst-trace] ';

/**
 * The server's trace (packages/language/src/internals/incremental/burst-trace.ts) summed up:
 * what the requests waited for. These counts do not depend on the machine's load as the
 * latencies do: a request that waited for a build waits on any machine. Rows to print.
 */
function burstCounters(trace, sent, startedAt) {
    const requests = trace.requests.filter(r => r.kind === 'hover' || r.kind === 'completion');
    if (requests.length !== sent.length) return [[`  (the server traced ${requests.length} requests, ${sent.length} were sent)`, '', '', true]];
    const endAt = Math.max(...sent.map(r => r.sentAt + r.ms));
    const inBurst = entry => entry.at + (entry.ms ?? 0) >= startedAt && entry.at <= endAt;
    const count = (list, key) => Object.entries(list.reduce((counts, item) => ({ ...counts, [item[key]]: (counts[item[key]] ?? 0) + 1 }), {}))
        .map(([name, n]) => `${n} ${name}`).join(', ');
    const answered = requests.filter(r => r.answer === 'blocks');
    const waitedBuild = requests.filter(r => r.answer === 'build');
    const waitedUpdate = requests.filter(r => r.waitedUpdateMs > 0);
    const updates = trace.updates.filter(inBurst);
    const gc = trace.gc.filter(inBurst);
    const stalls = trace.stalls.filter(inBurst);
    const max = values => values.length > 0 ? Math.max(...values) : 0;
    const rows = [
        ['  requests answered from the built tree', `${requests.filter(r => r.answer === 'built').length}`, '', true],
        ['  requests answered from blocks', `${answered.length}`, '', true],
        ...(answered.length > 0 ? [[`    (${count(answered, 'how')})`, '', '', true]] : []),
        ['  requests that waited for a full build', `${waitedBuild.length}`, '0', waitedBuild.length === 0],
        ...(waitedBuild.length > 0 ? [[`    why: ${count(waitedBuild, 'why')}`, '', '', true]] : []),
        ['  requests that waited for an update', `${waitedUpdate.length}`, '', true],
        ...(waitedUpdate.length > 0 ? [['    longest such wait', `${max(waitedUpdate.map(r => r.waitedUpdateMs)).toFixed(1)} ms`, '', true]] : []),
        [`  updates during the burst: ${updates.length}`, updates.length > 0 ? `${max(updates.map(u => u.ms)).toFixed(1)} ms` : '', '', true],
        ...(updates.length > 0 ? [[`    (${count(updates, 'path')}; longest above)`, '', '', true]] : []),
        [`    update waits ended: ${Object.entries(trace.settled).map(([why, n]) => `${n} ${why}`).join(', ')}`, '', '', true],
        [`  GC pauses during the burst: ${gc.length}`, `${max(gc.map(g => g.ms)).toFixed(1)} ms`, '', true],
        [`  event-loop stalls ≥ 20 ms: ${stalls.length}`, `${max(stalls.map(s => s.ms)).toFixed(1)} ms`, '', true],
        // CPU time does not stretch with the machine's load as the wall clock does.
        ['    the most CPU time in one stall', `${max(stalls.map(s => s.cpuMs)).toFixed(1)} ms`, '', true],
        // A request's time: sent → the server's handler begins (the pipe, and whatever the server's
        // thread did before: other messages, a build, a GC, or the machine's other processes), then in the handler.
        ['  sent → handler begins, p95', `${percentile(sent.map((r, i) => requests[i].at - r.sentAt), 95).toFixed(1)} ms`, '', true],
        ['  in the handler, p95', `${percentile(requests.map(r => r.ms), 95).toFixed(1)} ms`, '', true],
        ['  request handler CPU p50', `${percentile(requests.map(r => r.cpuMs), 50).toFixed(1)} ms`, '', true],
        ['  request handler CPU p95', `${percentile(requests.map(r => r.cpuMs), 95).toFixed(1)} ms`, '', true],
        ...(updates.some(u => u.linkedMs !== undefined) ? [['  longest update, parse and link', `${max(updates.map(u => u.linkedMs ?? 0)).toFixed(1)} ms`, '', true]] : [])
    ];
    // The slowest requests, split into the time before the server's handler began (queued behind
    // other work on the server's thread, or the pipe) and the handler's own time.
    const slowest = sent.map((r, i) => ({ ...r, server: requests[i] })).sort((a, b) => b.ms - a.ms).slice(0, 3);
    for (const r of slowest) {
        const queued = r.server.at - r.sentAt;
        const detail = r.server.answer === 'build' ? `build: ${r.server.why}` : r.server.answer === 'blocks' ? `blocks: ${r.server.how}` : 'built';
        rows.push([`    slow ${r.kind}: ${queued.toFixed(0)} ms before the handler, ${r.server.ms.toFixed(0)} in it (${detail}${r.server.waitedUpdateMs > 0 ? `, ${r.server.waitedUpdateMs.toFixed(0)} waiting for an update` : ''})`, `${r.ms.toFixed(1)} ms`, '', true]);
    }
    return rows;
}

/** User and system CPU time of a process so far (Linux), in ms. */
function serverCpuMs(pid) {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

function burstRows({ burstMs, settledMs, hoverMs, completionMs, cpuMs, trace }) {
    const all = [...hoverMs, ...completionMs];
    return [
        [`burst: ${BURST_EDITS.toLocaleString('en-US')} edits in`, `${(burstMs / 1000).toFixed(2)} s`, '', true],
        ['  hover p50 during the burst', `${percentile(hoverMs, 50).toFixed(1)} ms`, '', true],
        ['  hover p95 during the burst', `${percentile(hoverMs, 95).toFixed(1)} ms`, '≤ 100 ms', percentile(hoverMs, 95) <= 100],
        ['  completion p50 during the burst', `${percentile(completionMs, 50).toFixed(1)} ms`, '', true],
        ['  completion p95 during the burst', `${percentile(completionMs, 95).toFixed(1)} ms`, '≤ 100 ms', percentile(completionMs, 95) <= 100],
        [`  slowest of ${all.length} requests`, `${Math.max(...all).toFixed(1)} ms`, '', true],
        ['  burst start → final diagnostics', `${(settledMs / 1000).toFixed(2)} s`, '', true],
        ['  server CPU, burst to final diagnostics', `${(cpuMs / 1000).toFixed(2)} s`, '', true],
        // A server without the trace (SLA_BENCH_SERVER of an older build) prints no counters.
        ...(trace ?? [])
    ];
}

function printRows(title, rows) {
    console.log(`\n${title}; Node ${process.version}, ${os.cpus().length} cores`);
    // Figures taken on a busy machine are not the server's: say how busy it was.
    console.log(`server started as: node ${[...SERVER_NODE_OPTIONS, 'sla-language-server.cjs', '--stdio'].join(' ')}`);
    console.log(`load average at the end: ${os.loadavg().map(l => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min); a figure measured with load above the core count is inflated`);
    console.log(`${'measure'.padEnd(40)}${'measured'.padStart(12)}   ${'target'.padEnd(10)} ok`);
    for (const [name, value, target, ok] of rows) console.log(`${name.padEnd(40)}${value.padStart(12)}   ${target.padEnd(10)} ${target ? (ok ? 'yes' : 'NO') : ''}`);
    process.exitCode = rows.every(r => r[3]) ? 0 : 1;
}

// Started as clients start it (docs/editors.md; the VS Code extension passes the same options).
const { SERVER_NODE_OPTIONS: DEFAULT_NODE_OPTIONS } = await import(pathToFileURL(path.join(root, 'packages/language/out/lsp/server-node-options.js')).href);
// SLA_BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' adds Node options to the servers (Node refuses --cpu-prof in NODE_OPTIONS).
const SERVER_NODE_OPTIONS = [...DEFAULT_NODE_OPTIONS, ...(process.env.SLA_BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean)];
if (only === 'evaluation') {
    const rows = evaluationRows(await hoverDuringEvaluation(SERVER_NODE_OPTIONS));
    fs.rmSync(scratch, { recursive: true, force: true });
    printRows('SLA language server over stdio: hover while sla.evaluate runs', rows);
    process.exit();
}
if (only === 'burst') {
    const rows = burstRows(await burstOfEdits(SERVER_NODE_OPTIONS));
    fs.rmSync(scratch, { recursive: true, force: true });
    printRows(`SLA language server over stdio: a burst of edits on a ${BIG_LINES.toLocaleString('en-US')}-line file`, rows);
    process.exit();
}
const { buildMs, validatedMs, openMs, editMs, hoverMs, completionMs, rssMb, finalBigText: bigText } = await session(SERVER_NODE_OPTIONS);
// The reference: the same scenario with Node's default heap settings, to show what the options buy.
progress('again with Node\'s default heap settings, for reference');
const plain = await session([]);
progress('hover while the server evaluates');
const evaluation = await hoverDuringEvaluation(SERVER_NODE_OPTIONS);
progress('a burst of edits');
const burst = await burstOfEdits(SERVER_NODE_OPTIONS);
fs.rmSync(scratch, { recursive: true, force: true });

// ---------------------------------------------------------------- the full path, for comparison
// The same 5k-line document built from scratch in this process: parsing and linking, then
// validation. An edit inside one block (the edits above) re-parses only that block; an edit
// outside any block, or one that renames a declaration, takes this full path.
const { createSlaServices } = await import(pathToFileURL(path.join(root, 'packages/language/out/index.js')).href);
const { EmptyFileSystem, URI } = await import('langium');
const { Sla: inProcess } = createSlaServices(EmptyFileSystem);
const phases = { link: [], validate: [] };
for (let k = 0; k < 3; k++) {
    const document = inProcess.shared.workspace.LangiumDocumentFactory.fromString(bigText, URI.parse(`file:///bench/phase-${k}.sla`));
    inProcess.shared.workspace.LangiumDocuments.addDocument(document);
    let started = performance.now();
    await inProcess.shared.workspace.DocumentBuilder.build([document], { validation: false });
    const linked = performance.now();
    phases.link.push(linked - started);
    started = performance.now();
    await inProcess.validation.DocumentValidator.validateDocument(document);
    phases.validate.push(performance.now() - started);
    inProcess.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
}
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------------------------------------------------------------- report
const rows = [
    ['initial workspace build (linked)', `${(buildMs / 1000).toFixed(2)} s`, '≤ 3 s', buildMs <= 3000],
    ['every file validated', `${(validatedMs / 1000).toFixed(2)} s`, '', true],
    [`open ${BIG_LINES.toLocaleString('en-US')}-line file → diagnostics`, `${openMs.toFixed(0)} ms`, '', true],
    ['edit → diagnostics p50', `${percentile(editMs, 50).toFixed(1)} ms`, '', true],
    ['edit → diagnostics p95', `${percentile(editMs, 95).toFixed(1)} ms`, '≤ 100 ms', percentile(editMs, 95) <= 100],
    ['full re-parse + link (median)', `${median(phases.link).toFixed(0)} ms`, '', true],
    ['full re-validation (median)', `${median(phases.validate).toFixed(0)} ms`, '', true],
    ['hover p95', `${percentile(hoverMs, 95).toFixed(1)} ms`, '≤ 20 ms', percentile(hoverMs, 95) <= 20],
    ['completion p95', `${percentile(completionMs, 95).toFixed(1)} ms`, '≤ 20 ms', percentile(completionMs, 95) <= 20],
    ['peak RSS (server)', `${rssMb.toFixed(0)} MB`, '≤ 400 MB', rssMb <= 400],
    ['  reference: default heap, RSS', `${plain.rssMb.toFixed(0)} MB`, '', true],
    ['  reference: default heap, build', `${(plain.buildMs / 1000).toFixed(2)} s`, '', true],
    ...evaluationRows(evaluation),
    ...burstRows(burst)
];
printRows(`SLA language server over stdio: ${FILES} files, ${totalLines.toLocaleString('en-US')} lines; edits on a ${BIG_LINES.toLocaleString('en-US')}-line file; ${SAMPLES} samples each`, rows);
