/**
 * The latest values a hover shows are those of the agreement the objective is written in: a file
 * holding Alpha and Beta, each with Web.Availability >= 99.9% per calendar month, showed Beta's
 * figures on Alpha's objective after Beta was evaluated (the server kept one report per file and
 * matched its entries by service, KPI and window only), and after a portfolio run only the last
 * agreement of each file had a report.
 *
 * January 2026 (UTC) has 31 × 1,440 = 44,640 minutes; 99.9 % leaves an error budget of
 * 0.1 % × 44,640 = 44.64 minutes.
 * - Alpha: 22 minutes down: 1 − 22/44,640 = 0.9995072 → 99.951 %, met; budget 22/44.64 = 49.3 % → 49 %.
 * - Beta: 744 minutes down (00:00–12:24): 1 − 744/44,640 = 0.9833333 → 98.333 %, breached;
 *   budget 744/44.64 = 16.667 → 1,667 %.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Report } from '@sla/engine';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvaluatePortfolioResult } from '../../src/lsp/portfolio/portfolio-command.js';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';
import { createSlaServices } from '../../src/sla-module.js';

const folders: string[] = [];
afterAll(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const OBJECTIVE = 'objective Availability >= 99.9% per calendar month';

const agreement = (name: string, customer: string, data: string) => `agreement ${name} "${name}" {
    provider P "Prov"
    customer ${customer} "${name} Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    dataset incidents "${name} incidents" from "${data}" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to resolved)
        ${OBJECTIVE}
    }
}
`;

const ALPHA_LINE = '- 2026-01-01 – 2026-01-31: 99.951% — met, 49% of the error budget used';
const BETA_LINE = '- 2026-01-01 – 2026-01-31: 98.333% — breached, 1,667% of the error budget used';

/** A folder with two.sla (Alpha, then Beta) and their incident registers; the server with it loaded. */
async function twoAgreements() {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-latest-agreements-'));
    folders.push(folder);
    fs.writeFileSync(path.join(folder, 'alpha.csv'), 'started,resolved\n2026-01-10T00:00:00Z,2026-01-10T00:22:00Z\n');
    fs.writeFileSync(path.join(folder, 'beta.csv'), 'started,resolved\n2026-01-10T00:00:00Z,2026-01-10T12:24:00Z\n');
    const file = path.join(folder, 'two.sla');
    fs.writeFileSync(file, agreement('Alpha', 'A', 'alpha.csv') + '\n' + agreement('Beta', 'B', 'beta.csv'));
    const { documents, services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const uri = URI.file(file);
    const document = documents[0]!;
    const evaluate = async (name: string) => {
        const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{
            uri: uri.toString(), agreement: name, from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z')
        }]) as EvaluateCommandResult;
        expect(result.ok).toBe(true);
    };
    /** The window lines of the hover's latest evaluation on the objective of the `nth` agreement (0: Alpha, 1: Beta). */
    const hoveredWindows = async (nth: number): Promise<string[]> => {
        const lines = document.textDocument.getText().split('\n');
        const line = lines.map((text, index) => text.includes(OBJECTIVE) ? index : -1).filter(index => index >= 0)[nth]!;
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') } });
        const latest = (hover?.contents as { value: string }).value.split('**Latest evaluation**')[1] ?? '';
        return latest.split('\n').filter(text => text.startsWith('- '));
    };
    return { folder, uri, services, evaluate, hoveredWindows };
}

