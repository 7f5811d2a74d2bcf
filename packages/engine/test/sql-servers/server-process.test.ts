// A missing server binary fails the test with what to install: nothing is skipped silently.
import { describe, expect, it } from 'vitest';
import { findBinary } from './server-process.js';

describe('findBinary', () => {
    it('names the package to install and .ci/run when no candidate exists', () => {
        expect(() => findBinary(['/nonexistent/initdb', 'sla-no-such-binary'], 'apt-get install postgresql-15')).toThrow(
            '/nonexistent/initdb is not installed: apt-get install postgresql-15 (.ci/run installs it on a fresh machine)'
        );
    });

    it('finds a binary on the PATH', () => {
        expect(findBinary(['sla-no-such-binary', 'sh'], 'anything')).toMatch(/\/sh$/);
    });
});
