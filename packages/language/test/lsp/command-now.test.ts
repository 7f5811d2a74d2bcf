/**
 * The `now` of the server's evaluation commands: epoch milliseconds, or an ISO-8601 timestamp
 * with Z or an offset as `sla evaluate --now` takes it; anything else is refused with a message
 * saying what to give (it was handed to the engine as it was: "Invalid time value").
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { EvaluatePortfolioResult } from '../../src/lsp/portfolio/portfolio-command.js';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const example = path.join(root, 'examples', 'managed-hosting', 'acme-hosting.sla');

describe('the now of sla.evaluate and sla.evaluatePortfolio', async () => {
    const { services } = await loadSlaFiles([example]);
    // The commands wait for the workspace to be loaded: here there is no folder, only the file loaded above.
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const handler = services.shared.lsp.ExecuteCommandHandler!;
    const evaluate = (now: unknown) => handler.executeCommand('sla.evaluate', [{ uri: URI.file(example).toString(), from: '2026-01-01', to: '2026-03-31', now }]) as Promise<EvaluateCommandResult>;

    test('an ISO-8601 timestamp with an offset is the instant its milliseconds are', async () => {
        const text = await evaluate('2026-04-01T08:00:00+02:00');
        const ms = await evaluate(Date.parse('2026-04-01T06:00:00Z'));
        expect(text.ok && ms.ok).toBe(true);
        if (!text.ok || !ms.ok) return;
        // The agreement's zone is Europe/Berlin (UTC+2 in April): the same instant, as the report writes it.
        expect(text.report.generatedAt).toBe('2026-04-01T08:00:00+02:00');
        expect(text.report).toEqual(ms.report);
        const utc = await evaluate('2026-04-01T06:00:00Z');
        expect(utc.ok && utc.report.generatedAt).toBe('2026-04-01T08:00:00+02:00');
    });

    test('a time without Z or offset, or no timestamp at all, is refused with what to give', async () => {
        for (const now of ['2026-04-01T08:00:00', 'yesterday', '', true]) {
            const result = await evaluate(now);
            expect(result.ok).toBe(false);
            if (result.ok) continue;
            expect(result.message).toContain('sla.evaluate: `now` must be an ISO-8601 timestamp with Z or a UTC offset (e.g. "2026-04-01T08:00:00+02:00")');
            expect(result.message).toContain(`not ${JSON.stringify(now)}`);
        }
        const portfolio = await handler.executeCommand('sla.evaluatePortfolio', [{ folder: URI.file(path.dirname(example)).toString(), now: 'April' }]) as EvaluatePortfolioResult;
        expect(portfolio).toEqual({ ok: false, message: expect.stringContaining('sla.evaluatePortfolio: `now` must be an ISO-8601 timestamp') });
    });
});
