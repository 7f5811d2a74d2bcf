import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectCompletion } from 'langium/test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const completion = expectCompletion(services);

afterEach(() => clearDocuments(services));

const TEXT = `agreement Paris {
    timezone "Europe/Paris"
    calendar Desk {
        monday to friday 09:00 to 18:00
        CALENDAR
    }
    maintenance Patching {
        MAINTENANCE
        notice 72 hours
    }
}
`;

async function labels(calendarLine: string, maintenanceLine: string): Promise<string[]> {
    let result: string[] = [];
    await completion({
        text: TEXT.replace('CALENDAR', calendarLine).replace('MAINTENANCE', maintenanceLine),
        index: 0,
        assert: (list: CompletionList) => { result = list.items.map((item: CompletionItem) => item.label); }
    });
    return result;
}

describe('completion in calendars and maintenance', () => {
    test('a calendar line may start with holidays; month names (no units) come after a day number', async () => {
        expect(await labels('<|>', 'every sunday 02:00 to 04:00')).toEqual(expect.arrayContaining(['holidays', 'except', 'monday']));
        expect(await labels('except 24 <|>', 'every sunday 02:00 to 04:00')).toEqual(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
    });

    test('a maintenance line may start with an ordinal; after every: other, second or a weekday', async () => {
        expect(await labels('except 2026-12-24', '<|>')).toEqual(expect.arrayContaining(['first', 'second', 'third', 'fourth', 'last', 'every', 'on']));
        expect(await labels('except 2026-12-24', '<|>')).not.toContain('january');
        const afterEvery = await labels('except 2026-12-24', 'every <|>');
        expect(afterEvery).toEqual(expect.arrayContaining(['other', 'monday', 'day']));
        expect(afterEvery).not.toContain('first');
    });

    test('a maintenance line may say the customer requests it; requested by customer, in that order', async () => {
        expect(await labels('except 2026-12-24', '<|>')).toEqual(expect.arrayContaining(['requested', 'notice']));
        expect(await labels('except 2026-12-24', 'requested <|>')).toEqual(['by']);
        expect(await labels('except 2026-12-24', 'requested by <|>')).toEqual(['customer']);
        // Not a calendar line.
        expect(await labels('<|>', 'every sunday 02:00 to 04:00')).not.toContain('requested');
    });
});
