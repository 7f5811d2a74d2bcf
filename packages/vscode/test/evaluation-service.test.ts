/**
 * One evaluation from the editor's side (EvaluationService), with `vscode` and the language
 * client as stand-ins: what is sent to the server's `sla.evaluate`, which agreement evaluate on
 * save asks for, and the text the results are placed with when the file is edited meanwhile.
 */
import type { Report } from '@sla/engine';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { host, type Uri } from './vscode-stand-in.js';

vi.mock('vscode', () => import('./vscode-stand-in.js'));
vi.mock('vscode-languageclient/node', () => ({ ExecuteCommandRequest: { type: 'workspace/executeCommand' } }));

const { EvaluationService } = await import('../src/commands/evaluation-service.js');
const { placedOutcomes } = await import('../src/results/evaluated-text.js');

// Alpha's objective on line 5 (1-based); Beta's header on line 8, its objective on line 12.
const TEXT = `agreement Alpha "Alpha" {
    dataset incidents "Alpha incidents" from "data/alpha.csv" { started timestamp }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to started)
        objective Availability >= 99.9% per calendar month
    }
}
agreement Beta "Beta" {
    dataset betaIncidents "Beta incidents" from "data/beta.csv" { started timestamp }
    service Web "Web" {
        kpi Availability "Up" = uptime(betaIncidents, from started to started)
        objective Availability >= 99.9% per calendar month
    }
}
`;

function reportOf(agreement: string, line: number, dataset: string): Report {
    const window = { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z', value: 1, status: 'met', margin: 0.001, partial: false };
    return {
        agreement, period: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, totals: { met: 1, breached: 0, noData: 0 },
        datasets: [{ name: dataset, path: `/work/data/${dataset}.csv` }],
        objectives: [{ service: 'Web', kpi: 'Availability', comparison: '>=', target: 0.999, unit: 'percentage', window: 'calendar month', source: { line, column: 9 }, windows: [window], status: 'met' }],
        internalTargets: []
    } as unknown as Report;
}

interface Sent { agreement?: string; dataOverrides?: Record<string, string>; sharedDataOverrides?: Record<string, string> }

function setUp(whileEvaluating: (args: Sent) => void = () => undefined) {
    const sent: Sent[] = [];
    const client = {
        isRunning: () => true,
        code2ProtocolConverter: { asUri: (uri: Uri) => uri.toString() },
        sendRequest: async (_type: unknown, params: { arguments: [Sent] }) => {
            const args = params.arguments[0];
            sent.push(args);
            whileEvaluating(args);
            return { ok: true, report: args.agreement === 'Beta' ? reportOf('Beta', 12, 'betaIncidents') : reportOf('Alpha', 5, 'incidents') };
        }
    };
    const results = { set: vi.fn() };
    const panel = { show: vi.fn(), updateIfOpen: vi.fn() };
    const logged: string[] = [];
    const log = { info: (line: string) => logged.push(line), warn: () => undefined, error: (line: string) => logged.push(line) };
    const service = new EvaluationService(async () => client as never, results as never, panel as never, log as never);
    return { service, sent, results, logged };
}

describe('the evaluation service', () => {
    beforeEach(() => host.reset());

    it('evaluate on save asks again for the agreement last evaluated in the document, not the file\'s first', async () => {
        const uri = host.open('/work/two.sla', TEXT);
        const { service, sent } = setUp();
        await service.evaluate({ uri, agreement: 'Beta', revealReport: true }); // the CodeLens over Beta
        await service.evaluateAgain(uri); // the save
        expect(sent.map((args) => args.agreement)).toEqual(['Beta', 'Beta']);
    });

    it('evaluate on save of a document never evaluated asks for no agreement (the server takes the first)', async () => {
        const uri = host.open('/work/two.sla', TEXT);
        const other = host.open('/work/other.sla', TEXT);
        const { service, sent } = setUp();
        await service.evaluate({ uri: other, agreement: 'Beta', revealReport: true });
        await service.evaluateAgain(uri);
        expect(sent[1]!.agreement).toBeUndefined();
    });

    it('sends the setting\'s overrides as shared (the server applies each where the agreement has the dataset) and the command\'s as the agreement\'s own', async () => {
        const uri = host.open('/work/two.sla', TEXT);
        host.settings['data.overrides'] = { incidents: '/work/exports/alpha-q2.csv' };
        const { service, sent, logged } = setUp();
        await service.evaluate({ uri, agreement: 'Beta', extraDataOverrides: { betaIncidents: '/work/exports/beta-q2.csv' }, revealReport: true });
        expect(sent[0]).toMatchObject({ agreement: 'Beta', dataOverrides: { betaIncidents: '/work/exports/beta-q2.csv' }, sharedDataOverrides: { incidents: '/work/exports/alpha-q2.csv' } });
        // The log names the overrides the report read: Beta has no dataset `incidents`.
        expect(logged[0]).toMatch(/; data overrides betaIncidents=\/work\/exports\/beta-q2\.csv$/);
    });

    it('places the results with the text evaluated when a line is typed above meanwhile', async () => {
        const uri = host.open('/work/two.sla', TEXT);
        const { service, results } = setUp(() => host.edit(uri, 0, 0, '// note\n'));
        const report = await service.evaluate({ uri, revealReport: true });
        const [, , evaluated] = results.set.mock.calls[0]!;
        expect(evaluated).toMatchObject({ text: TEXT, version: 1 });
        // Alpha's objective: line 5 of the text evaluated, line 6 (0-based 5) after the note; not its header.
        expect(placedOutcomes(report!, evaluated).map((outcome) => [outcome.line, outcome.fromTemplate])).toEqual([[5, undefined]]);
    });

    it('without edits meanwhile, the text evaluated is the document\'s', async () => {
        const uri = host.open('/work/two.sla', TEXT);
        const { service, results } = setUp();
        const report = await service.evaluate({ uri, agreement: 'Beta', revealReport: false });
        const [, , evaluated] = results.set.mock.calls[0]!;
        expect(evaluated).toEqual({ text: TEXT, version: 1, editsSince: [] });
        expect(placedOutcomes(report!, evaluated).map((outcome) => outcome.line)).toEqual([11]);
    });
});
