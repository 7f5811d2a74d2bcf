/**
 * `sla explain` end to end (the built CLI, as a user runs it): the whole agreement in plain
 * Markdown with the hover wording, `--out`, and exit 2 when the file cannot be explained.
 * Needs `npm run build` (npm test runs it first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'packages/cli/bin/sla.js');
const example = path.join(root, 'examples/managed-hosting/acme-hosting.sla');

function sla(...args: string[]) {
    return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
}

// Each run starts Node and builds the document (a few seconds on a busy 2-core machine).
const TIMEOUT = 90_000;

describe('sla explain', () => {
    test('the illustrative agreement in plain language', () => {
        const run = sla('explain', example);
        expect(run.status, run.stderr).toBe(0);
        const lines = run.stdout.split('\n');
        expect(lines[0]).toBe('# AcmeHosting — Managed hosting for Acme Corp');
        expect(lines).toContain('- Provider: Contoso (Contoso Managed Services GmbH)');
        expect(lines).toContain('- Customer: Acme (Acme Corp)');
        // Validity: whole days, inclusive, in the agreement's zone.
        expect(lines).toContain('**Validity**: the agreement is in force on every day from 1 January 2026 through 31 December 2026, both days included, '
            + 'in Europe/Berlin time: from 2026-01-01 00:00 up to, not including, 2027-01-01 00:00.');
        // Availability is uptime(…) excluding Patching (every Sunday 02:00–04:00): the budget is 0.1% of each month's
        // eligible minutes (Europe/Berlin, 2026; month length minus patching, rounded down to whole seconds):
        //   Jan, Jul, Dec: 44,640 − 4 × 120 = 44,160; Oct: 44,700 (DST) − (3 × 120 + 180 on the 25th) = 44,160 → 44 min 9.6 s → 44 min 9 s
        //   Mar: 44,580 (DST) − (4 × 120 + 60 on the 29th) = 44,040; May, Aug: 44,640 − 5 × 120 = 44,040 → 44 min 2.4 s → 44 min 2 s
        //   Apr, Jun, Sep: 43,200 − 480 = 42,720 → 42 min 43.2 s → 42 min 43 s
        //   Nov: 43,200 − 600 = 42,600 → 42 min 36 s;  Feb: 40,320 − 480 = 39,840 → 39 min 50.4 s → 39 min 50 s
        expect(lines).toContain('- WebShop promises that Availability is at least 99.9% in every calendar month (Europe/Berlin time). '
            + 'The budget is 0.1% of eligible time: each month minus maintenance Patching. '
            + 'That allows at most 44 min 9 s of downtime in January, July, October and December 2026 (44,160 eligible minutes each); '
            + '44 min 2 s in March, May and August 2026 (44,040 eligible minutes each); '
            + '42 min 43 s in April, June and September 2026 (42,720 eligible minutes each); '
            + '42 min 36 s in November 2026 (42,600 eligible minutes); 39 min 50 s in February 2026 (39,840 eligible minutes).');
        // 0.5% = 5/1,000 = 1/200.
        expect(lines).toContain('- WebShop promises that ErrorRate is less than 0.5% in every rolling window of 7 days, checked at the end of every day (Europe/Berlin time). '
            + 'That is fewer than 1 in 200 requests.');
        // 10%, 25%, 50% of 12,000 EUR = 1,200, 3,000, 6,000 EUR.
        expect(lines).toContain('- If Availability is below 99.9%, the customer receives 10% of the fee (1,200.00 EUR).');
        expect(lines).toContain('- If Availability is below 95%, the customer receives 50% of the fee (6,000.00 EUR).');
        expect(lines).toContain('Credits are capped at 50% of the fee (6,000.00 EUR) per credit window.');
        // Internal target 99.95%: 0.05% of 44,160 eligible minutes = 22.08 min = 22 min 4.8 s → 22 min 4 s.
        expect(run.stdout).toContain('Internal target (not promised to the customer, owned by Platform team): Availability is at least 99.95% in every calendar month (Europe/Berlin time). '
            + 'The budget is 0.05% of eligible time: each month minus maintenance Patching. That allows at most 22 min 4 s of downtime in January, July, October and December 2026 (44,160 eligible minutes each)');
        expect(lines).toContain('## Glossary');
        expect(run.stdout).toMatch(/^- \*\*Percentile\*\*: `percentile\(p, x\)` is the nearest-rank percentile/m);
    }, TIMEOUT);

    test('--out writes the same Markdown to a file', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-explain-'));
        try {
            const out = path.join(dir, 'nested', 'acme.md');
            const run = sla('explain', example, '--out', out);
            expect(run.status, run.stderr).toBe(0);
            expect(run.stdout).toBe('');
            expect(fs.readFileSync(out, 'utf8')).toBe(sla('explain', example).stdout);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }, TIMEOUT);

    test('a missing file or a file that does not parse: exit 2 and a message', () => {
        const missing = sla('explain', path.join(root, 'no-such-file.sla'));
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain('cannot read');
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-explain-'));
        try {
            const broken = path.join(dir, 'broken.sla');
            fs.writeFileSync(broken, 'agreement X {\n    objective >= \n');
            const run = sla('explain', broken);
            expect(run.status).toBe(2);
            expect(run.stderr).toMatch(/syntax error/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }, TIMEOUT);
});
