import { AstUtils } from 'langium';
import { afterEach, describe, expect, test } from 'vitest';
import { isWindow, type Window } from '../../src/generated/ast.js';
import { calendarUnitOf, windowSpecOf } from '../../src/model/windows.js';
import { agreement, createTestServices } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(() => clear());

/** The window of `objective K >= 1 <written>`. */
async function windowOf(written: string): Promise<Window> {
    const document = await parse(agreement(`    kpi K "k" = 1\n    objective K >= 1 ${written}`));
    const window = AstUtils.streamAst(document.parseResult.value).find(isWindow);
    if (!window) throw new Error(`no window in '${written}'`);
    return window;
}

describe('windowSpecOf: the window as the engine evaluates it', () => {
    test('calendar windows, plural units read as singular', async () => {
        expect(windowSpecOf(await windowOf('per calendar month'))).toEqual({ kind: 'calendar', unit: 'month' });
        expect(windowSpecOf(await windowOf('per calendar weeks'))).toEqual({ kind: 'calendar', unit: 'week' });
    });
    test('rolling windows in milliseconds', async () => {
        // 7 days × 86,400,000 ms = 604,800,000 ms
        expect(windowSpecOf(await windowOf('per rolling 7 days'))).toEqual({ kind: 'rolling', lengthMs: 604_800_000, label: '7 days' });
        // 90 minutes × 60,000 ms = 5,400,000 ms
        expect(windowSpecOf(await windowOf('per rolling 90 minutes'))).toEqual({ kind: 'rolling', lengthMs: 5_400_000, label: '90 minutes' });
    });
    test('none for the forms the validator rejects', async () => {
        expect(windowSpecOf(await windowOf('monthly'))).toBeUndefined();
        expect(windowSpecOf(await windowOf('per month'))).toBeUndefined();
        expect(windowSpecOf(await windowOf('per rolling 1 month'))).toBeUndefined(); // a month has no fixed length
        expect(windowSpecOf(await windowOf('per calendar 2 months'))).toBeUndefined();
    });
});

describe('calendarUnitOf', () => {
    test('maps written units to the engine\'s calendar units', () => {
        expect(calendarUnitOf('quarters')).toBe('quarter');
        expect(calendarUnitOf('year')).toBe('year');
        expect(calendarUnitOf('hours')).toBeUndefined();
        expect(calendarUnitOf(undefined)).toBeUndefined();
    });
});
