// Connection passwords from SecretStorage to the language server's environment, without VS Code.
import { describe, expect, it } from 'vitest';
import { connectionsOfProjectConfig, connectionsOfSetting, mergeConnections, secretKey, serverEnvironment } from '../src/settings/connection-passwords.js';

describe('connection passwords in the editor', () => {
    it('reads the connections of a .slarc.json: the named variable, else SLA_<NAME>_PASSWORD', () => {
        const text = JSON.stringify({ connections: { warehouse: { url: 'postgres://sla@db:5432/ops', passwordEnv: 'WAREHOUSE_PW' }, 'lake-2': 'clickhouse://sla@ch:8123/default' } });
        // 'lake-2' upper-cased, the dash an underscore (the engine's defaultPasswordEnv).
        expect(connectionsOfProjectConfig(text)).toEqual([
            { name: 'warehouse', passwordEnv: 'WAREHOUSE_PW' },
            { name: 'lake-2', passwordEnv: 'SLA_LAKE_2_PASSWORD' }
        ]);
        expect(connectionsOfProjectConfig('{ not json')).toEqual([]);
        expect(connectionsOfProjectConfig('{"vagueTerms": []}')).toEqual([]);
    });

    it('puts stored passwords into the server environment of a trusted workspace only', () => {
        const connections = [{ name: 'warehouse', passwordEnv: 'WAREHOUSE_PW' }, { name: 'lake', passwordEnv: 'SLA_LAKE_PASSWORD' }];
        const passwords = new Map([['warehouse', "pa'ss;--"]]);
        const trusted = serverEnvironment({ PATH: '/bin', WAREHOUSE_PW: 'inherited' }, connections, passwords, true);
        expect(trusted).toEqual({ PATH: '/bin', WAREHOUSE_PW: "pa'ss;--" });
        const untrusted = serverEnvironment({ PATH: '/bin' }, connections, passwords, false);
        expect(untrusted).toEqual({ PATH: '/bin' });
    });

    it('reads the connections of the sla.connections setting too; an entry there wins over .slarc.json', () => {
        const setting = connectionsOfSetting({ warehouse: { url: 'postgres://sla@editor:5432/ops', passwordEnv: 'EDITOR_PW' }, mart: 'clickhouse://ch:8123/default' });
        expect(setting).toEqual([{ name: 'warehouse', passwordEnv: 'EDITOR_PW' }, { name: 'mart', passwordEnv: 'SLA_MART_PASSWORD' }]);
        expect(connectionsOfSetting(undefined)).toEqual([]);
        expect(connectionsOfSetting(['postgres://db'])).toEqual([]);
        const project = connectionsOfProjectConfig(JSON.stringify({ connections: { warehouse: 'postgres://sla@project:5432/ops', lake: 'duckdb::memory:' } }));
        expect(mergeConnections(project, setting)).toEqual([
            { name: 'warehouse', passwordEnv: 'EDITOR_PW' },
            { name: 'lake', passwordEnv: 'SLA_LAKE_PASSWORD' },
            { name: 'mart', passwordEnv: 'SLA_MART_PASSWORD' }
        ]);
        // An untrusted workspace: the setting's stored passwords do not reach the server either.
        expect(serverEnvironment({ PATH: '/bin' }, mergeConnections(project, setting), new Map([['mart', 'pw']]), false)).toEqual({ PATH: '/bin' });
        expect(serverEnvironment({ PATH: '/bin' }, mergeConnections(project, setting), new Map([['mart', 'pw']]), true)).toEqual({ PATH: '/bin', SLA_MART_PASSWORD: 'pw' });
    });

    it('keys secrets per connection', () => {
        expect(secretKey('warehouse')).toBe('sla.connectionPassword.warehouse');
    });
});

describe('the setting', () => {
    it('is contributed as sla.connections, restricted in untrusted workspaces', async () => {
        const { readFileSync } = await import('node:fs');
        const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
            capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
            contributes: { configuration: { properties: Record<string, { type: string; markdownDescription: string }> } };
        };
        expect(manifest.contributes.configuration.properties['sla.connections']).toMatchObject({ type: 'object' });
        expect(manifest.contributes.configuration.properties['sla.connections']!.markdownDescription).toMatch(/Never put a password here/);
        expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toContain('sla.connections');
    });
});

describe('the command', () => {
    it('is contributed as "SLA: Set Connection Password"', async () => {
        const { readFileSync } = await import('node:fs');
        const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { contributes: { commands: { command: string; title: string; category: string }[] } };
        expect(manifest.contributes.commands).toContainEqual({ command: 'sla.setConnectionPassword', title: 'Set Connection Password', category: 'SLA' });
    });
});
