import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { catalogueClientText } from './hosting-catalogue.js';

/**
 * Typing inside a block of the template (its service) re-parses that block alone and keeps the
 * template's node (internals/incremental). What is found once per template for all its clients
 * must follow the new block, not the replaced one:
 * - Loose: `availability = 99 %` against the default 99.9 % loosens the template's objective, a
 *   warning at the argument (sla/template-loosened).
 * - Own: its own objective replaces the template's, the only line using `availability`, so its
 *   `availability = 99.5 %` sets nothing (sla/template-argument-unused).
 * Renaming the KPI inside the service ("Uptime" → "Hosting uptime") changes neither.
 */
const catalogue = (title: string) => `template Hosting "Managed hosting" {
    parameter availability percentage default 99.9 %
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    service Hosting "Hosting" {
        kpi Uptime "${title}" = uptime(incidents, from started to resolved)
        objective Uptime >= availability per calendar month
    }
}
`;

/** The clients' agreements of catalogueClientText, in the template's own file (no import). */
const clients = [
    catalogueClientText('Loose', { args: 'availability = 99 %' }),
    catalogueClientText('Own', { args: 'availability = 99.5 %', lines: '    service Hosting {\n        objective Uptime >= 99.95 % per calendar month\n    }\n' })
].map(text => text.replace('import "catalogue.sla"\n', '')).join('\n');

describe('a template edited inside its service: its clients\' argument checks', () => {
    it('keeps the loosened argument and the argument without effect after the service block is re-parsed', async () => {
        // Open in an editor session (the language server's documents), as the incremental tests do. The
        // template and its clients in one file: a file other files import is always parsed whole.
        const { shared } = createSlaServices(EmptyFileSystem);
        const uri = URI.parse('file:///work/portfolio.sla');
        let version = 1;
        const open = async (text: string) => {
            shared.workspace.TextDocuments!.set(TextDocument.create(uri.toString(), 'sla', version++, text));
            await shared.workspace.DocumentBuilder.update([uri], []);
        };
        await open(`${catalogue('Uptime')}\n${clients}`);
        const codes = () => (shared.workspace.LangiumDocuments.getDocument(uri)!.diagnostics ?? [])
            .filter(d => String(d.code).startsWith('sla/template-')).map(d => `${String(d.code)} ${d.range.start.line}`).sort();
        // Each at the client's argument (0-based lines).
        const lineOf = (text: string) => `${catalogue('Uptime')}\n${clients}`.split('\n').findIndex(line => line.includes(text));
        const expected = [`sla/template-argument-unused ${lineOf('with availability = 99.5 %')}`, `sla/template-loosened ${lineOf('with availability = 99 %')}`];
        expect(codes()).toEqual(expected);
        const fullParses = vi.spyOn(shared.workspace.LangiumDocumentFactory, 'update');
        await open(`${catalogue('Hosting uptime')}\n${clients}`);
        // The edit was taken by re-parsing the block, not the file: the template's node is the same one.
        expect(fullParses).not.toHaveBeenCalled();
        expect(codes()).toEqual(expected);
    });
});
