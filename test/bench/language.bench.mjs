// Parse + link time of generated agreements of 1k, 10k and 50k lines, and full validation
// time of the 10k-line one. Prints figures and the targets side by side (issue 2 and 3):
// linear growth (50k ≤ 6 × 10k), 10k lines parsed and linked in under 1 s, validated in
// under 300 ms.
import * as os from 'node:os';
import { EmptyFileSystem, URI } from 'langium';
import { createSlaServices } from '../../packages/language/out/index.js';
import { generateAgreement } from './generate-agreement.mjs';

const sizes = [1_000, 10_000, 50_000];
const runs = 3;

// One set of services for the whole run: building the parser once is start-up cost, not
// parse time.
const { Sla: services } = createSlaServices(EmptyFileSystem);

async function build(text, validation) {
    for (const old of services.shared.workspace.LangiumDocuments.all.toArray()) {
        services.shared.workspace.LangiumDocuments.deleteDocument(old.uri);
    }
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:///bench-${Math.random()}.sla`));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation });
    const elapsed = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpuStarted);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
    const errors = document.parseResult.parserErrors.length + document.parseResult.lexerErrors.length + document.references.filter(r => r.error).length;
    if (errors > 0) throw new Error(`generated document has ${errors} syntax or linking errors`);
    return { elapsed, cpu, document };
}

/**
 * Best of `runs` after one warm-up: the figure least disturbed by the machine. CPU time is
 * printed beside wall time because on a shared machine the wall clock also counts the
 * other processes' turns.
 */
async function measure(text, validation) {
    await build(text, validation);
    let best = Infinity;
    let bestCpu = Infinity;
    for (let i = 0; i < runs; i++) {
        const { elapsed, cpu } = await build(text, validation);
        best = Math.min(best, elapsed);
        bestCpu = Math.min(bestCpu, cpu);
    }
    return { ms: best, cpu: bestCpu };
}

const results = [];
for (const size of sizes) {
    const text = generateAgreement(size);
    const lines = text.split('\n').length - 1;
    const { ms, cpu } = await measure(text, false);
    results.push({ size, lines, ms, cpu });
    console.log(`parse + link ${String(lines).padStart(6)} lines: ${ms.toFixed(0).padStart(6)} ms wall, ${cpu.toFixed(0).padStart(6)} ms CPU  (${(ms / (lines / 1000)).toFixed(1)} ms per 1k lines)`);
}
const tenK = results[1];
const fiftyK = results[2];
const growth = fiftyK.ms / tenK.ms;
console.log(`growth 50k / 10k: ${growth.toFixed(2)}× wall, ${(fiftyK.cpu / tenK.cpu).toFixed(2)}× CPU   (target ≤ 6×: ${growth <= 6 ? 'met' : 'MISSED'})`);
console.log(`10k lines parse + link: ${tenK.ms.toFixed(0)} ms wall, ${tenK.cpu.toFixed(0)} ms CPU   (target < 1000 ms: ${tenK.ms < 1000 ? 'met' : 'MISSED'} on the wall clock)`);

const tenKText = generateAgreement(10_000);
const { document } = await build(tenKText, true);
const bySeverity = [0, 0, 0, 0, 0];
for (const d of document.diagnostics ?? []) bySeverity[d.severity ?? 1]++;
console.log(`diagnostics on the generated 10k document: ${bySeverity[1]} errors, ${bySeverity[2]} warnings, ${bySeverity[3]} infos, ${bySeverity[4]} hints`);

// Validation measured on its own: build (parse, link) without validation, then time
// DocumentValidator.validateDocument on that document. A fresh document per run, so the
// type and index caches start cold as after an edit.
{
    const validationRuns = [];
    for (let i = 0; i < runs + 1; i++) {
        const { document: linked } = await build(tenKText, false);
        const started = performance.now();
        await services.validation.DocumentValidator.validateDocument(linked);
        validationRuns.push(performance.now() - started);
    }
    const best = Math.min(...validationRuns.slice(1)); // the first run warms up the JIT
    console.log(`load average (1 min): ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`10k lines validation alone (measured directly): ${best.toFixed(0)} ms   (target < 300 ms: ${best < 300 ? 'met' : 'MISSED'})`);
}
