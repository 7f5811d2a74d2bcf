/**
 * Opens a configured connection to a database server (PostgreSQL or ClickHouse) with its
 * password from the environment variable the configuration names — the only place a password
 * comes from outside VS Code (whose SecretStorage passes it as `password`).
 */
import { connectClickHouse } from './clickhouse-connection.js';
import { connectPostgres } from './postgres-connection.js';
import type { ConnectionConfig, SqlConnection } from './sql-connection.js';
import { parseServerUrl } from './server-url.js';

/** `SLA_<NAME>_PASSWORD`, the name upper-cased and every other character an underscore. */
export function defaultPasswordEnv(name: string): string {
    return `SLA_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PASSWORD`;
}

export interface OpenServerOptions {
    env?: Record<string, string | undefined>;
    /** A password from elsewhere (VS Code's SecretStorage); wins over the environment. */
    password?: string;
    timeoutMs?: number;
}

export async function openServerConnection(config: ConnectionConfig, options: OpenServerOptions = {}): Promise<SqlConnection> {
    const env = options.env ?? process.env;
    const passwordEnv = config.passwordEnv ?? defaultPasswordEnv(config.name);
    const password = options.password ?? env[passwordEnv];
    const url = parseServerUrl(config.url, passwordEnv);
    return url.scheme === 'postgres'
        ? connectPostgres({ url: config.url, password, statementTimeoutMs: options.timeoutMs })
        : connectClickHouse({ url: config.url, password, timeoutMs: options.timeoutMs });
}
