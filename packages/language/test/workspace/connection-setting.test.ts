// The editor setting sla.connections: parsed as .slarc.json's "connections", merged with them, and opened by no evaluation of an untrusted workspace.
import { describe, expect, test } from 'vitest';
import { connectionsOfSetting } from '../../src/validation/connection-setting.js';
import { DataAccess } from '../../src/workspace/data-access.js';

describe('sla.connections', () => {
    test('takes a URL or { url, passwordEnv } per name; empty is none', () => {
        expect(connectionsOfSetting({ lake: 'duckdb::memory:', warehouse: { url: 'postgres://sla@db:5432/ops', passwordEnv: 'WH_PW' } }))
            .toEqual({ lake: { url: 'duckdb::memory:' }, warehouse: { url: 'postgres://sla@db:5432/ops', passwordEnv: 'WH_PW' } });
        expect(connectionsOfSetting(undefined)).toBeUndefined();
        expect(connectionsOfSetting({})).toBeUndefined();
    });

    test('refuses a password in the URL without repeating it, and an entry without a URL', () => {
        let message = '';
        try {
            connectionsOfSetting({ warehouse: 'postgres://sla:s3cret-pw@db:5432/ops' });
        } catch (error) {
            message = (error as Error).message;
        }
        expect(message).toMatch(/^The setting sla\.connections: connection "warehouse": /);
        expect(message).not.toContain('s3cret-pw');
        expect(() => connectionsOfSetting({ warehouse: { passwordEnv: 'X' } })).toThrow(/connection "warehouse" must have a "url" string/);
        expect(() => connectionsOfSetting(['postgres://db'])).toThrow(/"connections" must be an object/);
    });

    test('an evaluation of a trusted workspace opens the setting\'s connections besides .slarc.json\'s, the setting winning; an untrusted one opens none', () => {
        const access = new DataAccess();
        access.connections = new Set(['warehouse', 'lake']);
        access.connectionConfigs = { warehouse: { url: 'postgres://sla@project:5432/ops' }, lake: { url: 'duckdb:///data/lake.duckdb' } };
        access.editorConnectionConfigs = { warehouse: { url: 'postgres://sla@editor:5432/ops' }, mart: { url: 'clickhouse://ch:8123/default' } };
        expect(access.evaluationConnections()).toEqual({
            warehouse: { url: 'postgres://sla@editor:5432/ops' },
            lake: { url: 'duckdb:///data/lake.duckdb' },
            mart: { url: 'clickhouse://ch:8123/default' }
        });
        expect([...access.knownConnections()!].sort()).toEqual(['lake', 'mart', 'warehouse']);
        access.trusted = false;
        expect(access.evaluationConnections()).toBeUndefined();
    });

    test('without the setting, .slarc.json alone (unchanged)', () => {
        const access = new DataAccess();
        expect(access.knownConnections()).toBeUndefined();
        expect(access.evaluationConnections()).toBeUndefined();
        access.connections = new Set(['warehouse']);
        access.connectionConfigs = { warehouse: { url: 'postgres://sla@project:5432/ops' } };
        expect(access.evaluationConnections()).toEqual({ warehouse: { url: 'postgres://sla@project:5432/ops' } });
    });
});
