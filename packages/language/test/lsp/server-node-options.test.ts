import { describe, expect, test } from 'vitest';
import { missingServerNodeOptions, SERVER_NODE_OPTIONS } from '../../src/lsp/server-node-options.js';

describe('missingServerNodeOptions', () => {
    test('none missing when the options are on the command line or in NODE_OPTIONS', () => {
        expect(missingServerNodeOptions([...SERVER_NODE_OPTIONS])).toEqual([]);
        expect(missingServerNodeOptions(['--inspect'], `--trace-warnings ${SERVER_NODE_OPTIONS.join(' ')}`)).toEqual([]);
    });

    test('all missing when started plainly, or with another young-generation size', () => {
        expect(missingServerNodeOptions([])).toEqual([...SERVER_NODE_OPTIONS]);
        expect(missingServerNodeOptions(['--max-semi-space-size=64'], '')).toEqual([...SERVER_NODE_OPTIONS]);
    });
});
