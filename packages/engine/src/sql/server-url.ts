/**
 * The URL of a database server connection (`postgres://user@host:port/db`,
 * `clickhouse://user@host:port/db` with ClickHouse's HTTP port). A password never belongs in
 * it: credentials come from an environment variable or VS Code's SecretStorage, so a URL
 * carrying one is refused (without repeating it).
 */
import { SqlConnectionError } from './sql-error.js';

export interface ServerUrl {
    scheme: 'postgres' | 'clickhouse';
    host: string;
    port: number;
    user?: string;
    database?: string;
    /** Query-string options (`?statement_timeout=…`), as given. */
    options: Record<string, string>;
}

const DEFAULT_PORT = { postgres: 5432, clickhouse: 8123 } as const;

/** `passwordEnv`: the connection's password variable, named in the message that refuses a password in the URL. */
export function parseServerUrl(url: string, passwordEnv?: string): ServerUrl {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new SqlConnectionError('configuration', 'The connection URL is not a URL (expected e.g. postgres://user@host:5432/database or clickhouse://user@host:8123/database)');
    }
    const protocol = parsed.protocol.replace(/:$/, '').toLowerCase();
    const scheme = protocol === 'postgres' || protocol === 'postgresql' ? 'postgres' : protocol === 'clickhouse' ? 'clickhouse' : undefined;
    if (scheme === undefined) {
        throw new SqlConnectionError('configuration', `The connection URL has the scheme "${protocol}:"; expected postgres: or clickhouse:`);
    }
    if (parsed.password !== '') {
        throw new SqlConnectionError(
            'configuration',
            `The connection URL contains a password: remove it from the URL and put it in the connection's environment variable (${passwordEnv ?? 'SLA_<NAME>_PASSWORD'}) or, in VS Code, run "SLA: Set Connection Password"`
        );
    }
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === '') throw new SqlConnectionError('configuration', 'The connection URL names no host');
    const port = parsed.port === '' ? DEFAULT_PORT[scheme] : Number(parsed.port);
    const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    const options: Record<string, string> = {};
    parsed.searchParams.forEach((value, key) => {
        options[key] = value;
    });
    return {
        scheme,
        host,
        port,
        user: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
        database: path === '' ? undefined : path,
        options
    };
}
