/**
 * The named connections a command may open: `.slarc.json` "connections" (working directory and
 * the folders of the files given), then `--connection NAME=URL` over them. URLs never hold a
 * password (refused, without repeating it); the password is read by the connection from the
 * environment variable `passwordEnv` (default `SLA_<NAME>_PASSWORD`).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConnectionConfig, SqlConnection } from '@sla/engine';
import { connectionUrlProblem, parseProjectConfig, PROJECT_CONFIG_FILE, ProjectConfigError } from '@sla/language/project-config';

export async function projectConnections(givenPaths: string[], flags: string[], cwd = process.cwd()): Promise<Record<string, ConnectionConfig>> {
    const folders = new Set<string>([path.resolve(cwd)]);
    for (const given of givenPaths) folders.add(path.dirname(path.resolve(cwd, given)));
    const connections: Record<string, ConnectionConfig> = {};
    for (const folder of folders) {
        const file = path.join(folder, PROJECT_CONFIG_FILE);
        let text: string;
        try {
            text = await fs.readFile(file, 'utf8');
        } catch {
            continue;
        }
        for (const [name, entry] of Object.entries(parseProjectConfig(text, file).connections ?? {})) {
            connections[name] = { name, url: entry.url, ...(entry.passwordEnv === undefined ? {} : { passwordEnv: entry.passwordEnv }) };
        }
    }
    for (const flag of flags) {
        const match = /^([^=]+)=(.+)$/.exec(flag);
        if (!match) throw new ProjectConfigError(`--connection takes NAME=URL (e.g. --connection warehouse=postgres://sla@localhost:5432/ops), not '${flag.replace(/:[^/@:]*@/, ':***@')}'.`);
        const problem = connectionUrlProblem(match[2], match[1], connections[match[1]]?.passwordEnv);
        if (problem !== undefined) throw new ProjectConfigError(`--connection ${match[1]}: ${problem}`);
        connections[match[1]] = { ...connections[match[1]], name: match[1], url: match[2] };
    }
    return connections;
}

/** Opens PostgreSQL and ClickHouse connections with the engine's server clients, when this build has them. */
export function serverConnectionOpener(engine: typeof import('@sla/engine')): ((config: ConnectionConfig) => Promise<SqlConnection>) | undefined {
    const open = (engine as unknown as { openServerConnection?: (config: ConnectionConfig) => Promise<SqlConnection> }).openServerConnection;
    return open;
}
