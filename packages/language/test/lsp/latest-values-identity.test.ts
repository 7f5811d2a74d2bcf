/**
 * The hover of an objective after `sla.evaluate` shows the windows of that objective, found by
 * what it is (service, KPI, window, `for each` field), not by the line the report gives it: a
 * line deleted above two objectives on one KPI moved the quarterly one to the monthly one's
 * line, and its hover showed the monthly windows as its own. Workspace: examples/managed-hosting
 * with a quarterly objective on Availability below the monthly one, evaluated for the first
 * quarter of 2026: the monthly objective has three windows (January, February, March), the
 * quarterly one one (January to March).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-latest-identity-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const MONTHLY = 'objective Availability >= 99.9% per calendar month';
const QUARTERLY = 'objective Availability >= 99.9% per calendar quarter';
const COMMENT = '        // the monthly promise and the quarterly one\n';

describe('the latest values of an objective after lines above it changed', async () => {
    fs.cpSync(path.join(root, 'examples', 'managed-hosting'), scratch, { recursive: true });
    const file = path.join(scratch, 'acme-hosting.sla');
    const original = fs.readFileSync(file, 'utf8');
    expect(original).toContain(`        ${MONTHLY}\n`);
    const text = original.replace(`        ${MONTHLY}\n`, `${COMMENT}        ${MONTHLY}\n        ${QUARTERLY}\n`);
    fs.writeFileSync(file, text);
    const { documents, services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const uri = URI.file(file);
    const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{
        uri: uri.toString(), from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-01T08:00:00+02:00')
    }]) as EvaluateCommandResult;

    /** The windows of the hover's latest evaluation on the first line holding `statement`: `first day – last day`. */
    async function hoveredWindows(document: LangiumDocument, statement: string): Promise<string[]> {
        const lines = document.textDocument.getText().split('\n');
        const line = lines.findIndex(l => l.includes(statement));
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: lines[line]!.indexOf('>=') } });
        const latest = (hover?.contents as { value: string }).value.split('**Latest evaluation**')[1] ?? '';
        return [...latest.matchAll(/^- (\S+ – \S+):/gm)].map(match => match[1]!);
    }

    test('as evaluated: each objective its own windows', async () => {
        expect(result.ok).toBe(true);
        expect(await hoveredWindows(documents[0]!, MONTHLY)).toEqual(['2026-01-01 – 2026-01-31', '2026-02-01 – 2026-02-28', '2026-03-01 – 2026-03-31']);
        expect(await hoveredWindows(documents[0]!, QUARTERLY)).toEqual(['2026-01-01 – 2026-03-31']);
    });

    test('after the line above both is deleted: the quarterly objective (now on the monthly one\'s line) still shows its own window', async () => {
        // The document replaced as an edit replaces it (its report is kept).
        const workspace = services.shared.workspace;
        workspace.LangiumDocuments.deleteDocument(uri);
        const edited = workspace.LangiumDocumentFactory.fromString(text.replace(COMMENT, ''), uri);
        workspace.LangiumDocuments.addDocument(edited);
        await workspace.DocumentBuilder.build([edited], { validation: false });
        expect(services.evaluation.LatestEvaluations.get(uri)).toBeDefined();
        expect(await hoveredWindows(edited, QUARTERLY)).toEqual(['2026-01-01 – 2026-03-31']);
        expect(await hoveredWindows(edited, MONTHLY)).toEqual(['2026-01-01 – 2026-01-31', '2026-02-01 – 2026-02-28', '2026-03-01 – 2026-03-31']);
    });
});
