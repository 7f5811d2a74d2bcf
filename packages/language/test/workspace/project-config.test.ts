// `.slarc.json`: one reader for the CLI and the language server, and the folders it allows.
import { describe, expect, it, test } from 'vitest';
import { DataAccess } from '../../src/workspace/data-access.js';
import { connectionUrlProblem, PROJECT_CONFIG_KEYS, ProjectConfigError, parseProjectConfig } from '../../src/workspace/project-config.js';
import schema from '../../../vscode/schemas/slarc.schema.json' with { type: 'json' };

describe('parseProjectConfig', () => {
    test('reads vague terms and allowed data folders; a missing key is an empty list', () => {
        expect(parseProjectConfig('{ "vagueTerms": ["swiftly"], "allowDataOutside": ["../exports"] }', '/p/.slarc.json'))
            .toEqual({ vagueTerms: ['swiftly'], allowDataOutside: ['../exports'] });
        expect(parseProjectConfig('{}', '/p/.slarc.json')).toEqual({ vagueTerms: [], allowDataOutside: [] });
    });

    test('malformed JSON, a non-object or a key of the wrong type names the file and shows the right form', () => {
        expect(() => parseProjectConfig('{ "vagueTerms": [', '/p/.slarc.json')).toThrow(/^\/p\/\.slarc\.json is not valid JSON/);
        expect(() => parseProjectConfig('["swiftly"]', '/p/.slarc.json')).toThrow(ProjectConfigError);
        expect(() => parseProjectConfig('{ "vagueTerms": "swiftly" }', '/p/.slarc.json'))
            .toThrow('/p/.slarc.json: "vagueTerms" must be an array of strings, e.g. { "vagueTerms": ["swiftly", "forthwith"] }.');
        expect(() => parseProjectConfig('{ "allowDataOutside": [1] }', '/p/.slarc.json')).toThrow(/"allowDataOutside" must be an array of folder paths/);
    });

    test('the schema the VS Code extension contributes lists exactly the keys the tools read', () => {
        expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(PROJECT_CONFIG_KEYS).sort());
        expect(schema.additionalProperties).toBe(false);
    });
});

describe('DataAccess and the project folders', () => {
    test('the folders of .slarc.json are allowed in a trusted workspace only', () => {
        const access = new DataAccess();
        access.roots = ['/ws'];
        access.projectFolders = ['/exports'];
        expect(access.problem('/exports/a.csv', '/ws/a.sla')).toBeUndefined();
        access.trusted = false;
        expect(access.allowedFolders('/ws/a.sla')).toEqual(['/ws']);
        expect(access.problem('/exports/a.csv', '/ws/a.sla')).toBeDefined();
    });
});

describe('.slarc.json connections', () => {
    it('reads named connections, as objects or plain URLs', () => {
        const config = parseProjectConfig(JSON.stringify({ connections: { warehouse: { url: 'postgres://sla@localhost:5432/ops', passwordEnv: 'WH_PW' }, lake: 'duckdb:///data/lake.duckdb' } }), '.slarc.json');
        expect(config.connections).toEqual({ warehouse: { url: 'postgres://sla@localhost:5432/ops', passwordEnv: 'WH_PW' }, lake: { url: 'duckdb:///data/lake.duckdb' } });
        expect(parseProjectConfig('{}', '.slarc.json').connections).toBeUndefined();
    });

    it('refuses a password in a URL without repeating it, and an unknown scheme', () => {
        const withPassword = () => parseProjectConfig(JSON.stringify({ connections: { warehouse: 'postgres://sla:Hunter2-secret@localhost/ops' } }), '.slarc.json');
        expect(withPassword).toThrow(ProjectConfigError);
        try {
            withPassword();
        } catch (error) {
            expect((error as Error).message).toContain('holds a password');
            expect((error as Error).message).not.toContain('Hunter2-secret');
            // The variable this connection's password is read from, by its name (not a pattern to fill in).
            expect((error as Error).message).toContain('set the environment variable SLA_WAREHOUSE_PASSWORD (or name another in the connection\'s "passwordEnv").');
        }
        // A connection naming its own variable: that one.
        expect(() => parseProjectConfig(JSON.stringify({ connections: { warehouse: { url: 'postgres://sla:pw@localhost/ops', passwordEnv: 'WH_PW' } } }), '.slarc.json'))
            .toThrow('set the environment variable WH_PW.');
        expect(connectionUrlProblem('clickhouse://a:b@host/db', 'my-lake')).toContain('SLA_MY_LAKE_PASSWORD');
        expect(() => parseProjectConfig(JSON.stringify({ connections: { db: 'mysql://localhost/x' } }), '.slarc.json')).toThrow(/must start with postgres:\/\//);
        expect(() => parseProjectConfig(JSON.stringify({ connections: { db: { passwordEnv: 'X' } } }), '.slarc.json')).toThrow(/must have a "url"/);
        // A user name alone is no password.
        expect(connectionUrlProblem('clickhouse://default@127.0.0.1:8123/default', 'lake')).toBeUndefined();
    });
});
