/**
 * Passwords of database connections in the editor ("SLA: Set Connection Password"). They live
 * in VS Code's SecretStorage, never in settings or `.slarc.json`, and reach the language server
 * the one way the engine takes a password: the environment variable the connection names
 * (`passwordEnv`, default `SLA_<NAME>_PASSWORD`) of the server process. An untrusted
 * workspace gets none (it opens no connection anyway). Connections come from `.slarc.json` and
 * the `sla.connections` setting. No `vscode` import: tested with vitest.
 */
import { defaultPasswordEnv } from '@sla/engine';

/** A connection of a `.slarc.json`, as far as passwords are concerned. */
export interface ConnectionEntry {
    name: string;
    /** The environment variable its password is read from. */
    passwordEnv: string;
}

/** The key of a connection's password in SecretStorage. */
export function secretKey(connection: string): string {
    return `sla.connectionPassword.${connection}`;
}

/**
 * The connections of a `.slarc.json` text (`"connections": { "NAME": "URL" | { "url", "passwordEnv" } }`);
 * none when the text is not such a file (the language server reports a malformed one).
 */
export function connectionsOfProjectConfig(text: string): ConnectionEntry[] {
    let config: unknown;
    try {
        config = JSON.parse(text);
    } catch {
        return [];
    }
    return connectionsOfSetting((config as { connections?: unknown } | null)?.connections);
}

/** The connections of the `sla.connections` setting (same shape as `.slarc.json`'s "connections"); none when it is not an object. */
export function connectionsOfSetting(connections: unknown): ConnectionEntry[] {
    if (connections === null || typeof connections !== 'object' || Array.isArray(connections)) return [];
    return Object.entries(connections as Record<string, unknown>).map(([name, entry]) => {
        const named = (entry as { passwordEnv?: unknown } | null)?.passwordEnv;
        return { name, passwordEnv: typeof named === 'string' && named !== '' ? named : defaultPasswordEnv(name) };
    });
}

/** `.slarc.json` connections and the setting's, by name: the setting's entry wins (as in the language server). */
export function mergeConnections(project: readonly ConnectionEntry[], setting: readonly ConnectionEntry[]): ConnectionEntry[] {
    const byName = new Map<string, ConnectionEntry>();
    for (const entry of [...project, ...setting]) byName.set(entry.name, entry);
    return [...byName.values()];
}

/**
 * The environment of the language server: the editor's own, plus each stored password under its
 * connection's variable — only in a trusted workspace. A stored password wins over a variable
 * the editor inherited (the user set it for this workspace on purpose).
 */
export function serverEnvironment(
    base: Readonly<Record<string, string | undefined>>,
    connections: readonly ConnectionEntry[],
    passwords: ReadonlyMap<string, string>,
    trusted: boolean
): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
    if (!trusted) return env;
    for (const connection of connections) {
        const password = passwords.get(connection.name);
        if (password !== undefined && password !== '') env[connection.passwordEnv] = password;
    }
    return env;
}
