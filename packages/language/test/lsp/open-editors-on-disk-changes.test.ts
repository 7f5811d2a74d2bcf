/**
 * Which watched-file events reach Langium while editors are open (open-editors-on-disk-changes.ts):
 * none about an open document; a deleted folder holding an open document deletes only its
 * closed ones (and is passed on as changed, for the data files under it).
 */
import { stream, URI, type LangiumDocument, type LangiumDocuments } from 'langium';
import { describe, expect, test } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { withoutOpenEditors } from '../../src/lsp/open-editors-on-disk-changes.js';

const files = ['/ws/a.sla', '/ws/sub/b.sla', '/ws/sub/c.sla', '/other/d.sla'].map(path => URI.file(path));
const documents = { all: stream(files.map(uri => ({ uri }) as LangiumDocument)) } as unknown as LangiumDocuments;
const uri = (path: string) => URI.file(path).toString();

function reaching(open: string[], change: { uri: string; type: FileChangeType }) {
    const isOpen = (each: string | URI) => open.some(path => uri(path) === URI.parse(each.toString()).toString());
    return withoutOpenEditors(change, isOpen, documents);
}

describe('watched-file events while editors are open', () => {
    test('an open file deleted or changed on disk: nothing reaches Langium', () => {
        expect(reaching(['/ws/a.sla'], { uri: uri('/ws/a.sla'), type: FileChangeType.Deleted })).toEqual([]);
        expect(reaching(['/ws/a.sla'], { uri: uri('/ws/a.sla'), type: FileChangeType.Changed })).toEqual([]);
    });

    test('a closed file, or a folder with no open file under it: the event as it came', () => {
        const deleted = { uri: uri('/ws/sub/b.sla'), type: FileChangeType.Deleted };
        expect(reaching(['/ws/a.sla'], deleted)).toEqual([deleted]);
        const folder = { uri: uri('/ws/sub'), type: FileChangeType.Deleted };
        expect(reaching(['/ws/a.sla', '/other/d.sla'], folder)).toEqual([folder]);
    });

    test('a folder deleted with an open file under it: its closed files deleted, the folder changed', () => {
        expect(reaching(['/ws/sub/b.sla'], { uri: uri('/ws'), type: FileChangeType.Deleted })).toEqual([
            { uri: uri('/ws'), type: FileChangeType.Changed },
            { uri: uri('/ws/a.sla'), type: FileChangeType.Deleted },
            { uri: uri('/ws/sub/c.sla'), type: FileChangeType.Deleted }
        ]);
    });
});
