import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The built `sla` as users run it, with the environment given (colour variables removed unless set). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

export function runSla(
    args: string[],
    options: { cwd?: string; env?: Record<string, string>; nodeOptions?: string[] } = {}
): { code: number; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS']) delete env[name];
    const result = spawnSync(node, [...(options.nodeOptions ?? []), cli, ...args], { cwd: options.cwd ?? root, encoding: 'utf8', env: { ...env, ...options.env } });
    return { code: result.status ?? -1, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

export function temporaryFolder(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `sla-${prefix}-`));
}

/**
 * Hosting for 2026 (UTC, 10,000 EUR a month) with an incident register (`incidents.csv`) and
 * its KPI Uptime; `members` (objectives, credits, clauses, each line indented) come after the KPI.
 */
export function uptimeAgreement(members: string): string {
    return `agreement Hosting "Managed hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
    }

    kpi Uptime "Share of time up" = uptime(incidents, from started to resolved)
${members}}
`;
}

/**
 * A service desk's agreement over one ticket export, for the tests of export spellings (layouts,
 * encodings, durations): valid March and April 2026, Berlin time; `dataset` and `service` are the
 * lines inside the dataset `tickets` reading `file` and inside the service `Desk`.
 */
export function deskAgreement(file: string, dataset: string, service: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-03-01 to 2026-04-30
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month

    dataset tickets "Tickets" from "${file}" {
${dataset}
    }

    service Desk "Desk" {
${service}
    }
}
`;
}

/** Every .sla file under examples/, relative to the repository root. */
export function exampleFiles(): string[] {
    const folder = path.join(root, 'examples');
    return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.sla')).sort().map(file => path.join('examples', file));
}

/**
 * A packages folder as bin/cli-bundle.js judges it (the tsconfig.tsbuildinfo of engine, language
 * and cli, modified at 1,000, 2,000 and 3,000 s, and an empty cli/out/bundle/), for tests of
 * which build output the launcher picks; each test adds the files it is about.
 */
export function packagesFolder(prefix: string): { dir: string; url: URL } {
    const dir = temporaryFolder(prefix);
    for (const [name, seconds] of [['engine', 1_000], ['language', 2_000], ['cli', 3_000]] as const) {
        fs.mkdirSync(path.join(dir, name), { recursive: true });
        const info = path.join(dir, name, 'tsconfig.tsbuildinfo');
        fs.writeFileSync(info, '{}');
        fs.utimesSync(info, seconds, seconds);
    }
    fs.mkdirSync(path.join(dir, 'cli/out/bundle'), { recursive: true });
    return { dir, url: pathToFileURL(dir + '/') };
}
