import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { shouldColor } from '../src/color.js';
import { runSla, temporaryFolder } from './run-cli.js';

const ESCAPE = /\u001b\[[0-9;]*m/;

describe('colour of the text table', () => {
    test('the rule: FORCE_COLOR first, then NO_COLOR, then a terminal that is not dumb', () => {
        const tty = { isTTY: true };
        const pipe = { isTTY: false };
        expect(shouldColor(tty, {})).toBe(true);
        expect(shouldColor(pipe, {})).toBe(false);
        expect(shouldColor(tty, { NO_COLOR: '1' })).toBe(false);
        expect(shouldColor(tty, { NO_COLOR: '' })).toBe(true); // no-color.org: empty means unset
        expect(shouldColor(tty, { TERM: 'dumb' })).toBe(false);
        expect(shouldColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
        expect(shouldColor(tty, { FORCE_COLOR: '0' })).toBe(false);
        expect(shouldColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
        expect(shouldColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    });

    test('sla evaluate: plain when piped or with NO_COLOR; coloured with FORCE_COLOR, same text without the escapes', () => {
        const folder = temporaryFolder('color');
        expect(runSla(['init', folder]).code).toBe(0);
        const file = path.join(folder, 'agreement.sla');
        const piped = runSla(['evaluate', file]);
        expect(piped.code).toBe(1);
        expect(piped.stdout).not.toMatch(ESCAPE);
        expect(runSla(['evaluate', file], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(ESCAPE);
        const forced = runSla(['evaluate', file], { env: { FORCE_COLOR: '1' } });
        expect(forced.stdout).toContain('\u001b[32mMET\u001b[0m');
        expect(forced.stdout).toContain('\u001b[1;31mBREACHED\u001b[0m');
        expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(piped.stdout);
        // Never in a file or another format.
        expect(runSla(['evaluate', file, '--format', 'markdown'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ESCAPE);
    });

    test('the table explains pp where it shows a margin in percentage points', () => {
        const folder = temporaryFolder('color-pp');
        expect(runSla(['init', folder]).code).toBe(0);
        const table = runSla(['evaluate', path.join(folder, 'agreement.sla')]).stdout;
        // February: 98 % against 99 %: −1 pp.
        expect(table).toMatch(/98 %\s+BREACHED\s+−1 pp/);
        expect(table).toContain('pp = percentage points, the difference between two percentages');
    });
});