describe('the latest values of an objective are its own agreement\'s', () => {
    test('after Beta is evaluated, Alpha\'s objective shows none of Beta\'s figures; Beta\'s shows its own', async () => {
        const { evaluate, hoveredWindows } = await twoAgreements();
        await evaluate('Beta');
        expect(await hoveredWindows(0)).toEqual([]);
        expect(await hoveredWindows(1)).toEqual([BETA_LINE]);
    });

    test('after Alpha is evaluated, Alpha\'s objective shows its own figures (as before), Beta\'s none', async () => {
        const { evaluate, hoveredWindows } = await twoAgreements();
        await evaluate('Alpha');
        expect(await hoveredWindows(0)).toEqual([ALPHA_LINE]);
        expect(await hoveredWindows(1)).toEqual([]);
    });

    test('each agreement\'s latest report is kept: Alpha\'s stays after Beta is evaluated', async () => {
        const { uri, services, evaluate } = await twoAgreements();
        await evaluate('Alpha');
        await evaluate('Beta');
        const latest = services.evaluation.LatestEvaluations;
        expect(latest.get(uri, 'Alpha')?.objectives[0]?.windows[0]?.value).toBeCloseTo(1 - 22 / 44_640, 12);
        expect(latest.get(uri, 'Beta')?.objectives[0]?.windows[0]?.value).toBeCloseTo(1 - 744 / 44_640, 12);
        // Without a name: the one evaluated last.
        expect(latest.get(uri)?.agreement).toBe('Beta');
    });

    test('a portfolio run keeps the report of each agreement of a file, not only the last one\'s', async () => {
        const { folder, uri, services, hoveredWindows } = await twoAgreements();
        const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluatePortfolio', [{
            folder: URI.file(folder).toString(), from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z')
        }]) as EvaluatePortfolioResult;
        expect(result.ok).toBe(true);
        const latest = services.evaluation.LatestEvaluations;
        expect(latest.get(uri, 'Alpha')?.objectives[0]?.windows[0]?.value).toBeCloseTo(1 - 22 / 44_640, 12);
        expect(latest.get(uri, 'Beta')?.objectives[0]?.windows[0]?.value).toBeCloseTo(1 - 744 / 44_640, 12);
        // Whichever came last, each agreement's objective shows its own figures (the hover names its agreement).
        expect(await hoveredWindows(0)).toEqual([ALPHA_LINE]);
        expect(await hoveredWindows(1)).toEqual([BETA_LINE]);
    });
});

describe('a template\'s objective in the file of a client built from it', () => {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const parse = parseHelper(services);
    afterAll(() => clearDocuments(services));
    const text = `template Hosting "Hosting" {
    provider P "Prov"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset incidents "Incidents" from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to resolved)
        ${OBJECTIVE}
    }
}

agreement Client "Client" from Hosting {
    customer C "Client Customer"
}
`;
    /** A report of `agreement` whose one objective is the template's, 98.333 % in January (Beta's figures above). */
    const reportOf = (name: string) => ({
        schemaVersion: 1, agreement: name, timezone: 'UTC', period: { from: '2026-01-01T00:00:00+00:00', to: '2026-02-01T00:00:00+00:00' }, generatedAt: '2026-02-15T00:00:00+00:00',
        datasets: [], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 1, met: 0, breached: 1, noData: 0 },
        objectives: [{
            service: 'Web', kpi: 'Web.Availability', kpiKey: 'Web.Availability', unit: 'ratio', window: 'calendar month', source: { line: 11, column: 9 }, comparison: '>=', target: 0.999, status: 'breached',
            windows: [{ start: '2026-01-01T00:00:00+00:00', end: '2026-02-01T00:00:00+00:00', partial: false, value: 1 - 744 / 44_640, status: 'breached', margin: 1 - 744 / 44_640 - 0.999, budgetConsumed: 744 / 44.64, budgetRemaining: 1 - 744 / 44.64, rows: 1, unresolved: 0 }]
        }]
    }) as unknown as Report;
    const hover = async (document: LangiumDocument) => {
        const lines = text.split('\n');
        const line = lines.findIndex(l => l.includes(OBJECTIVE));
        const content = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') } });
        return (content?.contents as { value: string }).value;
    };

    test('shows the figures of the client evaluated (not affected)', async () => {
        const document = await parse(text, { documentUri: 'file:///ws/hosting-client.sla' });
        services.evaluation.LatestEvaluations.remember(document.uri, reportOf('Client'));
        expect(await hover(document)).toContain(BETA_LINE);
    });

    test('shows none of a report of an agreement not built from it', async () => {
        const document = await parse(text, { documentUri: 'file:///ws/hosting-other.sla' });
        services.evaluation.LatestEvaluations.remember(document.uri, reportOf('Other'));
        expect(await hover(document)).not.toContain('**Latest evaluation**');
    });
});
