/**
 * A second, real LSP client: Neovim (Debian's 0.7.2), headless. It starts the bundled server
 * over stdio, attaches it to an ambiguous agreement, waits for the diagnostics and asks for a
 * hover (test/lsp/neovim/attach.lua writes what it received as JSON).
 * Skipped only when `nvim` is not installed (CI installs it); the test's name then says so, and
 * the summary of `npm test` lists it (test/skipped-tests-reporter.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SERVER_NODE_OPTIONS } from '../../packages/language/src/lsp/server-node-options.js';

const root = path.resolve(__dirname, '../..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNeovim = nvim.status === 0;
const SKIPPED = 'skipped: nvim not installed (apt-get install -y neovim)';
if (!hasNeovim) console.warn(`neovim.test.ts ${SKIPPED}.`);

const AMBIGUOUS = `agreement Shop {
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    dataset incidents from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }

    service WebShop {
        kpi Availability = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per month
        objective Availability >= 99.9% per calendar month
    }
}
`;

interface NeovimResult {
    attached: boolean;
    diagnostics: { lnum: number; col: number; severity: number; message: string; code: string | null }[];
    hover: string | null;
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-nvim-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

// Without nvim the name says why it did not run: the summary lists skipped tests by name.
describe.skipIf(!hasNeovim)(hasNeovim ? 'Neovim as the LSP client' : `Neovim as the LSP client — ${SKIPPED}`, () => {
    test('attaches the server, receives the ambiguity error and a hover', () => {
        const server = path.join(scratch, 'server.cjs');
        execFileSync(process.execPath, [path.join(root, 'packages/language/esbuild.mjs'), '--outfile', server], { stdio: 'inherit' });
        const file = path.join(scratch, 'ambiguous.sla');
        fs.writeFileSync(file, AMBIGUOUS);
        fs.writeFileSync(path.join(scratch, 'incidents.csv'), 'started,resolved\n');
        const resultPath = path.join(scratch, 'result.json');
        const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.join(root, 'test/lsp/neovim/attach.lua')}`], {
            encoding: 'utf8',
            timeout: 60_000,
            env: {
                ...process.env, SLA_FILE: file, SLA_RESULT: resultPath, SLA_NODE: process.execPath, SLA_SERVER: server, SLA_SERVER_OPTIONS: SERVER_NODE_OPTIONS.join(' '),
                // The second objective, on `>=`: line 12 (0-based), column 34.
                SLA_HOVER_LINE: '12', SLA_HOVER_CHARACTER: '34'
            }
        });
        expect(run.status, run.stderr).toBe(0);
        const result = JSON.parse(fs.readFileSync(resultPath, 'utf8')) as NeovimResult;
        expect(result.attached).toBe(true);
        const ambiguous = result.diagnostics.filter(d => d.code === 'sla/window-ambiguous');
        expect(ambiguous).toHaveLength(1);
        expect(ambiguous[0]!.lnum).toBe(11); // `objective Availability >= 99.9% per month`
        expect(ambiguous[0]!.severity).toBe(1); // error
        // 31-day month: 44,640 min × 0.001 = 44.64 min → 44 min 38 s (rounded down); see hover.test.ts for the rest.
        expect(result.hover).toMatch(/^WebShop promises that Availability is at least 99\.9% in every calendar month \(Europe\/Berlin time\)\. That allows at most 44 min 38 s of downtime in a 31-day month/);
    }, 90_000);
});
