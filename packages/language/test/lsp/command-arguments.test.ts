/**
 * The arguments the server's commands refuse with `{ ok: false, message }` (docs/editors.md),
 * as `sla evaluate` refuses them, instead of an answer of nothing or an internal error:
 *
 * - a `from` or `to` that is no day. The period checks compare days as text: '2026-13-01' was
 *   "after" the validity ("Nothing to evaluate: the period starts on 2026-13-01 …"), '2026-1-5'
 *   "after" '2026-03-31', and 2026-02-30 reached the engine (JSON-RPC -32603 "'2026-02-30' is
 *   not a valid calendar date"), in `sla.evaluatePortfolio` too;
 * - a URI of no document and no file (-32603 "ENOENT: … open '/…/ghost.sla'"), or no URI at all
 *   (`not a uri`, read as the path '/not a uri'), in `sla.evaluate`, `sla.explain` and `sla.diff`.
 *
 * Figures of the unaffected evaluation: January 2026 has 31 × 1,440 = 44,640 minutes; one outage
 * 00:00–12:24 on the 10th is 744 minutes: 43,896 / 44,640 = 59/60 = 98.333… %.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { DiffCommandResult, EvaluateCommandArguments, EvaluateCommandResult, EvaluatePortfolioResult, ExplainCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const AGREEMENT = `agreement Alpha "Alpha" {
    provider P "Prov"
    customer C "Alpha Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset incidents "Incidents" from "data/incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
    }
}
`;

const dayMessage = (command: string, option: string, value: string) =>
    `${command}: \`${option}\` must be a date written YYYY-MM-DD, a day that exists (e.g. 2026-03-31), not ${value}.`;

describe('the arguments the server commands refuse', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sla-command-arguments-'));
    mkdirSync(path.join(folder, 'data'));
    writeFileSync(path.join(folder, 'data', 'incidents.csv'), 'started,resolved\n2026-01-10T00:00:00Z,2026-01-10T12:24:00Z\n');
    const file = path.join(folder, 'alpha.sla');
    writeFileSync(file, AGREEMENT);
    const ghost = path.join(folder, 'ghost.sla');
    const { services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const handler = services.shared.lsp.ExecuteCommandHandler!;
    const uri = URI.file(file).toString();
    const NOW = '2026-06-01T00:00:00Z';
    const evaluate = (args: Partial<Record<keyof EvaluateCommandArguments, unknown>>) =>
        handler.executeCommand('sla.evaluate', [{ uri, now: NOW, ...args }]) as Promise<EvaluateCommandResult>;
    const portfolio = (args: Record<string, unknown>) =>
        handler.executeCommand('sla.evaluatePortfolio', [{ folder: URI.file(folder).toString(), now: NOW, ...args }]) as Promise<EvaluatePortfolioResult>;

    test.each([
        ['from', '2026-13-01'], // no 13th month: was "the period starts on 2026-13-01, after Alpha is valid"
        ['from', 'yesterday'],
        ['from', '2026-02-30'], // February 2026 has 28 days: was JSON-RPC -32603 from the engine
        ['to', '2026-02-31']
    ])('sla.evaluate refuses %s %s as sla evaluate --from/--to does', async (option, value) => {
        expect(await evaluate({ [option]: value })).toEqual({ ok: false, problems: [], message: dayMessage('sla.evaluate', option, `'${value}'`) });
    });

    test('a day not written YYYY-MM-DD is refused before it is compared with the other', async () => {
        // '2026-1-5' > '2026-03-31' as text: it was "the first day, 2026-1-5, is after the last day".
        expect(await evaluate({ from: '2026-1-5', to: '2026-03-31' })).toEqual({ ok: false, problems: [], message: dayMessage('sla.evaluate', 'from', "'2026-1-5'") });
        expect(await evaluate({ from: '2026-01-01', to: 20260131 })).toEqual({ ok: false, problems: [], message: dayMessage('sla.evaluate', 'to', '20260131') });
    });

    test('existing days are evaluated as before (unaffected)', async () => {
        const result = await evaluate({ from: '2026-01-01', to: '2026-01-31' });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.report.objectives[0]!.windows[0]!.value).toBeCloseTo(59 / 60, 12);
        // A 29th of February only in a leap year: 2028-02-29 exists, and is after the validity.
        const leap = await evaluate({ from: '2028-02-29' });
        expect(leap.ok === false && leap.message).toMatch(/^Nothing to evaluate: the period starts on 2028-02-29, after Alpha is valid/);
    });

    test('sla.evaluatePortfolio refuses a day that does not exist, and evaluates existing ones', async () => {
        expect(await portfolio({ from: '2026-02-30' })).toEqual({ ok: false, message: dayMessage('sla.evaluatePortfolio', 'from', "'2026-02-30'") });
        expect(await portfolio({ to: '2026-13-01' })).toEqual({ ok: false, message: dayMessage('sla.evaluatePortfolio', 'to', "'2026-13-01'") });
        const january = await portfolio({ from: '2026-01-01', to: '2026-01-31' });
        expect(january.ok && january.portfolio.entries.map(entry => entry.report.objectives[0]!.windows[0]!.value)).toEqual([59 / 60]);
    });

    test('a URI of no file is refused by sla.evaluate, sla.explain and sla.diff', async () => {
        const ghostUri = URI.file(ghost).toString();
        expect(await evaluate({ uri: ghostUri })).toEqual({ ok: false, problems: [], message: `sla.evaluate: no such file: ${ghost}` });
        expect(await handler.executeCommand('sla.explain', [{ uri: ghostUri }]) as ExplainCommandResult).toEqual({ ok: false, message: `sla.explain: no such file: ${ghost}` });
        expect(await handler.executeCommand('sla.diff', [{ uri: ghostUri }]) as DiffCommandResult).toEqual({ ok: false, message: `sla.diff: no such file: ${ghost}` });
        // A folder is no file either.
        expect(await evaluate({ uri: URI.file(path.join(folder, 'data')).toString() })).toEqual({ ok: false, problems: [], message: `sla.evaluate: not a file: ${path.join(folder, 'data')}` });
        // Of the editor's documents, only those open are known.
        expect(await evaluate({ uri: 'untitled:Untitled-9' })).toEqual({ ok: false, problems: [], message: 'sla.evaluate: no such document: untitled:Untitled-9 (not open in the editor, and not a file URI)' });
    });

    test('text that is no URI is refused', async () => {
        const message = (command: string) => `${command}: not a file URI: 'not a uri' (the URI of an .sla document, e.g. file:///home/me/agreement.sla).`;
        expect(await evaluate({ uri: 'not a uri' })).toEqual({ ok: false, problems: [], message: message('sla.evaluate') });
        expect(await handler.executeCommand('sla.explain', [{ uri: 'not a uri' }])).toEqual({ ok: false, message: message('sla.explain') });
        expect(await handler.executeCommand('sla.diff', [{ uri: 'not a uri' }])).toEqual({ ok: false, message: message('sla.diff') });
        expect(await handler.executeCommand('sla.explain', [])).toEqual({ ok: false, message: 'sla.explain needs the URI of an .sla document.' });
    });

    test('the document of an existing file is explained as before (unaffected)', async () => {
        const text = await handler.executeCommand('sla.explain', [{ uri }]);
        expect(typeof text).toBe('string');
        expect(text).toContain('Alpha');
    });
});
