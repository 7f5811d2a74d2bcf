import type { Reporter, TestModule } from 'vitest/node';

/**
 * Lists, after vitest's summary, every test that was skipped, by its full name: tests that
 * need a tool (nvim, a Node 20 binary) skip themselves when it is missing and say why in
 * their name, so that "N skipped" in the summary never hides a check that did not run.
 */
export default class SkippedTestsReporter implements Reporter {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
        const skipped: string[] = [];
        for (const module of testModules) {
            for (const test of module.children.allTests()) {
                if (test.result().state === 'skipped') skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
            }
        }
        if (skipped.length === 0) return;
        process.stdout.write(`\n Skipped (${skipped.length}):\n${skipped.map(name => `   ↓ ${name}\n`).join('')}\n`);
    }
}
