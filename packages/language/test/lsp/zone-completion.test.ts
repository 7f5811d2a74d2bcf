/**
 * Zone names are offered wherever a zone is written — after `timezone`, a timezone parameter's
 * `default`, a client's value of one — under their current IANA names, and nowhere else: not
 * after `parameter zone timezone` (its `default` comes next), not in a comment.
 */
import { EmptyFileSystem } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { completeIn } from './completion-harness.js';
import { AGREEMENT } from './fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
afterEach(() => clearDocuments(services));

const CATALOGUE = `template Desk "Service desk" {
    parameter zone timezone default "Europe/Berlin"
    parameter region text default "north"
    provider P "Provider"
    timezone zone
}
`;

const CLIENT = `import "catalogue.sla"

agreement East "East Corp" from Desk {
    customer C "East Corp"
    valid from 2026-01-01 to 2026-12-31
    fee 1000 EUR per calendar month
    // Moved to the Mumbai office in 2026.
    with region = "east"
}
`;

const isZone = (label: string) => label.includes('/') || label === 'UTC';

describe('zone names', () => {
    test('under their current IANA names: Asia/Kolkata and Europe/Kyiv, not Intl\'s Asia/Calcutta and Europe/Kiev', async () => {
        const kolkata = await completeIn(services, { 'shop.sla': AGREEMENT.replace('timezone "Europe/Berlin"', 'timezone "Asia/Ko<|>"') });
        expect(kolkata.labels).toEqual(['Asia/Kolkata']);
        const kyiv = await completeIn(services, { 'shop.sla': AGREEMENT.replace('timezone "Europe/Berlin"', 'timezone "Europe/K<|>"') });
        expect(kyiv.labels).toEqual(['Europe/Kaliningrad', 'Europe/Kirov', 'Europe/Kyiv']);
        expect(kyiv.lineAfter('Europe/Kyiv')).toBe('    timezone "Europe/Kyiv"');
    });

    test('after a timezone parameter\'s `default`, and as a client\'s value for it', async () => {
        const fallback = await completeIn(services, { 'catalogue.sla': CATALOGUE.replace('default "Europe/Berlin"', 'default "Asia/Ho<|>"') });
        expect(fallback.labels).toEqual(['Asia/Ho_Chi_Minh', 'Asia/Hong_Kong', 'Asia/Hovd']);
        expect(fallback.lineAfter('Asia/Ho_Chi_Minh')).toBe('    parameter zone timezone default "Asia/Ho_Chi_Minh"');
        const argument = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('with region = "east"', 'with region = "east", zone = "Asia/Kol<|>"') });
        expect(argument.labels).toEqual(['Asia/Kolkata']);
        expect(argument.lineAfter('Asia/Kolkata')).toBe('    with region = "east", zone = "Asia/Kolkata"');
    });

    test('not after `parameter zone timezone` (its `default` comes next), nor for a text parameter\'s value', async () => {
        const type = await completeIn(services, { 'catalogue.sla': CATALOGUE.replace('timezone default "Europe/Berlin"', 'timezone <|>') });
        expect(type.labels).toContain('default');
        expect(type.labels.filter(isZone)).toEqual([]);
        const text = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('with region = "east"', 'with region = "<|>"') });
        expect(text.labels.filter(isZone)).toEqual([]);
    });

    test('nothing inside a comment', async () => {
        const comment = await completeIn(services, { 'catalogue.sla': CATALOGUE, 'east.sla': CLIENT.replace('// Moved to the Mumbai office in 2026.', '// timezone <|>') });
        expect(comment.labels).toEqual([]);
        // After a closed block comment, completion goes on as usual.
        const after = await completeIn(services, { 'shop.sla': AGREEMENT.replace('timezone "Europe/Berlin"', '/* local */ timezone "Asia/Ko<|>"') });
        expect(after.labels).toEqual(['Asia/Kolkata']);
    });
});
