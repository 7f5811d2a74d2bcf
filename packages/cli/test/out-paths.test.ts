import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { systemErrorReason } from '../src/system-error.js';
import { root, runSla, temporaryFolder } from './run-cli.js';

/**
 * `--out` of `sla explain`, `sla export openslo` and `sla import openslo`: a folder where a file is
 * meant, a file where a folder is meant, or a path under a file is said in words before any work,
 * as `sla evaluate --out` says it (out-path.ts), never as Node's `EISDIR: …` or `EEXIST: …`.
 */
const example = path.join(root, 'examples/managed-hosting/acme-hosting.sla');

function workspace(): string {
    const folder = temporaryFolder('out-paths');
    fs.mkdirSync(path.join(folder, 'outdir'));
    fs.writeFileSync(path.join(folder, 'notadir.txt'), 'mine\n');
    return folder;
}

describe('--out that cannot be written', () => {
    test('sla explain --out a folder, or a path under a file: exit 2, what to give instead, nothing written', () => {
        const folder = workspace();
        const intoFolder = runSla(['explain', example, '--out', 'outdir'], { cwd: folder });
        expect(intoFolder.code).toBe(2);
        expect(intoFolder.stderr).toBe('sla explain: --out outdir is a folder; give the path of a file to write the explanation to (e.g. --out outdir/acme-hosting.md). Nothing was written.\n');
        const underFile = runSla(['explain', example, '--out', 'notadir.txt/acme.md'], { cwd: folder });
        expect(underFile.code).toBe(2);
        expect(underFile.stderr).toBe('sla explain: --out notadir.txt/acme.md: notadir.txt is a file, not a folder, so the explanation cannot be written under it. Give another --out path. Nothing was written.\n');
        expect(fs.readdirSync(path.join(folder, 'outdir'))).toEqual([]);
        expect(fs.readFileSync(path.join(folder, 'notadir.txt'), 'utf8')).toBe('mine\n');
    }, 60_000);

    test('sla export openslo --out a file, or a folder under a file: exit 2, a folder asked for, nothing written', () => {
        const folder = workspace();
        const file = runSla(['export', 'openslo', example, '--out', 'notadir.txt'], { cwd: folder });
        expect(file.code).toBe(2);
        expect(file.stdout).toBe('');
        expect(file.stderr).toBe('sla export openslo: --out notadir.txt is a file, not a folder; give a folder to write the OpenSLO documents into (it is created if missing, e.g. --out openslo). Nothing was exported.\n');
        const under = runSla(['export', 'openslo', example, '--out', 'notadir.txt/openslo'], { cwd: folder });
        expect(under.code).toBe(2);
        expect(under.stderr).toBe('sla export openslo: --out notadir.txt/openslo: notadir.txt is a file, not a folder, so the OpenSLO documents cannot be written under it. Give another --out path. Nothing was exported.\n');
        expect(fs.readFileSync(path.join(folder, 'notadir.txt'), 'utf8')).toBe('mine\n');
    }, 60_000);

    test('sla import openslo --out a folder, or a path under a file: exit 2, a file asked for', () => {
        const folder = workspace();
        expect(runSla(['export', 'openslo', example, '--out', 'openslo'], { cwd: folder }).code).toBe(0);
        const intoFolder = runSla(['import', 'openslo', 'openslo', '--out', 'outdir'], { cwd: folder });
        expect(intoFolder.code).toBe(2);
        expect(intoFolder.stderr).toBe('sla import openslo: --out outdir is a folder; give the path of a file to write the agreement to (e.g. --out outdir/imported.sla). Nothing was imported.\n');
        const underFile = runSla(['import', 'openslo', 'openslo', '--out', 'notadir.txt/acme.sla'], { cwd: folder });
        expect(underFile.code).toBe(2);
        expect(underFile.stderr).toBe('sla import openslo: --out notadir.txt/acme.sla: notadir.txt is a file, not a folder, so the agreement cannot be written under it. Give another --out path. Nothing was imported.\n');
        expect(fs.readdirSync(path.join(folder, 'outdir'))).toEqual([]);
    }, 60_000);
});

describe('systemErrorReason: Node\'s wording of a system error, in one place', () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '/x/report.json'"), { code: 'EACCES' });

    test('without the code in front; with withoutCall, without the call and path at the end', () => {
        expect(systemErrorReason(error)).toBe("permission denied, open '/x/report.json'");
        expect(systemErrorReason(error, { withoutCall: true })).toBe('permission denied');
        expect(systemErrorReason('not an Error')).toBe('not an Error');
    });
});
