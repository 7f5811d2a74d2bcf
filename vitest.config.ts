import { defineConfig } from 'vitest/config';
import SkippedTestsReporter from './test/skipped-tests-reporter.js';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 30_000,
        pool: 'forks',
        // Temporary files of the run in a folder of their own, removed at the end.
        globalSetup: ['./test/private-tmpdir.ts'],
        // The default report, then the names of skipped tests (a missing tool says so there).
        reporters: ['default', new SkippedTestsReporter()]
    }
});
