// Entry point VS Code loads as `extensionTestsPath`: it calls `run()` inside the real
// extension host and reports failure when the promise rejects.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
    // SLA_E2E_GREP runs only the tests whose full title matches (for quicker local runs).
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', grep: process.env.SLA_E2E_GREP || undefined });
    // The suites are bundled into this file instead of being loaded by path, so register
    // mocha's globals (describe, it, …) by hand before they are evaluated.
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
    await import('virtual:sla-test-suites');

    const results: Array<{ title: string; state: 'passed' | 'failed'; ms?: number; error?: string }> = [];
    const failures = await new Promise<number>((resolve) => {
        const runner = mocha.run(resolve);
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => results.push({ title: test.fullTitle(), state: 'passed', ms: test.duration }));
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: Error) =>
            results.push({ title: test.fullTitle(), state: 'failed', ms: test.duration, error: error.stack ?? String(error) }));
    });
    // The extension host's stdout is not the test runner's: leave a machine-readable
    // report where the runner asked for one, and a one-line summary in the console.
    const reportPath = process.env.SLA_E2E_REPORT;
    if (reportPath) writeFileSync(reportPath, JSON.stringify(results, null, 2));
    console.log(`[sla-e2e] ${results.filter((r) => r.state === 'passed').length} passed, ${failures} failed`);
    if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
