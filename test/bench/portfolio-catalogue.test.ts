// The .sla files `npm run bench:portfolio` generates (portfolio-catalogue.mjs), checked at a small
// size so that a language change that breaks them shows here, not in a 10M-row run: the
// catalogue and its clients validate without errors or warnings, each client resolves to the
// targets, validity and scope the bench's DuckDB cross-check assumes, and the default instance
// promises what the plain agreement (`--plain`) promises.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import { agreementModelOf } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles, SlaNodeFileSystem } from '../../packages/language/src/node.js';
import { createSlaServices } from '../../packages/language/src/sla-module.js';
import { dataAccessOf } from '../../packages/language/src/validation/sla-validation-module.js';
import { benchClients, catalogueText, clientAgreementText, groupedAgreementText, negotiated, PLAIN_TARGETS, plainAgreementText } from './portfolio-catalogue.mjs';

// 48 clients: every kind of negotiation the generator writes occurs (the largest period is 12).
const clients = benchClients(48);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-bench-catalogue-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The bench's layout, with a few rows per shared file: data and catalogue.sla beside clients/ (and plain/). */
function writePortfolio(): void {
    fs.writeFileSync(path.join(root, 'requests.csv'), 'time,client,service,latency_ms,status\n2026-03-01T12:00:00.000Z,c000,hosting,120.5,200\n');
    fs.writeFileSync(path.join(root, 'incidents.csv'), 'client,service,started,resolved\nc000,hosting,2026-03-01T12:00:00.000Z,2026-03-01T13:00:00.000Z\nc006,mail,2026-03-01T12:00:00.000Z,2026-03-01T13:00:00.000Z\n');
    fs.writeFileSync(path.join(root, 'tickets.csv'), 'client,opened,responded,priority\nc000,2026-03-01T12:00:00.000Z,2026-03-01T12:30:00.000Z,P1\n');
    fs.writeFileSync(path.join(root, 'catalogue.sla'), catalogueText(''));
    for (const folder of ['clients', 'plain', 'one-plan']) fs.mkdirSync(path.join(root, folder));
    fs.writeFileSync(path.join(root, 'one-plan', 'one-plan.sla'), groupedAgreementText('Europe/Berlin', '../'));
    for (const client of clients) {
        fs.writeFileSync(path.join(root, 'clients', `${client.id}.sla`), clientAgreementText(client, '../catalogue.sla'));
        fs.writeFileSync(path.join(root, 'plain', `${client.id}.sla`), plainAgreementText(client, '../'));
    }
}
writePortfolio();

