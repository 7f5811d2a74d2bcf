import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';
import { readCorpusText } from './corpus-expectations.js';
import { junkMessages, slaFiles } from './half-written.js';

/**
 * Validation never throws: every prefix of every example and corpus file (cut after each
 * line, as while typing) is parsed, linked and validated without an exception in any check.
 * And what it says of a half-written line reads as written for a person: no message shows a
 * value the text does not have yet (`complete to undefined`, `a score from undefined to 5`,
 * `Write e.g. 'NaN%'`) — the parser reports what is missing; the checks say nothing of it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..', '..', '..');

const files = [...slaFiles(path.join(root, 'examples')), ...slaFiles(path.join(here, 'corpus'))];

describe('validation of half-written documents', () => {
    const errors: unknown[] = [];
    beforeEach(() => {
        errors.length = 0;
        // Langium catches an exception in a check, logs it and reports "An error occurred …".
        vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { errors.push(args); });
    });
    afterEach(() => vi.restoreAllMocks());

    test('there are files to cut', () => {
        expect(files.length).toBeGreaterThan(10);
    });

    test.each(files.map(file => [path.relative(root, file), file]))('every prefix of %s', async (_name, file) => {
        const services = createSlaServices(NodeFileSystem).Sla;
        const workspace = services.shared.workspace;
        // Corpus files are read without their «» range markers, as the corpus test checks them.
        const lines = readCorpusText(fs.readFileSync(file, 'utf8')).text.split('\n');
        const started = Date.now();
        for (let cut = 0; cut <= lines.length; cut++) {
            const text = lines.slice(0, cut).join('\n');
            // Next to the original, so imports and data files resolve as they would while typing.
            const uri = URI.file(path.join(path.dirname(file), `~prefix-${cut}.sla`));
            const document = workspace.LangiumDocumentFactory.fromString(text, uri);
            workspace.LangiumDocuments.addDocument(document);
            try {
                await workspace.DocumentBuilder.build([document], { validation: true });
                const crashes = (document.diagnostics ?? []).filter(d => d.message.startsWith('An error occurred'));
                expect(crashes.map(d => d.message), `cut after line ${cut}`).toEqual([]);
                expect(junkMessages((document.diagnostics ?? []).map(d => d.message)), `cut after line ${cut}`).toEqual([]);
                expect(errors, `cut after line ${cut}`).toEqual([]);
            } finally {
                workspace.LangiumDocuments.deleteDocument(uri);
            }
        }
        // Time box: a hang or a blow-up shows here rather than as a stuck run.
        expect(Date.now() - started).toBeLessThan(60_000);
    }, 120_000);
});

