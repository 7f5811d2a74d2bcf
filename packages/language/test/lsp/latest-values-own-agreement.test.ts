/**
 * An objective's, a termination right's and a cap's hover show the latest figures of the agreement
 * they are written in, even after another agreement of the same file was evaluated later. The hover
 * asked the latest evaluations for the file's report without naming the agreement, i.e. the one
 * evaluated last: after Alpha then Beta, Alpha's objective showed nothing (Beta's entry is not
 * Alpha's), and Alpha's termination right and cap showed Beta's judgement and Beta's credits.
 *
 * January 2026 (UTC): 44,640 minutes; 99.9 % leaves 44.64 minutes; fee 1,000 EUR.
 * - Alpha: 22 minutes down: 1 − 22/44,640 = 99.951 %, met, 22/44.64 = 49 % of the budget; no credit,
 *   so nothing under the cap of 8 % of the fee; the right (1 breached window fires it) not fired, at risk.
 * - Beta: 744 minutes down: 1 − 744/44,640 = 98.333 %, breached, 1,667 % of the budget; credit 10 %
 *   of 1,000 = 100.00 EUR, capped at 8 % = 80.00 EUR; the right fired at the end of January.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const folders: string[] = [];
afterAll(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const OBJECTIVE = 'objective Availability >= 99.9% per calendar month';
const TERMINATION = 'termination Chronic "The customer may terminate" when Availability is breached in 1 consecutive windows';
const CAP = 'credits capped at 8% of fee per calendar month';

const agreement = (name: string, customer: string, data: string) => `agreement ${name} "${name}" {
    provider P "Prov"
    customer ${customer} "${name} Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 1000 EUR per calendar month
    ${CAP}
    ${TERMINATION}
    dataset incidents "${name} incidents" from "${data}" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(incidents, from started to resolved)
        ${OBJECTIVE}
        credit for Availability per calendar month {
            below 99.9% : 10% of fee
        }
    }
}
`;

async function twoAgreements() {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-latest-own-'));
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
    /** The list lines of the latest evaluation in the hover of the `nth` (0: Alpha, 1: Beta) statement holding `statement`, hovered at `at`. */
    const latest = async (statement: string, at: string, nth: number): Promise<string[]> => {
        const lines = document.textDocument.getText().split('\n');
        const line = lines.map((text, index) => text.includes(statement) ? index : -1).filter(index => index >= 0)[nth]!;
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: lines[line]!.indexOf(at) } });
        const text = (hover?.contents as { value: string }).value.split('**Latest evaluation**')[1] ?? '';
        return text.split('\n').filter(entry => entry.trimStart().startsWith('- '));
    };
    return { evaluate, latest };
}

describe('after Alpha then Beta are evaluated in one file', () => {
    test('Alpha\'s objective, termination right and cap show Alpha\'s own figures; Beta\'s show Beta\'s', async () => {
        const { evaluate, latest } = await twoAgreements();
        await evaluate('Alpha');
        await evaluate('Beta');
        expect(await latest(OBJECTIVE, '>=', 0)).toEqual(['- 2026-01-01 – 2026-01-31: 99.951% — met, 49% of the error budget used']);
        expect(await latest(OBJECTIVE, '>=', 1)).toEqual(['- 2026-01-01 – 2026-01-31: 98.333% — breached, 1,667% of the error budget used']);
        expect(await latest(TERMINATION, 'when', 0)).toEqual(['- **at risk**: one more breached window fires it (0 breached windows)']);
        expect((await latest(TERMINATION, 'when', 1))[0]).toMatch(/^- \*\*fired\*\* at the end of the window 2026-01-01 – 2026-01-31.* \(1 breached window\)$/);
        expect(await latest(CAP, 'at', 0)).toEqual(['- 8% of fee per calendar month: no credit owed']);
        expect(await latest(CAP, 'at', 1)).toEqual(['- 8% of fee per calendar month:', '  - 2026-01-01: **€80.00 paid** of €100.00 owed (lowered: Web.Availability)']);
    });
});
