import { defineConfig } from 'vitest/config';
import SkippedTestsReporter from './test/skipped-tests-reporter.js';

export default defineConfig({
    test: {
        include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 30_000,
        pool: 'forks',
        // The default report, then the names of skipped tests (a missing tool says so there).
        reporters: ['default', new SkippedTestsReporter()]
    }
});
