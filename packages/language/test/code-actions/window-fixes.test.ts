import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codesOf, fixesFor, hostingWithObjective, validate } from './fix-harness.js';

/**
 * The "Write 'per …'" fixes of a window that reads more than one way or has no fixed length:
 * one fix per reading, each replacing the whole window, the first preferred.
 */

const objective = (window: string) => hostingWithObjective(`>= 99.9% ${window}`);

/** The fix data the diagnostic `code` of the objective `per …` window carries, and the code actions built from it. */
async function windowFixes(window: string, code: string) {
    const text = objective(window);
    const { diagnostics } = await validate(text);
    const data = diagnostics.find(d => d.code === code)?.data as { fixes?: unknown[] } | undefined;
    const { actions, apply } = await fixesFor(text, code);
    const document = TextDocument.create('file:///x.sla', 'sla', 1, text);
    const offset = text.indexOf(`% ${window}\n`) + 2;
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + window.length) };
    return { fixes: data?.fixes, actions: actions.map(a => [a.title, a.isPreferred]), apply, range };
}

/** The fixes writing each of `readings` over `range`, the first preferred. */
function written(readings: string[], range: unknown) {
    return readings.map((reading, i) => ({ title: `Write '${reading}'`, edits: [{ range, newText: reading }], ...(i === 0 ? { preferred: true } : {}) }));
}

describe("a window's 'Write' fixes", () => {
    test('clean windows have none of these diagnostics', async () => {
        for (const window of ['per calendar month', 'per rolling 30 days', 'per calendar quarter', 'per rolling 2 weeks']) {
            const codes = codesOf((await validate(objective(window))).diagnostics);
            expect(codes, window).toEqual([]);
        }
    });

    test('window-ambiguous, no calendar or rolling: each reading, the first preferred', async () => {
        for (const [window, readings] of [
            ['monthly', ['per calendar month', 'per rolling 30 days']],
            ['per 7 days', ['per rolling 7 days', 'per calendar week']]
        ] as const) {
            const { fixes, actions, apply, range } = await windowFixes(window, 'sla/window-ambiguous');
            expect(fixes).toStrictEqual(written([...readings], range));
            expect(actions).toEqual(readings.map((reading, i) => [`Write '${reading}'`, i === 0 ? true : undefined]));
            for (const reading of readings) expect(apply(`Write '${reading}'`)).toBe(objective(reading));
        }
    });

    test('window-ambiguous without a reading (per 3 months): no fix', async () => {
        const { fixes, actions } = await windowFixes('per 3 months', 'sla/window-ambiguous');
        expect(fixes).toBeUndefined(); // an empty list is not carried
        expect(actions).toEqual([]);
    });

    test('window-ambiguous, calendar blocks of several periods: one period or as many days rolling', async () => {
        const readings = ['per calendar month', 'per rolling 60 days'];
        const { fixes, actions, apply, range } = await windowFixes('per calendar 2 months', 'sla/window-ambiguous');
        expect(fixes).toStrictEqual(written(readings, range));
        expect(actions).toEqual([["Write 'per calendar month'", true], ["Write 'per rolling 60 days'", undefined]]);
        for (const reading of readings) expect(apply(`Write '${reading}'`)).toBe(objective(reading));
    });

    test('fixed-month-duration: days rolling, and a calendar period for one month', async () => {
        for (const [window, readings] of [
            ['per rolling 1 month', ['per rolling 30 days', 'per calendar month']],
            ['per rolling 2 quarters', ['per rolling 180 days']]
        ] as const) {
            const { fixes, actions, apply, range } = await windowFixes(window, 'sla/fixed-month-duration');
            expect(fixes).toStrictEqual(written([...readings], range));
            expect(actions).toEqual(readings.map((reading, i) => [`Write '${reading}'`, i === 0 ? true : undefined]));
            for (const reading of readings) expect(apply(`Write '${reading}'`)).toBe(objective(reading));
        }
    });
});