/** Services that may read the data beside the files, as the bench's CLI runs do (the working directory is the data's folder). */
function servicesInRoot() {
    const services = createSlaServices(SlaNodeFileSystem).Sla;
    dataAccessOf(services).roots = [root];
    return services;
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
function problems(documents: LangiumDocument[]): string[] {
    const lines: string[] = [];
    for (const document of documents) {
        const file = path.relative(root, document.uri.fsPath);
        for (const e of document.parseResult.parserErrors) lines.push(`${file}: parser error: ${e.message}`);
        for (const d of document.diagnostics ?? []) {
            if (d.severity === 1 || d.severity === 2) lines.push(`${file}:${d.range.start.line + 1}: ${SEVERITY[d.severity]}: ${d.message} [${String(d.code)}]`);
        }
    }
    return lines;
}

describe('the generated bench portfolio (catalogue)', async () => {
    // The clients, as the bench gives them; the catalogue comes in through their import.
    const { documents, all, services } = await loadSlaFiles([path.join(root, 'clients')], { services: servicesInRoot() });
    const clientDocument = (id: string) => documents.find(d => d.uri.fsPath === path.join(root, 'clients', `${id}.sla`))!;
    const model = (id: string) => agreementModelOf(clientDocument(id), services);

    test('validates without errors or warnings', () => {
        expect(all.map(d => path.relative(root, d.uri.fsPath)).sort()).toEqual(['catalogue.sla', ...clients.map(client => `clients/${client.id}.sla`)]);
        expect(problems(all)).toEqual([]);
    });

    test('each client resolves to the targets, validity, zone, fee and scope the cross-check assumes', () => {
        for (const client of clients) {
            const m = model(client.id);
            const targets = negotiated(client.index).targets;
            for (const [kpi, target] of Object.entries(targets)) {
                expect(m.objectives.find(o => o.kpiName === kpi)?.target, `${client.id} ${kpi}`).toBe(target);
            }
            expect([m.validity, m.timezone, m.fee?.amount, m.fee?.currency]).toEqual([{ from: client.validFrom, to: '2026-12-31' }, client.zone, client.fee, client.currency]);
            expect(m.datasets.requests.clientScope).toEqual({ field: 'client', value: client.id });
            expect(m.datasets.requests.path).toBe(path.join(root, 'requests.csv'));
        }
    });

    test('deviates from the template exactly where the client negotiated something', () => {
        const deviating = clients.filter(client => model(client.id).template!.deviations.length > 0).map(client => client.id);
        // Every argument counts, `tier1Credit = 15 %` too: the credit pays more than the template's 10 % (tightened).
        const negotiating = clients.filter(client => negotiated(client.index).args.length > 0 || negotiated(client.index).members.length > 0).map(client => client.id);
        expect(deviating).toEqual(negotiating);
        // A realistic mix: the default instance, tightened targets, an added service, and tables of their own
        // (20 % and 40 % below 99.9 % and 99.0 %): tightened against the catalogue's standard (10 %, 25 %),
        // whatever availability the client was promised.
        const kinds = new Set(clients.flatMap(client => model(client.id).template!.deviations.map(d => d.kind)));
        expect([...kinds].sort()).toEqual(['added', 'tightened']);
        expect(model('c000').template!.deviations).toEqual([]);
        expect(model('c007').template!.deviations.map(d => [d.member, d.kind, d.text])).toEqual([
            ['credit Hosting.Availability', 'tightened', 'below 99.9 % : 15 % of fee instead of below 99.9 % : 10 % of fee (tier1Credit)']
        ]);
    });

    describe('the one-plan reference', async () => {
        const reference = await loadSlaFiles([path.join(root, 'one-plan')], { services: servicesInRoot() });

        test('validates without errors or warnings', () => {
            expect(problems(reference.documents)).toEqual([]);
        });

        test('judges every promise of the default instance for each client, on the same files', () => {
            const m = agreementModelOf(reference.documents[0]!, reference.services);
            const c000 = model('c000');
            // The same promises and credit tiers as the default instance, each per client; the files the clients read.
            expect(m.objectives.map(o => [o.service, o.kpiName, o.comparison, o.target, o.scopeField])).toEqual(c000.objectives.map(o => [o.service, o.kpiName, o.comparison, o.target, 'client']));
            expect(m.credits.map(c => [c.kpiName, c.scopeField, c.tiers.map(t => [t.upper?.value, t.amount])])).toEqual(c000.credits.map(c => [c.kpiName, 'client', c.tiers.map(t => [t.upper?.value, t.amount])]));
            expect(m.timezone).toBe('Europe/Berlin');
            for (const name of ['requests', 'incidents', 'tickets']) expect(m.datasets[name]!.path).toBe(c000.datasets[name]!.path);
            expect(m.datasets.requests!.clientScope).toBeUndefined();
        });
    });

    describe('--plain', async () => {
        const plain = await loadSlaFiles([path.join(root, 'plain')], { services: servicesInRoot() });

        test('validates without errors or warnings', () => {
            expect(problems(plain.documents)).toEqual([]);
        });

        test('promises what the template\'s default instance promises', () => {
            const promises = (m: ReturnType<typeof model>) => ({
                objectives: m.objectives.map(o => [o.service, o.kpiName, o.comparison, o.target]),
                internal: m.internalTargets.map(t => [t.kpiName, t.comparison, t.target]),
                tiers: m.credits.map(c => c.tiers.map(t => [t.upper?.value, t.amount]))
            });
            const plainC000 = agreementModelOf(plain.documents.find(d => d.uri.fsPath.endsWith('c000.sla'))!, plain.services);
            expect(promises(plainC000)).toEqual(promises(model('c000')));
            expect(plainC000.objectives.map(o => o.target)).toEqual([PLAIN_TARGETS.Requests, PLAIN_TARGETS.Success, PLAIN_TARGETS.P95Latency, 0.999, PLAIN_TARGETS.P1Response]);
        });
    });
});
