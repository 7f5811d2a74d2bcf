// The CLI bundled into one file (out/bundle/sla.mjs, made by `npm run build` through
// esbuild.mjs) starts faster than the same code as the ≈ 900 modules of out/ and its
// dependencies (lodash-es alone is about 150): ≈ 0.15 s less CPU before `sla evaluate` reads
// its data. It is used only while it matches the compiled code it was made from: its stamp
// holds the modification times of the three packages' tsconfig.tsbuildinfo at bundling, and
// any later tsc (watch mode, a partial build) changes one of them, so `sla` loads out/ again.
import { readFileSync, statSync } from 'node:fs';

/** The packages whose compiled output the bundle holds; their tsbuildinfo files date the bundle. */
export const BUNDLED_PACKAGES = ['engine', 'language', 'cli'];

/** The stamp of the current compiled output: package → its tsbuildinfo's mtimeMs (undefined when one is missing). */
export function buildStamp(packagesDir) {
    const stamp = {};
    for (const name of BUNDLED_PACKAGES) {
        try {
            stamp[name] = statSync(new URL(`${name}/tsconfig.tsbuildinfo`, packagesDir)).mtimeMs;
        } catch {
            return undefined;
        }
    }
    return stamp;
}

/**
 * The bundle's URL when it exists and was made from the compiled output as it is now, else
 * undefined. `packagesDir`: URL of the packages folder (ending in `/`).
 */
export function currentBundle(packagesDir) {
    const bundle = new URL('cli/out/bundle/sla.mjs', packagesDir);
    let made;
    try {
        made = JSON.parse(readFileSync(new URL('cli/out/bundle/stamp.json', packagesDir), 'utf8'));
    } catch {
        return undefined;
    }
    const now = buildStamp(packagesDir);
    if (now === undefined || BUNDLED_PACKAGES.some((name) => made[name] !== now[name])) return undefined;
    try {
        statSync(bundle);
    } catch {
        return undefined;
    }
    return bundle;
}
