/**
 * A file named twice on the command line (a folder and a file in it, `kilo.sla ./kilo.sla`, an
 * absolute path, a link) is loaded as one document, in the place it was first named: the CLI
 * evaluates each document's agreements, and a second copy would count their credits twice.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSlaFiles } from '../../src/workspace/load-files.js';

const folder = mkdtempSync(join(tmpdir(), 'sla-named-twice-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
mkdirSync(join(folder, 'clients'));
writeFileSync(join(folder, 'clients', 'kilo.sla'), 'kpi Kilo = 1\n');
writeFileSync(join(folder, 'clients', 'lima.sla'), 'kpi Lima = 2\n');
symlinkSync(join(folder, 'clients'), join(folder, 'link'));

const loaded = async (paths: string[]) => (await loadSlaFiles(paths)).documents.map(document => relative(folder, document.uri.fsPath));

describe('loadSlaFiles: each file once', () => {
    test('a folder and a file in it: the folder\'s two files, not three documents', async () => {
        expect(await loaded([join(folder, 'clients'), join(folder, 'clients', 'kilo.sla')])).toEqual(['clients/kilo.sla', 'clients/lima.sla']);
    });

    test('one file written two ways (relative with ./, absolute): one document, in the place first named', async () => {
        const cwd = process.cwd();
        process.chdir(join(folder, 'clients'));
        try {
            expect(await loaded(['lima.sla', './kilo.sla', join(folder, 'clients', 'lima.sla'), 'kilo.sla'])).toEqual(['clients/lima.sla', 'clients/kilo.sla']);
        } finally {
            process.chdir(cwd);
        }
    });

    test('a folder and a link to it: the files the link reaches are the folder\'s', async () => {
        expect(await loaded([join(folder, 'clients'), join(folder, 'link')])).toEqual(['clients/kilo.sla', 'clients/lima.sla']);
    });
});
