/**
 * A connection URL holding a password is refused without repeating it, naming the environment
 * variable the connection's password comes from (its own name, not the pattern SLA_<NAME>_PASSWORD).
 */
import { describe, expect, it } from 'vitest';
import { openServerConnection } from '../../src/sql/server-connection.js';
import { parseServerUrl } from '../../src/sql/server-url.js';

describe('a password in a connection URL', () => {
    it('names the connection\'s own variable: SLA_DB_PASSWORD for a connection named db, and never the password', async () => {
        const error = await openServerConnection({ name: 'db', url: 'postgres://sla:s3cret@127.0.0.1:5432/ops' }, { env: {} }).catch((caught: unknown) => caught as Error);
        expect(error.message).toContain('environment variable (SLA_DB_PASSWORD)');
        expect(error.message).not.toContain('<NAME>');
        expect(error.message).not.toContain('s3cret');
    });

    it('a declared passwordEnv, and a name with other characters (upper-cased, underscores)', async () => {
        const declared = await openServerConnection({ name: 'db', url: 'clickhouse://sla:s3cret@127.0.0.1:8123/ops', passwordEnv: 'WAREHOUSE_SECRET' }).catch((caught: unknown) => caught as Error);
        expect(declared.message).toContain('(WAREHOUSE_SECRET)');
        const named = await openServerConnection({ name: 'eu-west.2', url: 'postgres://sla:s3cret@127.0.0.1/ops' }).catch((caught: unknown) => caught as Error);
        expect(named.message).toContain('(SLA_EU_WEST_2_PASSWORD)');
        // Parsed without a connection (no name known): the pattern.
        expect(() => parseServerUrl('postgres://sla:s3cret@127.0.0.1/ops')).toThrow(/SLA_<NAME>_PASSWORD/);
    });
});
