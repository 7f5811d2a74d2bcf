import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFormat, inferFormat, resolveDatasetPath } from '../../src/data/index.js';

describe('resolveDatasetPath', () => {
    it('reads a dataset path relative to the folder of the .sla file', () => {
        expect(resolveDatasetPath('/contracts/acme/hosting.sla', 'data/incidents.csv')).toBe(resolve('/contracts/acme/data/incidents.csv'));
        expect(resolveDatasetPath('/contracts/acme/hosting.sla', '../shared/tickets.csv')).toBe(resolve('/contracts/shared/tickets.csv'));
    });
    it('keeps an absolute dataset path', () => {
        expect(resolveDatasetPath('/contracts/acme/hosting.sla', '/exports/incidents.csv')).toBe(resolve('/exports/incidents.csv'));
    });
});

describe('datasetFormat', () => {
    it('takes the declared format over the extension', () => {
        expect(datasetFormat('ndjson', '/data/x.csv')).toBe('ndjson');
    });
    it('infers it from the extension, in any letter case', () => {
        expect(datasetFormat(undefined, '/data/x.JSON')).toBe('json');
        expect(datasetFormat(undefined, '/data/x.jsonl')).toBe('ndjson');
        expect(inferFormat('/data/x.txt')).toBeUndefined();
    });
    it('reads an undeclared file with another extension as CSV', () => {
        expect(datasetFormat(undefined, '/data/export.txt')).toBe('csv');
        expect(datasetFormat(undefined, '/data/export')).toBe('csv');
    });
});
