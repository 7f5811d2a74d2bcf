// `sla evaluate` with the CSV reader's WebAssembly kernel (beside the bundle, engine
// src/data/typed-csv-wasm.ts) and with SLA_CSV_KERNEL=js (the JS reader alone) writes the same
// report, byte for byte, on data with common and uncommon records.
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { root, runSla, temporaryFolder } from './run-cli.js';

const { currentBundle } = (await import('../bin/cli-bundle.js' as string)) as { currentBundle(packagesDir: URL): URL | undefined };

function project(): string {
    const folder = temporaryFolder('kernel');
    const lines = ['time,service,latency_ms,status,region'];
    let seed = 3;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 60_000; i++) {
        const instant = Date.UTC(2026, 0, 1) + Math.floor(i * 7 * 60_000 + random() * 60_000);
        const iso = new Date(instant).toISOString();
        const time = i % 2 === 0 ? iso : `${new Date(instant + 3_600_000).toISOString().slice(0, 23)}+01:00`;
        const service = `svc${Math.floor(random() * 12)}`;
        const latency = i % 97 === 5 ? '"12.5"' : (Math.round(random() * 900_000) / 1000).toString();
        lines.push(`${time},${i % 131 === 7 ? `"${service}"` : service},${latency},${random() < 0.04 ? 503 : 200},eu`);
    }
    writeFileSync(path.join(folder, 'requests.csv'), `${lines.join('\n')}\n`);
    writeFileSync(
        path.join(folder, 'kernel.sla'),
        `agreement Kernel "Kernel" {
    provider P "Provider"
    customer C "Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    dataset requests "Requests" from "requests.csv" {
        time     timestamp
        service  text
        latency  duration ms column "latency_ms"
        status   integer
        region   text
    }

    kpi RequestCount "Requests" = count(requests)
    kpi ErrorRate "Errors" = count(requests where status >= 500) / count(requests)
    kpi MeanLatency "Mean latency" = avg(requests.latency)
    kpi P95Latency "p95 latency" = percentile(95, requests.latency)

    objective RequestCount >= 1 per calendar month for each service
    objective ErrorRate <= 5% per calendar month for each service
    objective MeanLatency <= 1000 ms per calendar month for each service
    objective P95Latency <= 5000 ms per calendar month for each service
}
`
    );
    return folder;
}

describe('sla evaluate with and without the CSV kernel', () => {
    test('the built bundle has the kernel beside it', () => {
        if (currentBundle(pathToFileURL(path.join(root, 'packages') + '/')) === undefined) return; // the compiled modules run (tsc after the bundling): they find it in the engine's out/data/
        expect(existsSync(path.join(root, 'packages/cli/out/bundle/typed-csv.wasm'))).toBe(true);
    });

    test('writes byte-identical reports', () => {
        const folder = project();
        const args = ['evaluate', 'kernel.sla', '--format', 'json', '--now', '2027-01-01T00:00:00Z'];
        const withKernel = runSla(args, { cwd: folder });
        const withoutKernel = runSla(args, { cwd: folder, env: { SLA_CSV_KERNEL: 'js' } });
        expect(withKernel.stderr).toBe(withoutKernel.stderr);
        expect(withKernel.code).toBe(withoutKernel.code);
        expect(JSON.parse(withKernel.stdout).objectives).toHaveLength(4);
        expect(withKernel.stdout).toContain('"svc11"');
        expect(withKernel.stdout.replace(/"generatedAt": "[^"]*"/, '')).toBe(withoutKernel.stdout.replace(/"generatedAt": "[^"]*"/, ''));
    }, 60_000);
});
