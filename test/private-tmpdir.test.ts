import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, test } from 'vitest';

describe('the test run’s temporary folder', () => {
    test('os.tmpdir() is a folder of this run (removed when the run ends), not /tmp itself', () => {
        expect(basename(tmpdir())).toMatch(/^sla-test-run-/);
        expect(dirname(tmpdir())).not.toBe(tmpdir());
    });
});
