import { describe, expect, it } from 'vitest';
import { splitDataErrorLocation } from '../../src/data/index.js';
import { field, rejection, scan, tempDir } from './helpers.js';

/**
 * Callers that print `file:line:column:` themselves (the CLI, the editor's log) take the
 * place from the error and the message without it, so the place is said once.
 */
const file = tempDir();
const fields = [field('time', 'timestamp'), field('service', 'enum', { enumValues: ['shop', 'api'] })];

describe('splitDataErrorLocation', () => {
    it('CSV: the place leaves the message; line and column are the cell\'s', async () => {
        const path = file('a.csv', 'time,service\n2026-03-01T10:00:00Z,shop\n2026-03-01T11:00:00Z,web\n');
        const split = splitDataErrorLocation(await rejection(scan(path, fields)));
        expect(split).toEqual({ line: 3, column: 2, message: 'invalid value "web" for field service (enum) in column 2 (service): expected one of "shop", "api"' });
    });

    it('CSV header: a missing column is placed on line 1 and said once', async () => {
        const path = file('b.csv', 'time,svc\n');
        const split = splitDataErrorLocation(await rejection(scan(path, fields)));
        expect([split.line, split.column]).toEqual([1, null]);
        expect(split.message).toMatch(/^missing column "service"/);
    });

    it('NDJSON: the line leaves the message', async () => {
        const path = file('c.ndjson', '{"time":"2026-03-01T10:00:00Z","service":"shop"}\n{"time":"2026-03-01T10:00:00Z","service":"web"}\n');
        const split = splitDataErrorLocation(await rejection(scan(path, fields)));
        expect(split.line).toBe(2);
        expect(split.message).toMatch(/^invalid value "web" for field service/);
    });

    it('JSON array: the element stays in the message, the place leaves it', async () => {
        // element 1 starts on line 3 of the file
        const path = file('d.json', '[\n{"time":"2026-03-01T10:00:00Z","service":"shop"},\n{"time":"2026-03-01T10:00:00Z","service":"web"}\n]');
        const split = splitDataErrorLocation(await rejection(scan(path, fields)));
        expect(split.line).toBe(3);
        expect(split.message).toMatch(/^element 1: invalid value "web" for field service \(enum\) at key "service"/);
    });
});
