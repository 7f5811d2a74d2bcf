// Prints test results ({ title, state, ms?, error? }) the same way for every e2e step.
export function printResults(results) {
    for (const result of results) {
        const time = typeof result.ms === 'number' ? ` (${(result.ms / 1000).toFixed(1)} s)` : '';
        console.log(`  ${result.state === 'passed' ? 'ok  ' : 'FAIL'} ${result.title}${time}`);
        if (result.error) console.log(result.error.split('\n').map((line) => `       ${line}`).join('\n'));
    }
}
