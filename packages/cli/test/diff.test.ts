import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffCatalogue, diffClient } from '../../language/test/diff/diff-catalogue.js';
import { runSla, temporaryFolder, uptimeAgreement } from './run-cli.js';

/**
 * `sla diff`: two versions of agreements, or the working tree against a git revision; the
 * changes judged from the customer's side; exit 1 when a promise is loosened or removed.
 */
const hosting = (target: string, credit = '10% of fee') => uptimeAgreement(`    objective Uptime >= ${target} per calendar month
    credit for Uptime per calendar month {
        below 99.9% : ${credit}
    }
`);

function write(folder: string, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
        fs.writeFileSync(path.join(folder, name), text);
    }
}

describe('sla diff old new', () => {
    test('a target lowered and a credit cut: both loosened, each at its line; exit 1', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old/hosting.sla': hosting('99.9%'), 'new/hosting.sla': hosting('99.5%', '5% of fee') });
        const result = runSla(['diff', 'old/hosting.sla', 'new/hosting.sla'], { cwd: folder });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(result.stdout).toBe([
            'Hosting (hosting.sla): 2 change(s), 2 loosening a promise',
            '  loosened   objective Uptime  99.5% instead of 99.9%  (hosting.sla:14:5)',
            '  loosened   credit Uptime     below 99.9% : 5% of fee instead of below 99.9% : 10% of fee  (hosting.sla:15:5)',
            '',
            'old/hosting.sla → new/hosting.sla: 1 agreement(s) compared, 1 changed, 0 added, 0 removed; 1 agreement(s) with a promise loosened or removed.',
            ''
        ].join('\n'));
    });

    test('--format markdown: the same as a pull request comment, the loosened changes in bold', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old/hosting.sla': hosting('99.9%'), 'new/hosting.sla': hosting('99.5%', '5% of fee').replace('fee 10000 EUR', 'fee 12000 EUR') });
        const result = runSla(['diff', 'old', 'new', '--format', 'markdown'], { cwd: folder });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe([
            '### sla diff: old → new',
            '',
            '**1 agreement(s) with a promise loosened or removed** · 1 compared, 1 changed, 0 added, 0 removed',
            '',
            '#### Hosting (`hosting.sla`): 3 change(s)',
            '',
            '| change | member | what | where |',
            '| --- | --- | --- | --- |',
            '| changed | fee | fee 12000 EUR per calendar month instead of fee 10000 EUR per calendar month | `hosting.sla:6:5` |',
            '| **loosened** | objective Uptime | 99.5% instead of 99.9% | `hosting.sla:14:5` |',
            '| **loosened** | credit Uptime | below 99.9% : 5% of fee instead of below 99.9% : 10% of fee | `hosting.sla:15:5` |',
            ''
        ].join('\n'));
    });

    test('a stricter target: exit 0; --format json gives every agreement with its changes and the totals', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old/hosting.sla': hosting('99.9%'), 'new/hosting.sla': hosting('99.95%') });
        const result = runSla(['diff', 'old', 'new', '--format', 'json'], { cwd: folder });
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual({
            schemaVersion: 1, before: 'old', after: 'new',
            agreements: [{
                agreement: 'Hosting', template: false, file: 'hosting.sla', status: 'changed',
                changes: [{ member: 'objective Uptime', kind: 'tightened', text: '99.95% instead of 99.9%', loosens: false, at: { file: 'hosting.sla', line: 14, column: 5 }, was: { file: 'hosting.sla', line: 14, column: 5 } }]
            }],
            totals: { compared: 1, changed: 1, added: 0, removed: 0, loosening: 0 }
        });
    });

    test('a client whose template is not found is compared as written, and said so on stderr', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old/catalogue.sla': diffCatalogue('99.9 %'), 'old/northwind.sla': diffClient('Northwind'), 'new/northwind.sla': diffClient('Northwind') });
        const result = runSla(['diff', 'old/northwind.sla', 'new/northwind.sla'], { cwd: folder });
        expect(result.stderr).toBe('new/northwind.sla:2:26: warning: the template Hosting of Northwind is not found (an import missing, or outside the folders read): Northwind is compared as written\n');
        // Its promises, the template's, are gone from the new version.
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('  removed    objective Uptime   removed: objective Uptime >= 99.9 % per calendar month  (was catalogue.sla:9:5)\n');
    });

    test('what it cannot compare: one path, a missing one, a file that does not parse (exit 2, with the place)', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old.sla': hosting('99.9%'), 'broken.sla': hosting('99.9%').replace('objective Uptime >=', 'objective Uptime >= >=') });
        expect(runSla(['diff', 'old.sla'], { cwd: folder })).toMatchObject({ code: 2, stderr: 'sla diff: give the old and the new file or folder (sla diff old.sla new.sla), or --base REV to compare with a git revision.\n' });
        expect(runSla(['diff', 'old.sla', 'new.sla'], { cwd: folder })).toMatchObject({ code: 2, stderr: 'sla diff: no such file or folder: new.sla\n' });
        const broken = runSla(['diff', 'old.sla', 'broken.sla'], { cwd: folder });
        expect(broken.code).toBe(2);
        expect(broken.stderr).toMatch(/^broken\.sla:14:25: error: .* \[sla\/syntax-error\]\nsla diff: a file does not parse: fix its syntax errors first \(sla validate\)\.\n$/);
        // Cut short before its closing brace: the error is at the end of the last line, where `sla validate` puts it (not -1:-1).
        const text = hosting('99.9%').trimEnd().replace(/\}$/, '').trimEnd();
        write(folder, { 'cut.sla': text });
        const lines = text.split('\n');
        const end = `${lines.length}:${lines.at(-1)!.length + 1}`;
        const cut = runSla(['diff', 'old.sla', 'cut.sla'], { cwd: folder });
        expect(cut.code).toBe(2);
        expect(cut.stderr.split('\n')[0]).toMatch(new RegExp(`^cut\\.sla:${end}: error: Unexpected end of the file in the agreement`));
        expect(runSla(['validate', 'cut.sla'], { cwd: folder }).stdout).toContain(`cut.sla:${end}: error: Unexpected end of the file`);
    });

    test('a lower internal target is shown as loosened, but is the provider\'s own goal: exit 0', () => {
        const folder = temporaryFolder('diff');
        const internal = (target: string) => hosting('99.9%').replace(/\}\s*$/, `    internal target Uptime >= ${target} per calendar month owner "Ops"\n}\n`);
        write(folder, { 'old.sla': internal('99.95%'), 'new.sla': internal('99.0%') });
        const result = runSla(['diff', 'old.sla', 'new.sla'], { cwd: folder });
        expect(result.stdout).toContain('loosened   internal target Uptime');
        expect(result.stdout).toContain('no promise loosened or removed');
        expect(result.code).toBe(0);
    });

    test('a tier\'s share of the fee replaced by less money is loosened: exit 1 (10% of 10,000 EUR = 1,000 EUR a month, against 800 EUR)', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old.sla': hosting('99.9%'), 'new.sla': hosting('99.9%', '800 EUR') });
        const result = runSla(['diff', 'old.sla', 'new.sla', '--format', 'json'], { cwd: folder });
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).agreements[0].changes).toEqual([expect.objectContaining({
            kind: 'loosened', loosens: true,
            text: 'below 99.9% : 800 EUR instead of below 99.9% : 10% of fee — 10% of fee is 1000 EUR of the fee of 10000 EUR per calendar month'
        })]);
        // 1,200 EUR is more than 1,000 EUR: tightened, exit 0.
        write(folder, { 'more.sla': hosting('99.9%', '1200 EUR') });
        expect(runSla(['diff', 'old.sla', 'more.sla'], { cwd: folder }).code).toBe(0);
    });

    test('a cap on all credits of 50% of fee replaced by less money is loosened: exit 1 (50% of 10,000 EUR = 5,000 EUR a month, against 4,000 EUR)', () => {
        const folder = temporaryFolder('diff');
        const atRisk = (cap: string) => hosting('99.9%').replace(/\}\s*$/, `    credits capped at ${cap} per calendar month\n}\n`);
        write(folder, { 'old.sla': atRisk('50% of fee'), 'new.sla': atRisk('4000 EUR'), 'more.sla': atRisk('6000 EUR') });
        const result = runSla(['diff', 'old.sla', 'new.sla', '--format', 'json'], { cwd: folder });
        expect(result.code).toBe(1);
        expect(JSON.parse(result.stdout).agreements[0].changes).toEqual([expect.objectContaining({
            member: 'credits cap', kind: 'loosened', loosens: true,
            text: 'capped at 4000 EUR per calendar month instead of capped at 50% of fee per calendar month — 50% of fee is 5000 EUR of the fee of 10000 EUR per calendar month'
        })]);
        // 6,000 EUR is more than 5,000 EUR: tightened, exit 0.
        expect(runSla(['diff', 'old.sla', 'more.sla'], { cwd: folder }).code).toBe(0);
    });

    test('a target that lost its unit (99.9 or 0.999 for 99.9%) cannot be compared or evaluated: replaced, counted as loosening, exit 1', () => {
        const folder = temporaryFolder('diff');
        write(folder, { 'old.sla': hosting('99.9%'), 'bare.sla': hosting('99.9'), 'fraction.sla': hosting('0.999') });
        for (const file of ['bare.sla', 'fraction.sla']) {
            const result = runSla(['diff', 'old.sla', file, '--format', 'markdown'], { cwd: folder });
            expect(result.code).toBe(1);
            expect(result.stdout).toContain(`| **replaced** | objective Uptime | ${file === 'bare.sla' ? '99.9' : '0.999'} instead of 99.9% — the new target has no unit (sla/unit-missing), not comparable; counted as loosening the promise |`);
        }
    });
});

