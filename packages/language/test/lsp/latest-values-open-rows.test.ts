/**
 * The hover of an objective after `sla.evaluate` says what open rows left undecided, as the CLI
 * table does: a value that counts a failed open ticket at its elapsed time so far is "at least"
 * that, and a window with a pending ticket is provisional, with its counts (SEMANTICS, Decisions
 * of 2026-12: "Open items never flatter a result"). It said "8 h — breached, partial window".
 *
 * Workspace: a desk open 08:00 to 18:00 on weekdays, in UTC, evaluated for March 2026 at
 * 2026-03-31T17:00Z (a Tuesday): the period, and the one calendar month window, end at 17:00.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-latest-open-rows-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const AGREEMENT = `agreement Desk "Open tickets in the hover" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    calendar Hours "Desk hours" {
        monday to friday 08:00 to 18:00
    }

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened    timestamp
        responded timestamp optional
        priority  one of "P1", "P2"
    }

    service S "S" {
        kpi P1Response "P1 response, worst" owner "desk" =
            max(elapsed(tickets.opened, tickets.responded) during Hours where priority = "P1")
        kpi P2OnTime "P2 answered within 4 hours" owner "desk" =
            share(tickets where priority = "P2" and elapsed(tickets.opened, tickets.responded) during Hours <= 4 hours
                  of tickets where priority = "P2")

        objective P1Response <= 30 minutes per calendar month
        objective P2OnTime >= 50% per calendar month
    }
}
`;

// P1: one answered in 10 minutes, one open since 09:00 on the 31st: 8 desk hours by 17:00, already
// over 30 minutes, so failed while open and counted at 8 h — the worst is at least 8 h.
// P2: one answered after 10 hours (09:00 to 19:00, 9 desk hours: missed), one open since 16:00:
// 1 desk hour so far, could still make 4 hours, so pending — left out of both sides: 0 of 1 = 0 %,
// budget used (1 − 0) / (1 − 0.5) = 200 %, and the pending ticket could still make it 1 of 2 = 50 %, met: provisional.
const TICKETS = `opened,responded,priority
2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,P1
2026-03-31T09:00:00Z,,P1
2026-03-02T09:00:00Z,2026-03-02T19:00:00Z,P2
2026-03-31T16:00:00Z,,P2
`;

describe('the latest values of an objective with open tickets', async () => {
    const file = path.join(scratch, 'open-tickets.sla');
    fs.writeFileSync(file, AGREEMENT);
    fs.mkdirSync(path.join(scratch, 'data'));
    fs.writeFileSync(path.join(scratch, 'data', 'tickets.csv'), TICKETS);
    const { documents, services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const uri = URI.file(file);
    const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{
        uri: uri.toString(), from: '2026-03-01', to: '2026-03-31', now: Date.parse('2026-03-31T17:00:00Z')
    }]) as EvaluateCommandResult;

    /** The hover's latest evaluation on the line holding `statement`. */
    async function latest(document: LangiumDocument, statement: string): Promise<string> {
        const lines = document.textDocument.getText().split('\n');
        const line = lines.findIndex(l => l.includes(statement));
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: lines[line]!.indexOf('objective') } });
        return (hover?.contents as { value: string }).value.split('\n\n').find(part => part.startsWith('**Latest evaluation**')) ?? '';
    }

    test('a worst value that counts a failed open ticket is at least that', async () => {
        expect(result.ok).toBe(true);
        // The period ends at the evaluation's 17:00, not at midnight: exact instants, as the CLI's heading.
        expect(await latest(documents[0]!, 'objective P1Response')).toBe('**Latest evaluation** (2026-03-01T00:00:00+00:00 – 2026-03-31T17:00:00+00:00, run 2026-03-31 17:00):\n'
            + '- 2026-03-01 – 2026-03-31: at least 8 h — breached, partial window, 1 failed while open');
    });

    test('a window with a pending ticket is provisional, with the count', async () => {
        expect(await latest(documents[0]!, 'objective P2OnTime')).toBe('**Latest evaluation** (2026-03-01T00:00:00+00:00 – 2026-03-31T17:00:00+00:00, run 2026-03-31 17:00):\n'
            + '- 2026-03-01 – 2026-03-31: 0% — breached, 200% of the error budget used, partial window, provisional, 1 pending');
    });
});
