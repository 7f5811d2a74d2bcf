import { utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { packagesFolder } from './run-cli.js';
import { BUNDLED_SCAN_WORKER, scanWorkerModule } from '../src/scan-worker-module.js';

/** bin/cli-bundle.js (plain JavaScript, without types: the specifier is a string to the compiler). */
const { buildStamp, currentBundle } = (await import('../bin/cli-bundle.js' as string)) as {
    buildStamp(packagesDir: URL): Record<string, number> | undefined;
    currentBundle(packagesDir: URL): URL | undefined;
};

/**
 * bin/sla.js loads the bundle (out/bundle/sla.mjs) only while its stamp matches the
 * tsconfig.tsbuildinfo times of engine, language and cli; otherwise the compiled modules.
 * Each test lays out a packages folder of its own with those files.
 */
function bundleFolder(options: { bundle?: boolean; stamp?: boolean } = {}): { dir: string; url: URL } {
    const { dir, url } = packagesFolder('cli-bundle');
    if (options.bundle !== false) writeFileSync(path.join(dir, 'cli/out/bundle/sla.mjs'), '');
    if (options.stamp !== false) writeFileSync(path.join(dir, 'cli/out/bundle/stamp.json'), JSON.stringify(buildStamp(url)));
    return { dir, url };
}

describe('the CLI bundle is used only while it is current', () => {
    test('a bundle stamped with the present tsbuildinfo times is used', () => {
        const { url } = bundleFolder();
        // The stamp holds each file's modification time in ms (set above, in seconds).
        expect(buildStamp(url)).toEqual({ engine: 1_000_000, language: 2_000_000, cli: 3_000_000 });
        expect(String(currentBundle(url))).toBe(new URL('cli/out/bundle/sla.mjs', url).href);
    });

    test('after a later tsc of any one package the compiled modules are loaded instead', () => {
        const { dir, url } = bundleFolder();
        utimesSync(path.join(dir, 'language/tsconfig.tsbuildinfo'), 2_500, 2_500);
        expect(currentBundle(url)).toBeUndefined();
    });

    test('no stamp (a bundling under way or failed), no bundle, or no tsbuildinfo: the compiled modules', () => {
        expect(currentBundle(bundleFolder({ stamp: false }).url)).toBeUndefined();
        expect(currentBundle(bundleFolder({ bundle: false }).url)).toBeUndefined();
        const { url, dir } = bundleFolder();
        writeFileSync(path.join(dir, 'cli/out/bundle/stamp.json'), JSON.stringify({ ...buildStamp(url), cli: undefined }));
        expect(currentBundle(url)).toBeUndefined();
    });
});

describe('the scan worker thread runs the bundled worker beside the CLI bundle', () => {
    test('from the bundle: the worker bundled beside it; from the compiled modules: the engine\'s', () => {
        const { dir, url } = bundleFolder();
        const bundle = new URL('cli/out/bundle/sla.mjs', url).href;
        // No worker bundle beside it yet: the engine's own module.
        expect(scanWorkerModule(bundle).href).toMatch(/\/packages\/engine\/out\/evaluate\/scan-worker\.js$/);
        writeFileSync(path.join(dir, 'cli/out/bundle', BUNDLED_SCAN_WORKER), '');
        expect(scanWorkerModule(bundle).href).toBe(new URL(`cli/out/bundle/${BUNDLED_SCAN_WORKER}`, url).href);
    });
});
