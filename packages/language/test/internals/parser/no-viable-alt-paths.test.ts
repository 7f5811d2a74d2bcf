/**
 * The expected paths of a "no viable alternative" error are worked out once per rule and place
 * (rememberNoViableAltPaths): the messages of later errors, built from the remembered paths,
 * must be the ones Chevrotain builds itself the first time.
 */
import { afterEach, expect, test } from 'vitest';
import { createTestServices } from '../../test-services.js';

const { parse, clear } = createTestServices();
afterEach(() => clear());

const withEmptyArguments = (count: number) =>
    `template T "t" {\n    parameter resp duration default 30 minutes\n}\nagreement P "p" from T {\n    with resp${', '.repeat(count)}\n}\n`;

test('every empty argument gets the message of the first, which Chevrotain built from its own paths', async () => {
    const document = await parse(withEmptyArguments(5));
    // The first comma after `resp` is a missing '=' (a mismatched token); each of the four
    // commas after it is a "no viable alternative" in the same place of the grammar.
    const noViable = document.parseResult.parserErrors.filter(error => error.name === 'NoViableAltException' && error.token.image === ',');
    expect(noViable.map(error => error.token.startOffset)).toEqual([106, 108, 110, 112]);
    expect(noViable[0]!.message).toMatch(/^Unexpected ',': expected a name, 'agreement', /);
    expect(new Set(noViable.map(error => error.message)).size).toBe(1);
});

test('a fresh document gets the same message from the remembered paths', async () => {
    const first = (await parse(withEmptyArguments(2))).parseResult.parserErrors.map(error => error.message);
    const again = (await parse(withEmptyArguments(2))).parseResult.parserErrors.map(error => error.message);
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
});
