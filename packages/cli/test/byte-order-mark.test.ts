import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runSla, temporaryFolder, uptimeAgreement } from './run-cli.js';

/**
 * `.sla` files saved as "UTF-8 with BOM" (Notepad, some Windows tools): the three bytes EF BB BF
 * before the text. Editors neither show nor count them, so columns are counted after them, and
 * `sla format` writes them back as it found them (as it keeps line endings).
 */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withAndWithoutBom(text: string): string {
    const folder = temporaryFolder('bom');
    fs.writeFileSync(path.join(folder, 'with-bom.sla'), Buffer.concat([BOM, Buffer.from(text)]));
    fs.writeFileSync(path.join(folder, 'no-bom.sla'), text);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n2026-01-05T10:00:00Z,2026-01-05T10:30:00Z\n');
    return folder;
}

describe('a .sla file with a UTF-8 byte order mark', () => {
    test('sla validate: a diagnostic on line 1 is at the editor\'s column, as without the mark (text, JSON, SARIF)', () => {
        // `agreement Hosting "Managed hosting" { timezone "Mars/Base"`: 10 + 8 + 18 + 2 + 9 = 47 characters before the zone's string, so column 48.
        const text = uptimeAgreement('    objective Uptime >= 99.9% per calendar month\n')
            .replace('agreement Hosting "Managed hosting" {', 'agreement Hosting "Managed hosting" { timezone "Mars/Base"')
            .replace('    timezone "UTC"\n', '');
        const folder = withAndWithoutBom(text);
        const plain = runSla(['validate', 'with-bom.sla', 'no-bom.sla'], { cwd: folder });
        expect(plain.stdout).toContain('no-bom.sla:1:48: error: "Mars/Base" is not an IANA time zone name');
        expect(plain.stdout).toContain('with-bom.sla:1:48: error: "Mars/Base" is not an IANA time zone name');
        const json = JSON.parse(runSla(['validate', 'with-bom.sla', '--format', 'json'], { cwd: folder }).stdout) as Array<{ line: number; column: number; code: string }>;
        expect(json.find(diagnostic => diagnostic.code === 'sla/timezone-unknown')).toMatchObject({ line: 1, column: 48 });
        const sarif = JSON.parse(runSla(['validate', 'with-bom.sla', '--format', 'sarif'], { cwd: folder }).stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }> }> };
        const zone = sarif.runs[0]!.results.find(result => result.ruleId === 'sla/timezone-unknown')!;
        expect(zone.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 1, startColumn: 48 });
    });

    test('sla format: a formatted file is formatted (--check exit 0, nothing written); a file that changes keeps its mark', () => {
        const text = uptimeAgreement('    objective Uptime >= 99.9% per calendar month\n');
        const folder = withAndWithoutBom(text);
        const file = path.join(folder, 'with-bom.sla');
        const check = runSla(['format', '--check', file]);
        expect(check.stdout).toBe('');
        expect(check.code).toBe(0);
        expect(runSla(['format', file]).stderr).toBe('Formatted 0 files; 1 file already formatted.\n');
        expect(fs.readFileSync(file).equals(Buffer.concat([BOM, Buffer.from(text)]))).toBe(true);
        // Badly indented: formatted, the mark still first.
        fs.writeFileSync(file, Buffer.concat([BOM, Buffer.from(text.replace('    objective Uptime', '  objective   Uptime'))]));
        expect(runSla(['format', '--check', file]).code).toBe(1);
        expect(runSla(['format', file]).code).toBe(0);
        expect(fs.readFileSync(file).equals(Buffer.concat([BOM, Buffer.from(text)]))).toBe(true);
    });

    test('sla evaluate and sla explain read it as they read the same text without the mark', () => {
        const folder = withAndWithoutBom(uptimeAgreement('    objective Uptime >= 99.9% per calendar month\n'));
        for (const command of [['evaluate', '--from', '2026-01-01', '--to', '2026-01-31'], ['explain']]) {
            const [withBom, noBom] = ['with-bom.sla', 'no-bom.sla'].map(file => runSla([command[0]!, file, ...command.slice(1)], { cwd: folder }));
            expect(withBom!.code, command[0]).toBe(0);
            expect(withBom!.stderr).toBe(noBom!.stderr);
            expect(withBom!.stdout.replaceAll('with-bom.sla', 'FILE')).toBe(noBom!.stdout.replaceAll('no-bom.sla', 'FILE'));
        }
    });
});
