import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { agreementModelOf, EvaluationInputError } from '../../src/evaluation/evaluate-document.js';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

/**
 * A client agreement is evaluated only when the catalogue its `from Template` resolves into has
 * no errors: never with a broken default in its place (docs/language-reference.md § 18.2). The
 * catalogue's errors, and any place the engine cannot evaluate in the template, are given at
 * the catalogue's file — for the CLI and for the language server's `sla.evaluate` alike.
 */
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-template-errors-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

const catalogueFile = path.join(folder, 'catalogue.sla');
const clientFile = path.join(folder, 'fabrikam.sla');

function catalogue(supportHours: string, tier1Credit: string): string {
    return `dataset tickets "Tickets, all clients" from "tickets.csv" {
    client    text
    opened    timestamp
    responded timestamp optional
}

calendar OfficeHours "Mon–Fri 08–18" {
    monday to friday 08:00 to 18:00
}

template Hosting "Managed hosting" {
    parameter supportHours calendar default ${supportHours}
    parameter tier1Credit percentage default ${tier1Credit}

    provider Contoso "Contoso GmbH"

    service Desk "Service desk" {
        kpi Response "Time to first response" = percentile(90, elapsed(tickets.opened, tickets.responded) during supportHours)
        objective Response <= 30 minutes per calendar month
        credit for Response per calendar month {
            above 30 minutes : tier1Credit of fee
        }
    }
}
`;
}

const CLIENT = `import "catalogue.sla"

agreement Fabrikam "Desk for Fabrikam" from Hosting {
    customer Fabrikam "Fabrikam AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 5000 EUR per calendar month
    client scope client = "fabrikam"
}
`;

async function loadClient(supportHours: string, tier1Credit: string, validate = true) {
    fs.writeFileSync(catalogueFile, catalogue(supportHours, tier1Credit));
    fs.writeFileSync(clientFile, CLIENT);
    fs.writeFileSync(path.join(folder, 'tickets.csv'), 'client,opened,responded\n');
    return await loadSlaFiles([clientFile], { validate });
}

function refusal(run: () => unknown): EvaluationInputError {
    try {
        run();
    } catch (error) {
        expect(error).toBeInstanceOf(EvaluationInputError);
        return error as EvaluationInputError;
    }
    throw new Error('the client was evaluated');
}

describe('a client whose template has errors', () => {
    test('is refused with the catalogue\'s errors at the catalogue\'s file', async () => {
        const { documents, services } = await loadClient('OfficeHours', '400 EUR');
        const error = refusal(() => agreementModelOf(documents[0]!, services));
        expect(error.message).toBe(`${catalogueFile}, which ${clientFile} imports, has 2 error(s); fix them before evaluating.`);
        // Line 13 is `parameter tier1Credit …` (its default at column 4 + 41 + 1 = 46), line 21 the tier (`tier1Credit` at 12 + 19 + 1 = 32).
        expect(error.problems.map(p => `${p.file}:${p.line}:${p.column} ${p.code}`)).toEqual([
            `${catalogueFile}:13:46 sla/template-argument-type`,
            `${catalogueFile}:21:32 sla/unit-mismatch`
        ]);
    });

    test('is refused by the language server\'s sla.evaluate too', async () => {
        const { services } = await loadClient('OfficeHours', '400 EUR');
        await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{
            uri: URI.file(clientFile).toString(), now: Date.parse('2026-04-01T00:00:00Z')
        }]) as EvaluateCommandResult;
        expect(result.ok).toBe(false);
        expect(result.ok ? [] : result.problems.map(p => `${p.file}:${p.line}:${p.column}`)).toEqual([`${catalogueFile}:13:46`, `${catalogueFile}:21:32`]);
    });

    test('is listed by sla.evaluatePortfolio as a failure at the catalogue\'s file', async () => {
        const { services } = await loadClient('OfficeHours', '400 EUR');
        await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluatePortfolio', [{
            folder: URI.file(folder).toString(), now: Date.parse('2026-04-01T00:00:00Z')
        }]) as { ok: boolean; failures?: Array<{ file: string; message: string }> };
        const failure = result.failures?.find(f => f.file === clientFile);
        // The client's own file is named beside the message; the place is the catalogue's line 13, column 46.
        expect(failure?.message).toMatch(new RegExp(`^${catalogueFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:13:46: `));
    });

    test('with a valid template, the client is evaluated', async () => {
        const { documents, services } = await loadClient('OfficeHours', '10%');
        expect(agreementModelOf(documents[0]!, services).objectives).toHaveLength(1);
    });

    test('a place the engine cannot evaluate in the template is given in the catalogue, not in the client', async () => {
        // Unvalidated (the validator would refuse it first): the engine's model meets the unknown
        // calendar 'Nowhere' at `elapsed(…) during supportHours`, line 18 of the catalogue, column
        // 8 + 40 (`kpi Response "Time to first response" = `) + 15 (`percentile(90, `) + 1 = 64.
        const { documents, services } = await loadClient('Nowhere', '10%', false);
        const error = refusal(() => agreementModelOf(documents[0]!, services));
        expect(error.problems).toEqual([{ file: catalogueFile, line: 18, column: 64, message: "Unknown calendar 'Nowhere'." }]);
    });
});