describe('sla diff --base REV', () => {
    /** A git repository with a catalogue (availability 99.9 % by default) and two clients, one arguing 99.95 %, committed. */
    function repository(): string {
        const folder = temporaryFolder('diff-git');
        const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'pipe' });
        git('init', '-q');
        git('config', 'user.email', 'test@example.com');
        git('config', 'user.name', 'Test');
        write(folder, {
            'catalogue.sla': diffCatalogue('99.9 %'),
            'clients/northwind.sla': diffClient('Northwind', '', '../catalogue.sla'),
            'clients/contoso.sla': diffClient('Contoso', '    with availability = 99.95 %\n', '../catalogue.sla')
        });
        git('add', '.');
        git('commit', '-qm', 'catalogue');
        return folder;
    }
    test('the catalogue\'s default lowered: the client that takes it is loosened, at the catalogue\'s line; the one with its own argument is not', () => {
        const folder = repository();
        write(folder, { 'catalogue.sla': diffCatalogue('99.5 %') });
        const result = runSla(['diff', '--base', 'HEAD', 'clients'], { cwd: folder });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(result.stdout).toBe([
            'Northwind (clients/northwind.sla): 1 change(s), 1 loosening a promise',
            '  loosened   objective Uptime  99.5 % instead of 99.9 %  (catalogue.sla:9:5)',
            '',
            'HEAD → working tree: 2 agreement(s) compared, 1 changed, 0 added, 0 removed; 1 agreement(s) with a promise loosened or removed.',
            ''
        ].join('\n'));
        // From a folder below the top: the same changes, the paths from the top.
        expect(runSla(['diff', '--base', 'HEAD', '.'], { cwd: path.join(folder, 'clients') }).stdout).toBe(result.stdout);
        // One agreement; and nothing changed against the working tree's own commit once committed.
        expect(JSON.parse(runSla(['diff', '--base', 'HEAD', 'clients', '--agreement', 'Contoso', '--format', 'json'], { cwd: folder }).stdout).agreements).toEqual([
            { agreement: 'Contoso', template: false, file: 'clients/contoso.sla', status: 'unchanged', changes: [] }
        ]);
    });

    test('a client\'s own argument loosened: the change is placed at the argument, in the client\'s file (the catalogue is untouched)', () => {
        const folder = repository();
        write(folder, { 'clients/contoso.sla': diffClient('Contoso', '    with availability = 99.5 %\n', '../catalogue.sla') });
        const result = runSla(['diff', '--base', 'HEAD', 'clients'], { cwd: folder });
        expect(result.code).toBe(1);
        const line = diffClient('Contoso', '    with availability = 99.5 %\n', '../catalogue.sla').split('\n').findIndex(text => text.includes('with availability')) + 1;
        expect(result.stdout).toContain(`  loosened   objective Uptime  99.5 % instead of 99.95 %  (clients/contoso.sla:${line}:10)`);
    });

    test('a client added since the revision is added; an unknown revision or a folder outside git is refused', () => {
        const folder = repository();
        write(folder, { 'clients/fabrikam.sla': diffClient('Fabrikam', '', '../catalogue.sla') });
        const result = runSla(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: folder });
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout).agreements.map((agreement: { agreement: string; status: string }) => [agreement.agreement, agreement.status])).toEqual([
            ['Hosting', 'unchanged'], ['Contoso', 'unchanged'], ['Fabrikam', 'added'], ['Northwind', 'unchanged']
        ]);
        expect(runSla(['diff', '--base', 'no-such-branch'], { cwd: folder })).toMatchObject({ code: 2, stderr: `sla diff: --base no-such-branch: no such revision in ${fs.realpathSync(folder)}.\n` });
        const outside = fs.realpathSync(temporaryFolder('diff-no-git'));
        expect(runSla(['diff', '--base', 'HEAD'], { cwd: outside })).toMatchObject({ code: 2, stderr: `sla diff: --base HEAD: ${outside} is not in a git repository.\n` });
    });
});
