/**
 * A template's dataset whose zone is a parameter (`timezone zone`) reads a timestamp without an
 * offset in the client's zone (`with zone = "Asia/Tokyo"`). The template's datasets are not copied
 * into the client (their file path is relative to the catalogue), so before, the client's value never
 * reached them: the dataset kept the default filled in at parse time (Europe/Berlin; UTC without one).
 *
 * One incident written 2026-02-01T00:00:00 to 08:00:00 without an offset (8 h = 480 min); 99.9 % per
 * calendar month in UTC (the template's own `timezone "UTC"`); January has 44,640 min, February 40,320.
 * - Tokyo (UTC+9): 2026-01-31 15:00–23:00 UTC → January 1 − 480/44,640 = 0.98924731…, February 1.
 * - New York (EST, UTC−5): 2026-02-01 05:00–13:00 UTC → January 1, February 1 − 480/40,320 = 0.98809523….
 * - No argument, the default Europe/Berlin (CET, UTC+1): 2026-01-31 23:00 to 2026-02-01 07:00 UTC →
 *   January 1 − 60/44,640 = 0.99865591…, February 1 − 420/40,320 = 0.98958333… (as before the fix).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDataset, type Agreement, type Dataset } from '../../src/generated/ast.js';
import { agreementModelOf, agreementsOf, evaluateDocument } from '../../src/evaluation/evaluate-document.js';
import { evaluatePortfolioDocuments } from '../../src/evaluation/evaluate-portfolio.js';
import { datasetMarkdown } from '../../src/explain/dataset-text.js';
import { explainNode } from '../../src/explain/explain-node.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { loadSlaFiles } from '../../src/node.js';

const CATALOGUE = `template Offering "Offering" {
    parameter zone timezone default "Europe/Berlin"
    provider P "Prov"
    timezone "UTC"
    dataset incidents "Incidents" from "data/incidents.csv" {
        timezone zone
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
    }
}
`;

function client(name: string, zone: string | undefined): string {
    return `import "catalogue.sla"

agreement ${name} "${name}" from Offering {
    customer C "${name} Co"
    valid from 2026-01-01 to 2026-12-31
    fee 1000 EUR per calendar month
${zone === undefined ? '' : `    with zone = "${zone}"\n`}}
`;
}

const JANUARY = 31 * 24 * 60;
const FEBRUARY = 28 * 24 * 60;
const PERIOD = { from: '2026-01-01', to: '2026-02-28', now: Date.UTC(2027, 0, 1) };

async function load(clients: Record<string, string | undefined>) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-dataset-zone-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.mkdirSync(path.join(folder, 'data'));
    fs.writeFileSync(path.join(folder, 'data', 'incidents.csv'), 'started,resolved\n2026-02-01T00:00:00,2026-02-01T08:00:00\n');
    for (const [name, zone] of Object.entries(clients)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), client(name, zone));
    const { documents, services } = await loadSlaFiles(Object.keys(clients).map(name => path.join(folder, `${name.toLowerCase()}.sla`)));
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name.toLowerCase()}.sla`))!;
    const agreementOf = (name: string): Agreement => agreementsOf(documentOf(name))[0]!;
    return { documents, services, documentOf, agreementOf };
}

const monthly = (report: { objectives: Array<{ windows: Array<{ value?: number | null }> }> }) => report.objectives[0]!.windows.map(w => w.value);

describe('a template dataset\'s zone given by a parameter', async () => {
    const { services, documentOf, agreementOf } = await load({ Tokyo: 'Asia/Tokyo', NewYork: 'America/New_York', Standard: undefined });

    it('is the client\'s value in the evaluation model, else the default', () => {
        expect(agreementModelOf(documentOf('Tokyo'), services).datasets.incidents!.timezone).toBe('Asia/Tokyo');
        expect(agreementModelOf(documentOf('NewYork'), services).datasets.incidents!.timezone).toBe('America/New_York');
        expect(agreementModelOf(documentOf('Standard'), services).datasets.incidents!.timezone).toBe('Europe/Berlin');
    });

    it('reads the incident in Tokyo time for the Tokyo client', async () => {
        const report = await evaluateDocument(documentOf('Tokyo'), services, PERIOD);
        expect(monthly(report)).toEqual([1 - 480 / JANUARY, 1]);
    });

    it('reads it in the default zone for a client without the argument (unchanged)', async () => {
        const report = await evaluateDocument(documentOf('Standard'), services, PERIOD);
        expect(monthly(report)).toEqual([1 - 60 / JANUARY, 1 - 420 / FEBRUARY]);
    });

    for (const engine of ['local', 'duckdb'] as const) {
        it(`gives each client of a portfolio its own read of the shared file (${engine})`, async () => {
            const selected = ['Tokyo', 'NewYork', 'Standard'].map(name => ({ document: documentOf(name), agreement: agreementOf(name) }));
            const portfolio = await evaluatePortfolioDocuments(selected, services, { ...PERIOD, engine });
            const values = Object.fromEntries(portfolio.entries.map(entry => [entry.agreement, monthly(entry.report!)]));
            expect(values.Tokyo![0]).toBeCloseTo(1 - 480 / JANUARY, 12);
            expect(values.Tokyo![1]).toBe(1);
            expect(values.NewYork![0]).toBe(1);
            expect(values.NewYork![1]).toBeCloseTo(1 - 480 / FEBRUARY, 12);
            expect(values.Standard![0]).toBeCloseTo(1 - 60 / JANUARY, 12);
            expect(values.Standard![1]).toBeCloseTo(1 - 420 / FEBRUARY, 12);
        });
    }

    it('is the client\'s value in the explanation of the client\'s dataset', () => {
        const resolved = resolveClient(agreementOf('Tokyo'))!;
        const dataset = resolved.template.members.find(isDataset) as Dataset;
        expect(datasetMarkdown(dataset, 'catalogue.sla', resolved.agreement)).toContain('- Timestamps without an offset are read in Asia/Tokyo time\n');
        expect(datasetMarkdown(dataset, 'catalogue.sla', agreementOf('Tokyo'))).toContain('- Timestamps without an offset are read in Asia/Tokyo time\n');
    });

    it('is the default in the template\'s hovers, saying that each client sets its own', () => {
        const dataset = resolveClient(agreementOf('Tokyo'))!.template.members.find(isDataset) as Dataset;
        expect(explainNode(dataset, services.types.TypeComputer)).toContain('Timestamps without an offset are read in Europe/Berlin time (the default of the parameter zone, which each client agreement sets: `with zone = "…"`)');
        expect(explainNode(dataset.fields[0]!, services.types.TypeComputer)).toContain('or without an offset in Europe/Berlin time (the dataset\'s time zone; the default of the parameter zone, which each client agreement sets: `with zone = "…"`)');
    });
});
