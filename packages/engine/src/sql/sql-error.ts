/**
 * Errors of a SQL connection, in the user's terms. The engines' own messages are kept (they name
 * the table or column), but classified so that the CLI and the editor can say what to do, and
 * scrubbed so that a password never reaches a message, a log or a report.
 */
export type SqlErrorKind =
    | 'connection-refused'
    | 'authentication'
    | 'missing-database'
    | 'missing-table'
    | 'missing-column'
    | 'wrong-type'
    | 'timeout'
    | 'cancelled'
    | 'missing-client'
    | 'configuration'
    | 'other';

export class SqlConnectionError extends Error {
    readonly kind: SqlErrorKind;
    /** The engine's own error code (PostgreSQL SQLSTATE, ClickHouse `Code: N`), when it gave one. */
    readonly engineCode?: string;

    constructor(kind: SqlErrorKind, message: string, engineCode?: string) {
        super(message);
        this.name = 'SqlConnectionError';
        this.kind = kind;
        this.engineCode = engineCode;
    }
}

/** What the user can do about each kind of error (appended to the message). */
const ADVICE: Record<SqlErrorKind, string> = {
    'connection-refused': 'check that the server runs and that host and port of the connection are right',
    authentication: 'check the user in the connection URL and the password in its environment variable',
    'missing-database': 'check the database name in the connection URL',
    'missing-table': "check the dataset's table name and the connection's database",
    'missing-column': "check the dataset's field names and their `column \"…\"` mappings",
    'wrong-type': "check that the dataset's field types match the table's column types",
    timeout: 'raise the timeout or narrow the evaluation period',
    cancelled: '',
    'missing-client': 'install it with `npm install` in the project (it is an optional dependency)',
    configuration: '',
    other: ''
};

/** `summary: detail (advice)`, with any secret removed. */
export function sqlError(kind: SqlErrorKind, summary: string, detail: string | undefined, secrets: readonly (string | undefined)[], engineCode?: string): SqlConnectionError {
    const advice = ADVICE[kind];
    let message = detail ? `${summary}: ${detail}` : summary;
    if (advice) message += ` (${advice})`;
    return new SqlConnectionError(kind, redact(message, secrets), engineCode);
}

/** Replaces every occurrence of each secret (and its URL-encoded form) by `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
    let result = text;
    for (const secret of secrets) {
        if (!secret) continue;
        for (const form of new Set([secret, encodeURIComponent(secret)])) {
            result = result.split(form).join('***');
        }
    }
    return result;
}
