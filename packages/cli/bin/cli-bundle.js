// The CLI bundled into one file (out/bundle/sla.mjs, made by `npm run build` through
// esbuild.mjs) starts faster than the same code as the ≈ 900 modules of out/ and its
// dependencies (lodash-es alone is about 150): ≈ 0.15 s less CPU before `sla evaluate` reads
// its data. It is used only while it matches the compiled code it was made from: its stamp
// holds the modification times of the three packages' tsconfig.tsbuildinfo at bundling, and
// any later tsc (watch mode, a partial build) changes one of them, so `sla` loads out/ again.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** The start-up snapshot beside the bundle (esbuild.mjs, src/snapshot-entry.ts): the blob, its stamp, the script it was made from. */
export const SNAPSHOT_BLOB = 'sla.blob';
export const SNAPSHOT_STAMP = 'snapshot.json';
export const SNAPSHOT_SCRIPT = 'sla-snapshot.cjs';

/**
 * The path of the start-up snapshot when it exists, was made from the compiled output as it is
 * now (the bundle's stamp) and by this node (`version`, `execPath`: a blob of another node is
 * refused or crashes), else undefined.
 */
export function currentSnapshot(packagesDir, version = process.version, execPath = process.execPath) {
    const blob = new URL(`cli/out/bundle/${SNAPSHOT_BLOB}`, packagesDir);
    let made;
    try {
        made = JSON.parse(readFileSync(new URL(`cli/out/bundle/${SNAPSHOT_STAMP}`, packagesDir), 'utf8'));
    } catch {
        return undefined;
    }
    if (made.node !== version || made.execPath !== execPath) return undefined;
    const now = buildStamp(packagesDir);
    if (now === undefined || BUNDLED_PACKAGES.some((name) => made[name] !== now[name])) return undefined;
    try {
        statSync(blob);
    } catch {
        return undefined;
    }
    return fileURLToPath(blob);
}

/** Node options that load code before the program (a snapshot's start does not run the script they would wrap). */
const PRELOAD_OPTION = /^(--import|--require|-r|--loader|--experimental-loader)(=|$)/;

/**
 * The node options that start `sla` from its snapshot (`--snapshot-blob PATH bin/snapshot-main.cjs`:
 * the script's own path follows, then its arguments), or none (it then
 * starts from the bundle): none without a current snapshot, with a module preloaded (--import,
 * --require, in the options or NODE_OPTIONS), or with the language server's burst trace on
 * (SLA_TRACE_BURST, read when its module loads).
 */
export function snapshotOptions(packagesDir, execArgv = process.execArgv, env = process.env) {
    if (env.SLA_TRACE_BURST !== undefined) return [];
    const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
    if (given.some((option) => PRELOAD_OPTION.test(option))) return [];
    const blob = currentSnapshot(packagesDir);
    return blob === undefined ? [] : ['--snapshot-blob', blob, fileURLToPath(new URL('cli/bin/snapshot-main.cjs', packagesDir))];
}
