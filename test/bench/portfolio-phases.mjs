// Phases of a portfolio evaluation in one process (for profiling bench:portfolio): load and
// validate the .sla files (and the catalogue the clients import), build the models, evaluate in
// one pass per file, build the JSON text.
// Run it in the data's folder (the allowed data folder is the working directory).
//   node test/bench/portfolio-phases.mjs <files or folders…> [--workers] [--no-scope]
import { performance } from 'node:perf_hooks';
const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const t0 = performance.now();
const engine = await import('@sla/engine');
if (process.argv.includes('--workers')) engine.enableScanWorkers(new URL(import.meta.resolve('@sla/engine/scan-worker')), { warmUp: true });
const language = await import('@sla/language');
const { loadSlaFiles, SlaNodeFileSystem } = await import('@sla/language/node');
const slaServices = language.createSlaServices(SlaNodeFileSystem).Sla;
language.dataAccessOf(slaServices).roots = [process.cwd()];
const { documents, services } = await loadSlaFiles(paths, { services: slaServices, validate: true });
const t1 = performance.now();
const models = language.portfolioAgreements(documents).map(({ document, agreement }) => language.agreementModelOf(document, services, agreement.name));
if (process.argv.includes('--no-scope')) for (const model of models) for (const dataset of Object.values(model.datasets)) delete dataset.clientScope;
const cpu = process.cpuUsage();
const t2 = performance.now();
const report = await engine.evaluatePortfolio(models, { now: Date.parse('2027-01-01T00:00:00Z') });
const t3 = performance.now();
const used = process.cpuUsage(cpu);
const text = JSON.stringify(report, null, 2);
const t4 = performance.now();
const mb = (n) => `${(n / 1e6).toFixed(0)} MB`;
console.log(`${models.length} agreement(s): load+validate ${(t1 - t0).toFixed(0)} ms, evaluate ${(t3 - t2).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms), JSON ${(t4 - t3).toFixed(0)} ms (${mb(text.length)}); rss ${mb(process.memoryUsage().rss)}; reads ${report.dataFiles.map((file) => file.reads).join('/')}`);
