/**
 * The hover of an objective after `sla.evaluate` labels the period and each window as the CLI
 * report does: whole days with the last day inclusive (`2026-03-01 – 2026-03-31`), the exact
 * instants when a bound is not a midnight. It wrote the exclusive end as a date ("2026-03-01 to
 * 2026-04-01", a day too many), and a rolling 7 days across the start of summer time, which
 * begins at 23:00 the day before, as "2026-03-22 to 2026-03-30": eight days.
 *
 * Workspace: examples/managed-hosting (Europe/Berlin) evaluated for the first quarter of 2026.
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
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-latest-labels-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('the labels of the latest evaluation\'s period and windows', async () => {
    fs.cpSync(path.join(root, 'examples', 'managed-hosting'), scratch, { recursive: true });
    const file = path.join(scratch, 'acme-hosting.sla');
    const { documents, services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const uri = URI.file(file);
    const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluate', [{
        uri: uri.toString(), from: '2026-01-01', to: '2026-03-31', now: Date.parse('2026-04-01T08:00:00+02:00')
    }]) as EvaluateCommandResult;

    /** The heading and the window labels of the hover's latest evaluation on the line holding `statement`. */
    async function labels(document: LangiumDocument, statement: string): Promise<{ heading: string; windows: string[] }> {
        const lines = document.textDocument.getText().split('\n');
        const line = lines.findIndex(l => l.includes(statement));
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character: lines[line]!.indexOf('objective') } });
        const latest = (hover?.contents as { value: string }).value.split('\n\n').find(part => part.startsWith('**Latest evaluation**')) ?? '';
        return { heading: latest.split('\n')[0]!, windows: [...latest.matchAll(/^- (.+?): /gm)].map(match => match[1]!) };
    }

    test('calendar months: the last day of each month, and of the period (--to 2026-03-31)', async () => {
        expect(result.ok).toBe(true);
        expect(await labels(documents[0]!, 'objective Availability >= 99.9% per calendar month')).toEqual({
            heading: '**Latest evaluation** (2026-01-01 – 2026-03-31, run 2026-04-01 08:00):',
            windows: ['2026-01-01 – 2026-01-31', '2026-02-01 – 2026-02-28', '2026-03-01 – 2026-03-31']
        });
    });

    test('rolling 7 days across the start of summer time (29 March): 168 hours, from 23:00 the day before', async () => {
        // The last three windows end at midnight (+02:00) of 30 and 31 March and 1 April, i.e. 22:00 UTC the
        // day before; 7 × 24 h earlier is 22:00 UTC on 22, 23 and 24 March: 23:00 +01:00.
        expect((await labels(documents[0]!, 'objective ErrorRate < 0.5% per rolling 7 days')).windows).toEqual([
            '2026-03-22T23:00:00+01:00 – 2026-03-30T00:00:00+02:00',
            '2026-03-23T23:00:00+01:00 – 2026-03-31T00:00:00+02:00',
            '2026-03-24T23:00:00+01:00 – 2026-04-01T00:00:00+02:00'
        ]);
    });
});
