// The report contract's conventions as the user docs state them: margin is
// headroom for every comparison, the error budget of a <=/< ratio objective is value / target, and the
// monthly share of met rolling windows is met / (met + breached) with windows without data beside it.
// The engine's side is tested in packages/engine/test/evaluate/margin-convention.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');
const read = (name: string): string => fs.readFileSync(path.join(docs, name), 'utf8');

/** The row of a Markdown table whose first cell is `field`. */
function row(text: string, field: string): string {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`| \`${field}\``));
    if (line === undefined) throw new Error(`no table row for ${field}`);
    return line;
}

describe('docs state the report conventions', () => {
    test('cli.md: margin, error budget and rolling share', () => {
        const cli = read('cli.md');
        const margin = row(cli, 'margin');
        expect(margin).toContain('headroom');
        expect(margin).toContain('`value − target` for `>=`/`>`, `target − value` for `<=`/`<`');
        expect(row(cli, 'budgetConsumed`, `budgetRemaining')).toContain('`value / target` for `<=`/`<`');
        expect(cli).toContain('`shareMet` = `met / (met + breached)`');
        expect(cli).toMatch(/`provisional`[^|]*not added to `total`/);
    });

    test('language-reference.md § 14: margin, error budget and rolling share', () => {
        const reference = read('language-reference.md');
        const outcomes = reference.slice(reference.indexOf('### 14.8'), reference.indexOf('### 14.9'));
        expect(outcomes).toContain('`value − target` for `>=`/`>`, `target − value` for');
        expect(outcomes).toContain('`value / target` for `<=`/`<`');
        expect(outcomes).not.toContain('negative is\n  better');
        const rolling = reference.slice(reference.indexOf('### 14.4'), reference.indexOf('### 14.5'));
        expect(rolling).toContain('`met / (met + breached)`');
    });
});
