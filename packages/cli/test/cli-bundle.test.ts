import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
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
function packagesFolder(options: { bundle?: boolean; stamp?: boolean } = {}): { dir: string; url: URL } {
    const dir = mkdtempSync(path.join(tmpdir(), 'sla-cli-bundle-'));
    for (const [name, seconds] of [['engine', 1_000], ['language', 2_000], ['cli', 3_000]] as const) {
        mkdirSync(path.join(dir, name), { recursive: true });
        const info = path.join(dir, name, 'tsconfig.tsbuildinfo');
        writeFileSync(info, '{}');
        utimesSync(info, seconds, seconds);
    }
    mkdirSync(path.join(dir, 'cli/out/bundle'), { recursive: true });
    const url = pathToFileURL(dir + '/');
    if (options.bundle !== false) writeFileSync(path.join(dir, 'cli/out/bundle/sla.mjs'), '');
    if (options.stamp !== false) writeFileSync(path.join(dir, 'cli/out/bundle/stamp.json'), JSON.stringify(buildStamp(url)));
    return { dir, url };
}

describe('the CLI bundle is used only while it is current', () => {
    test('a bundle stamped with the present tsbuildinfo times is used', () => {
        const { url } = packagesFolder();
        // The stamp holds each file's modification time in ms (set above, in seconds).
        expect(buildStamp(url)).toEqual({ engine: 1_000_000, language: 2_000_000, cli: 3_000_000 });
        expect(String(currentBundle(url))).toBe(new URL('cli/out/bundle/sla.mjs', url).href);
    });

    test('after a later tsc of any one package the compiled modules are loaded instead', () => {
        const { dir, url } = packagesFolder();
        utimesSync(path.join(dir, 'language/tsconfig.tsbuildinfo'), 2_500, 2_500);
        expect(currentBundle(url)).toBeUndefined();
    });

    test('no stamp (a bundling under way or failed), no bundle, or no tsbuildinfo: the compiled modules', () => {
        expect(currentBundle(packagesFolder({ stamp: false }).url)).toBeUndefined();
        expect(currentBundle(packagesFolder({ bundle: false }).url)).toBeUndefined();
        const { url, dir } = packagesFolder();
        writeFileSync(path.join(dir, 'cli/out/bundle/stamp.json'), JSON.stringify({ ...buildStamp(url), cli: undefined }));
        expect(currentBundle(url)).toBeUndefined();
    });
});

describe('the scan worker thread runs the bundled worker beside the CLI bundle', () => {
    test('from the bundle: the worker bundled beside it; from the compiled modules: the engine\'s', () => {
        const { dir, url } = packagesFolder();
        const bundle = new URL('cli/out/bundle/sla.mjs', url).href;
        // No worker bundle beside it yet: the engine's own module.
        expect(scanWorkerModule(bundle).href).toMatch(/\/packages\/engine\/out\/evaluate\/scan-worker\.js$/);
        writeFileSync(path.join(dir, 'cli/out/bundle', BUNDLED_SCAN_WORKER), '');
        expect(scanWorkerModule(bundle).href).toBe(new URL(`cli/out/bundle/${BUNDLED_SCAN_WORKER}`, url).href);
    });
});
