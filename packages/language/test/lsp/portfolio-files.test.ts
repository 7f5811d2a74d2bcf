/**
 * Which files of a folder the server's `sla.evaluatePortfolio` evaluates, and which it lists as
 * not evaluated: never a file left out unseen (a header that does not parse), never one
 * customer's agreement evaluated, and paid, twice (a copy kept in a subfolder). The CLI refuses
 * both folders (cli/test/evaluate-portfolio.test.ts); the editor evaluates the others and lists
 * these, as it does every file with errors.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvaluatePortfolioResult } from '../../src/lsp/portfolio/portfolio-command.js';
import { loadSlaFiles } from '../../src/node.js';

const folders: string[] = [];
afterAll(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A client agreement over the shared request log `requests` (a path from the agreement's file). */
const client = (name: string, customer: string, scope: string, fee: string, requests = 'requests.csv') => `agreement ${name} "${name}" {
    customer ${customer} "${customer} Ltd"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee ${fee} per calendar month
    client scope client = "${scope}"
    dataset requests "Shared request log" from "${requests}" {
        time   timestamp
        client text
        status integer
    }
    service Web "Web" {
        kpi Success "Requests below 500" = share(requests where status < 500 of requests)
        objective Success >= 90% per calendar month
        credit for Success per calendar month {
            below 90% : 10% of fee
        }
    }
}
`;

/**
 * 10 January requests for alpha and for bravo (days 1–10, 12:00 UTC); alpha's first two fail:
 * 8/10 = 80 % < 90 %, so Alpha owes 10 % × 1,000 EUR = 100 EUR; bravo's all pass (met, 0).
 */
function portfolioFolder(files: Record<string, string>): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-portfolio-files-'));
    folders.push(folder);
    const rows = ['time,client,status'];
    for (const name of ['alpha', 'bravo']) {
        for (let day = 1; day <= 10; day++) rows.push(`2026-01-${String(day).padStart(2, '0')}T12:00:00Z,${name},${name === 'alpha' && day <= 2 ? 500 : 200}`);
    }
    fs.writeFileSync(path.join(folder, 'requests.csv'), rows.join('\n') + '\n');
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        fs.writeFileSync(path.join(folder, file), text);
    }
    return folder;
}

async function evaluatePortfolio(clients: string): Promise<Extract<EvaluatePortfolioResult, { ok: true }>> {
    const { services } = await loadSlaFiles([clients]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const result = await services.shared.lsp.ExecuteCommandHandler!.executeCommand('sla.evaluatePortfolio', [{
        folder: URI.file(clients).toString(), from: '2026-01-01', to: '2026-01-31', now: Date.parse('2026-02-15T00:00:00Z')
    }]) as EvaluatePortfolioResult;
    if (!result.ok) throw new Error(result.message);
    return result;
}

const ALPHA = client('Alpha', 'Alpha', 'alpha', '1000 EUR');
const BRAVO = client('Bravo', 'Bravo', 'bravo', '2000 EUR');

describe('sla.evaluatePortfolio: every file with errors is listed as not evaluated', () => {
    test('a file whose agreement header does not parse is listed, as one whose agreement was read', async () => {
        const clients = portfolioFolder({
            'alpha.sla': ALPHA,
            'broken.sla': 'agreement Empty "x" {\n',
            // `agrement`: no agreement is read from it; before, it was in neither list and Bravo vanished from the totals.
            'typo.sla': BRAVO.replace('agreement Bravo', 'agrement Bravo')
        });
        const result = await evaluatePortfolio(clients);
        expect(result.portfolio.entries.map(entry => entry.agreement)).toEqual(['Alpha']);
        expect(result.failures.map(failure => [path.basename(failure.file), failure.agreement])).toEqual([['broken.sla', 'Empty'], ['typo.sla', undefined]]);
        // The first error at its line and column: `agrement` on line 1.
        expect(result.failures[1]!.message).toMatch(/^1:1: /);
    });

    test('a file without agreement and without errors (a catalogue of shared definitions) is not listed', async () => {
        const clients = portfolioFolder({
            'alpha.sla': ALPHA,
            'calendars.sla': 'calendar OfficeHours "Office hours" {\n    monday to friday 08:00 to 18:00\n}\n'
        });
        const result = await evaluatePortfolio(clients);
        expect(result.portfolio.entries.map(entry => entry.agreement)).toEqual(['Alpha']);
        expect(result.failures).toEqual([]);
    });
});

describe('sla.evaluatePortfolio: one customer\'s agreement in two files is not evaluated', () => {
    test('a copy kept in a subfolder: both copies listed with the other\'s place; Bravo alone is evaluated', async () => {
        const clients = portfolioFolder({ 'alpha.sla': ALPHA, 'bravo.sla': BRAVO, 'old/alpha.sla': client('Alpha', 'Alpha', 'alpha', '1000 EUR', '../requests.csv') });
        const result = await evaluatePortfolio(clients);
        // Before: Alpha twice, 2 × 100 EUR = 200 EUR. Now neither copy is paid: Bravo's 0 EUR alone.
        expect(result.portfolio.entries.map(entry => entry.agreement)).toEqual(['Bravo']);
        expect(result.portfolio.totals.credits).toEqual([{ currency: 'EUR', total: 0, provisionalTotal: 0 }]);
        const alpha = path.join(clients, 'alpha.sla');
        const old = path.join(clients, 'old', 'alpha.sla');
        // `agreement Alpha`: the name at line 1, column 11.
        expect(result.failures).toEqual([
            { file: alpha, agreement: 'Alpha', message: expect.stringMatching(new RegExp(`^1:11: Alpha \\(customer Alpha\\) is also in ${escaped(old)}:1:11: not evaluated`)) },
            { file: old, agreement: 'Alpha', message: expect.stringMatching(new RegExp(`^1:11: Alpha \\(customer Alpha\\) is also in ${escaped(alpha)}:1:11: not evaluated`)) }
        ]);
        expect(result.failures[0]!.message).toContain('Rename one (one customer\'s agreements need different names) or delete the copy, or evaluate a folder that holds only one.');
    });

    test('one name for two customers is two clients: both evaluated, told apart by their customer', async () => {
        const clients = portfolioFolder({ 'alpha.sla': client('Hosting', 'Alpha', 'alpha', '1000 EUR'), 'bravo.sla': client('Hosting', 'Bravo', 'bravo', '2000 EUR') });
        const result = await evaluatePortfolio(clients);
        expect(result.portfolio.entries.map(entry => [entry.agreement, entry.client, entry.status])).toEqual([['Hosting', 'Alpha Ltd', 'breached'], ['Hosting', 'Bravo Ltd', 'met']]);
        // Alpha's 10 % × 1,000 EUR = 100 EUR; Bravo's 0.
        expect(result.portfolio.totals.credits).toEqual([{ currency: 'EUR', total: 100, provisionalTotal: 0 }]);
        expect(result.failures).toEqual([]);
    });
});

function escaped(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
