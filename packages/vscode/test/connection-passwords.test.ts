// Connection passwords from SecretStorage to the language server's environment, without VS Code.
import { describe, expect, it } from 'vitest';
import { connectionsOfProjectConfig, secretKey, serverEnvironment } from '../src/settings/connection-passwords.js';

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

    it('keys secrets per connection', () => {
        expect(secretKey('warehouse')).toBe('sla.connectionPassword.warehouse');
    });
});

describe('the command', () => {
    it('is contributed as "SLA: Set Connection Password"', async () => {
        const { readFileSync } = await import('node:fs');
        const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { contributes: { commands: { command: string; title: string; category: string }[] } };
        expect(manifest.contributes.commands).toContainEqual({ command: 'sla.setConnectionPassword', title: 'Set Connection Password', category: 'SLA' });
    });
});
