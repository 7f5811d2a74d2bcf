/**
 * Typing in a large file re-parses only the block around the edit (SlaDocumentBuilder). The
 * result must be exactly what re-parsing the whole file gives: the same tree, the same token
 * positions, the same links, the same reference index and the same diagnostics. Each test
 * edits a document through the builder as the language server does, then builds the new text
 * from scratch in separate services and compares the two.
 */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { AstUtils, DocumentState, EmptyFileSystem, URI, type CstNode, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource } from 'vscode-languageserver';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../../src/sla-module.js';
import { generateAgreement } from '../../../../../test/bench/generate-agreement.mjs';
import type { SlaValidationRegistry } from '../../../src/validation/sla-validation-registry.js';
import { random } from '../../random.js';

const examples = join(__dirname, '../../../../../examples');
const ACME = readFileSync(join(examples, 'managed-hosting/acme-hosting.sla'), 'utf8');
const HELIX = readFileSync(join(examples, 'service-desk/helix-service-desk.sla'), 'utf8');
const GENERATED = generateAgreement(300, 'Client');

/** An editor session: one open document, changed by full-text updates like `didChange`. */
function session(text: string, uri = 'file:///work/client.sla', fileSystem: Parameters<typeof createSlaServices>[0] = EmptyFileSystem) {
    const { shared, Sla } = createSlaServices(fileSystem);
    const documentUri = URI.parse(uri);
    let version = 1;
    const open = async (content: string) => {
        shared.workspace.TextDocuments!.set(TextDocument.create(uri, 'sla', version++, content));
        await shared.workspace.DocumentBuilder.update([documentUri], []);
    };
    const fullParses = vi.spyOn(shared.workspace.LangiumDocumentFactory, 'update');
    return {
        shared, Sla,
        open,
        /** Applies a new text and says whether the whole file was parsed again. */
        edit: async (content: string) => {
            fullParses.mockClear();
            await open(content);
            return { reparsedWholeFile: fullParses.mock.calls.length > 0 };
        },
        document: () => shared.workspace.LangiumDocuments.getDocument(documentUri)!
    };
}

/** What must not differ between an incrementally updated document and one built from scratch. */
function snapshot(document: LangiumDocument, services: ReturnType<typeof createSlaServices>) {
    const root = document.parseResult.value;
    const tokens: string[] = [];
    const walk = (node: CstNode) => {
        if ('content' in node) for (const child of (node as { content: CstNode[] }).content) walk(child);
        else tokens.push(`${node.offset}+${node.length} ${JSON.stringify(node.range)} ${node.hidden ? 'hidden ' : ''}${node.text}`);
    };
    walk(root.$cstNode!);
    const composites: string[] = [];
    for (const node of AstUtils.streamAst(root)) {
        composites.push(`${node.$type} ${node.$cstNode?.offset}-${node.$cstNode?.end} ${JSON.stringify(node.$cstNode?.range)} ${node.$containerProperty}@${node.$containerIndex}`);
    }
    // A target must be a node of the current tree, not one of a replaced block (whose path would look the same).
    const current = new Set(AstUtils.streamAst(root));
    const links = document.references.map(reference => {
        const target = 'ref' in reference ? reference.ref : undefined;
        const where = target && AstUtils.findRootNode(target) === root && !current.has(target) ? ' (a replaced node!)' : '';
        return `${reference.$refNode?.offset} ${reference.$refText} → ${target ? services.Sla.workspace.AstNodeLocator.getAstNodePath(target) : reference.error?.message}${where}`;
    }).sort();
    const referenceIndex = [...(services.shared.workspace.IndexManager as unknown as { referenceIndex: Map<string, Array<{ sourcePath: string; targetPath: string; segment: { offset: number; end: number; range: unknown } }>> })
        .referenceIndex.get(document.uri.toString()) ?? []]
        .map(d => `${d.sourcePath} → ${d.targetPath} ${d.segment.offset}-${d.segment.end} ${JSON.stringify(d.segment.range)}`).sort();
    const diagnostics = (document.diagnostics ?? [])
        .map(d => `${JSON.stringify(d.range)} ${d.severity} ${d.code} ${d.message} ${JSON.stringify(d.data ?? null)}`).sort();
    return {
        text: root.$cstNode!.root.fullText,
        ast: services.Sla.serializer.JsonSerializer.serialize(root, { space: 1 }),
        tokens, composites, links, referenceIndex, diagnostics
    };
}

async function fromScratch(text: string, uri = 'file:///work/client.sla') {
    const services = createSlaServices(EmptyFileSystem);
    const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri));
    services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build([document], { validation: { categories: ['built-in', 'fast'] } });
    return snapshot(document, services);
}

async function expectSameAsScratch(editor: ReturnType<typeof session>, text: string) {
    expect(editor.document().state).toBe(DocumentState.Validated);
    const incremental = snapshot(editor.document(), editor);
    expect(incremental.text).toBe(text);
    expect(incremental).toEqual(await fromScratch(text));
}

/** Replaces the first occurrence of `find` after `after`. */
function replaceAfter(text: string, after: string, find: string, replacement: string): string {
    const at = text.indexOf(find, text.indexOf(after));
    if (at < 0 || text.indexOf(after) < 0) throw new Error(`'${find}' after '${after}' not found`);
    return text.slice(0, at) + replacement + text.slice(at + find.length);
}

afterEach(() => vi.restoreAllMocks());

describe('edits inside one block re-parse only that block', () => {
    test('changing an objective target in a service', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        const text = replaceAfter(GENERATED, 'service Service3 ', 'objective Availability >= 99.9%', 'objective Availability >= 99.8%');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
    });

    test('adding lines to a service moves every later token, diagnostic and reference', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        // A new objective with a vague window (a warning) and a credit tier gap in a later service.
        let text = replaceAfter(GENERATED, 'service Service2 ', '        objective P95Latency', '        objective Failed <= 10 per month\n        // checked daily\n        objective P95Latency');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
        text = replaceAfter(text, 'service Service2 ', '// checked daily\n', '');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
    });

    test('a change that makes a reference from elsewhere point to the new block', async () => {
        // Service B's objective uses Service A's KPI: editing A must re-link B's reference.
        const text = `agreement T "T" {
    timezone "UTC"
    dataset requests "r" from "r.csv" {
        time timestamp
        status integer
    }
    service A "a" {
        kpi Total "all" = count(requests)
    }
    service B "b" {
        objective A.Total >= 10 per calendar month
    }
}
`;
        const editor = session(text);
        await editor.open(text);
        const edited = text.replace('count(requests)', 'count(requests where status >= 500)');
        expect(await editor.edit(edited)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, edited);
        const objective = AstUtils.streamAst(editor.document().parseResult.value).find(n => n.$type === 'Objective') as unknown as { kpi: { ref: { $container: { name: string } } } };
        expect(objective.kpi.ref.$container.name).toBe('A');
        expect(AstUtils.findRootNode(objective.kpi.ref as never)).toBe(editor.document().parseResult.value);
    });
});

describe('diagnostics of blocks an edit cannot affect are kept', () => {
    const DEPENDENT = `agreement T "T" {
    timezone "UTC"
    dataset requests "r" from "r.csv" {
        time timestamp
        latency duration ms
        status integer
    }
    service A "a" {
        kpi Total "all" = count(requests)
        objective Total >= 10 per calendar month
    }
    service B "b" {
        objective A.Total >= 10 per calendar month
    }
    service C "c" {
        kpi Served "served" = count(requests where status < 500)
        internal target Served >= 15 per calendar month owner "Ops"
    }
    service D "d" {
        kpi Slow "slow" = count(requests where latency > 2 s)
        objective Slow <= 10 per calendar month
    }
}
`;
    const lineOf = (text: string, part: string) => text.slice(0, text.indexOf(part)).split('\n').length - 1;

    test('only the edited service is checked again when nothing refers to it', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        // The validator asks the registry for the checks of every node it checks.
        const checked = vi.spyOn(editor.Sla.validation.ValidationRegistry as SlaValidationRegistry, 'checksOf');
        const text = replaceAfter(GENERATED, 'service Service5 ', 'objective Availability >= 99.9%', 'objective Availability >= 99.8%');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        expect(checked.mock.calls.filter(([type]) => type === 'Service')).toHaveLength(1);
        await expectSameAsScratch(editor, text);
    });

    test('a service that uses a KPI of the edited one is checked again', async () => {
        const editor = session(DEPENDENT);
        await editor.open(DEPENDENT);
        const line = lineOf(DEPENDENT, 'objective A.Total');
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line)).toEqual([]);
        // A.Total becomes a duration: B's unit-less target for it is now wrong.
        const text = DEPENDENT.replace('kpi Total "all" = count(requests)', 'kpi Total "all" = percentile(95, requests.latency)')
            .replace('objective Total >= 10', 'objective Total <= 300 ms');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line).length).toBeGreaterThan(0);
    });

    test('a service the edited one now refers to is checked again', async () => {
        const editor = session(DEPENDENT);
        await editor.open(DEPENDENT);
        const line = lineOf(DEPENDENT, 'internal target Served');
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line)).toEqual([]);
        // D now promises more on C.Served than C's internal target: C's target becomes the looser one.
        const text = DEPENDENT.replace('        objective Slow <= 10', '        objective C.Served >= 20 per calendar month\n        objective Slow <= 10');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line).map(d => d.code)).toContain('sla/internal-weaker');
    });

    const SHARED = `agreement T "T" {
    timezone "UTC"
    dataset requests "r" from "r.csv" {
        time timestamp
        status integer
    }
    service K "k" {
        kpi Served "served" = count(requests where status < 500)
    }
    service B "b" {
        internal target K.Served >= 15 per calendar month owner "Ops"
        clause Response "We answer every request within 4 hours."
    }
    service E "e" {
        objective K.Served >= 10 per calendar month
    }
}
`;

    test('a service that uses a KPI the edited one uses is checked again', async () => {
        const editor = session(SHARED);
        await editor.open(SHARED);
        const line = lineOf(SHARED, 'internal target K.Served');
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line)).toEqual([]);
        // E now promises 20 on K.Served: B's internal target of 15 is the looser one.
        const text = SHARED.replace('objective K.Served >= 10', 'objective K.Served >= 20');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
        expect(editor.document().diagnostics!.filter(d => d.range.start.line === line).map(d => d.code)).toContain('sla/internal-weaker');
    });

    test('a service with a clause is checked again (its fixes name the KPIs objectives use)', async () => {
        const start = SHARED.replace('objective K.Served >= 10 per calendar month', 'kpi Total "all" = count(requests)');
        const editor = session(start);
        await editor.open(start);
        const line = lineOf(start, 'clause Response');
        const fixes = () => JSON.stringify(editor.document().diagnostics!.filter(d => d.range.start.line === line).map(d => d.data));
        expect(fixes()).not.toContain('Total');
        const text = start.replace('kpi Total "all" = count(requests)', 'kpi Total "all" = count(requests)\n        objective Total >= 10 per calendar month');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, text);
        expect(fixes()).toContain('measured by Total');
    });

    test('datasets are checked again: their check reads the data file, which may have changed on disk', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'sla-incremental-'));
        const data = join(folder, 'requests.csv');
        writeFileSync(data, 'time,status\n2026-01-05T10:00:00+01:00,200\n');
        const text = SHARED.replace('from "r.csv"', 'from "requests.csv"');
        const uri = pathToFileURL(join(folder, 'client.sla')).toString();
        const editor = session(text, uri, NodeFileSystem);
        await editor.open(text);
        const codes = () => editor.document().diagnostics!.map(d => d.code);
        expect(codes()).not.toContain('sla/naive-timestamps');
        // The export is replaced by one without UTC offsets, then the user types in a service.
        writeFileSync(data, 'time,status\n2026-01-05T10:00:00,200\n');
        utimesSync(data, new Date(), new Date(Date.now() + 60_000));
        const edited = text.replace('objective K.Served >= 10', 'objective K.Served >= 11');
        expect(await editor.edit(edited)).toEqual({ reparsedWholeFile: false });
        expect(codes()).toContain('sla/naive-timestamps');
    });
});

describe('edits the shortcut cannot prove safe re-parse the whole file', () => {
    test('renaming a KPI (other blocks may link differently)', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        const text = replaceAfter(GENERATED, 'service Service1 ', 'kpi Total', 'kpi Totals');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, text);
    });

    test('an edit outside any block (the agreement header)', async () => {
        const editor = session(ACME);
        await editor.open(ACME);
        const text = ACME.replace('timezone "Europe/Berlin"', 'timezone "Europe/Paris"');
        expect(text).not.toBe(ACME);
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, text);
    });

    test('a syntax error, and typing on while the file has one', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        const broken = replaceAfter(GENERATED, 'service Service1 ', 'objective Availability >= 99.9%', 'objective Availability >= ');
        expect(await editor.edit(broken)).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, broken);
        const still = replaceAfter(broken, 'service Service4 ', 'objective Availability >= 99.9%', 'objective Availability >= 99.7%');
        expect(await editor.edit(still)).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, still);
    });

    test('typing on after a check was cancelled half-way', async () => {
        // A warning in a later service, whose position the cancelled check never moved.
        const start = replaceAfter(GENERATED, 'service Service8 ', 'objective P95Latency <= 300 ms per calendar month', 'objective P95Latency <= 300 ms per month');
        const editor = session(start);
        await editor.open(start);
        expect(editor.document().diagnostics!.length).toBeGreaterThan(0);
        // The next keystroke cancels the running check (the language server does this on every change).
        const source = new CancellationTokenSource();
        const validator = editor.Sla.validation.DocumentValidator;
        const validate = validator.validateDocument.bind(validator);
        vi.spyOn(validator, 'validateDocument').mockImplementationOnce(async (document, options, token) => {
            source.cancel();
            return validate(document, options, token);
        });
        const first = replaceAfter(start, 'service Service2 ', '        objective P95Latency', '        objective Failed <= 10 per calendar month\n        objective P95Latency');
        editor.shared.workspace.TextDocuments!.set(TextDocument.create('file:///work/client.sla', 'sla', 50, first));
        await expect(editor.shared.workspace.DocumentBuilder.update([URI.parse('file:///work/client.sla')], [], source.token)).rejects.toThrow();
        const second = replaceAfter(first, 'service Service6 ', 'objective Availability >= 99.9%', 'objective Availability >= 99.7%');
        expect(await editor.edit(second)).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, second);
    });

    test('a failure inside the shortcut falls back to the full path with the same result', async () => {
        const editor = session(GENERATED);
        await editor.open(GENERATED);
        const index = editor.shared.workspace.IndexManager as unknown as { replaceBlockReferences: () => void };
        vi.spyOn(index, 'replaceBlockReferences').mockImplementationOnce(() => { throw new Error('simulated'); });
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const text = replaceAfter(GENERATED, 'service Service3 ', 'objective Availability >= 99.9%', 'objective Availability >= 99.7%');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, text);
    });

    test('a file another file imports', async () => {
        const library = `calendar Office "o" {\n    monday to friday 09:00 to 17:00\n}\n`;
        const client = `import "library.sla"\n${GENERATED.replace('during SupportHours', 'during Office')}`;
        const editor = session(library, 'file:///work/library.sla');
        editor.shared.workspace.TextDocuments!.set(TextDocument.create('file:///work/client.sla', 'sla', 1, client));
        await editor.shared.workspace.DocumentBuilder.update([URI.parse('file:///work/client.sla')], []);
        await editor.open(library);
        const text = library.replace('17:00', '18:00');
        expect(await editor.edit(text)).toEqual({ reparsedWholeFile: true });
    });
});

const TYPED = ['9', '0', ' ', '\n        ', '"', '}', '{', 'x', '// note\n', '/* a */', ' per calendar month', 'objective Total >= 5 per calendar month\n', '%', ' ms', 'Total', '.'];

describe('random typing gives what a full re-parse gives', () => {
    for (const [name, start, seed] of [['generated portfolio agreement', GENERATED, 7], ['managed hosting example', ACME, 11], ['service desk example', HELIX, 23]] as const) {
        test(name, { timeout: 120_000 }, async () => {
            const next = random(seed);
            const editor = session(start);
            await editor.open(start);
            let text = start;
            let undo = start;
            let shortcuts = 0;
            for (let step = 0; step < 80; step++) {
                const hasErrors = editor.document().parseResult.parserErrors.length + editor.document().parseResult.lexerErrors.length > 0;
                if (hasErrors && next() < 0.7) {
                    // Undo: back to the text before the damaging edit, as a user would.
                    text = undo;
                } else {
                    if (!hasErrors) undo = text;
                    const at = Math.floor(next() * text.length);
                    const kind = next();
                    if (kind < 0.4) {
                        // Retype a digit of a number (not of a name like Service3): the commonest edit.
                        const digit = text.slice(at).search(/(?<=[\s(%])[0-9]/);
                        const position = digit < 0 ? at : at + digit;
                        text = text.slice(0, position) + String(Math.floor(next() * 10)) + text.slice(position + 1);
                    } else if (kind < 0.8) {
                        text = text.slice(0, at) + TYPED[Math.floor(next() * TYPED.length)] + text.slice(at);
                    } else {
                        text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
                    }
                }
                const before = editor.document().parseResult.value.$cstNode!.root.fullText;
                const { reparsedWholeFile } = await editor.edit(text);
                if (!reparsedWholeFile && text !== before) shortcuts++;
                await expectSameAsScratch(editor, text);
            }
            // The comparison is only worth something if the shortcut was taken often.
            expect(shortcuts).toBeGreaterThan(10);
        });
    }
});

/**
 * The language server's way: the editor sends each change as a range (didChange), and a burst
 * of them is built at once (SlaDocumentBuilder takes the changes from the text documents' log
 * and re-parses each block they touched). Changes go through Langium's text documents as the
 * connection delivers them.
 */
function editorSession(text: string) {
    const editor = session(text);
    const handlers: { change?: (params: unknown) => void; open?: (params: unknown) => void } = {};
    const noop = () => ({ dispose: () => undefined });
    (editor.shared.workspace.TextDocuments as unknown as { listen(connection: unknown): void }).listen({
        onDidOpenTextDocument: (h: (params: unknown) => void) => { handlers.open = h; return noop(); },
        onDidChangeTextDocument: (h: (params: unknown) => void) => { handlers.change = h; return noop(); },
        onDidCloseTextDocument: noop, onWillSaveTextDocument: noop, onWillSaveTextDocumentWaitUntil: noop, onDidSaveTextDocument: noop
    });
    const uri = 'file:///work/client.sla';
    let version = 1;
    let current = text;
    return {
        ...editor,
        open: async () => {
            handlers.open!({ textDocument: { uri, languageId: 'sla', version, text } });
            await editor.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        },
        /** Sends one change (offsets into the current text), without building. */
        change: (start: number, end: number, newText: string) => {
            const positions = TextDocument.create(uri, 'sla', 0, current);
            handlers.change!({ textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: positions.positionAt(start), end: positions.positionAt(end) }, text: newText }] });
            current = current.slice(0, start) + newText + current.slice(end);
        },
        text: () => current,
        /** Builds what was sent since the last build; says whether the whole file was parsed again. */
        build: async () => {
            // The spy session() set up: it counts full parses.
            const fullParses = vi.spyOn(editor.shared.workspace.LangiumDocumentFactory, 'update');
            fullParses.mockClear();
            await editor.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
            return { reparsedWholeFile: fullParses.mock.calls.length > 0 };
        }
    };
}

describe('a burst of edits built at once re-parses each block it touched', () => {
    test('objective targets changed in twelve services, then one build', async () => {
        const editor = editorSession(GENERATED);
        await editor.open();
        for (let k = 1; k <= 12; k++) {
            const text = editor.text();
            const at = text.indexOf('objective Availability >= 99.9%', text.indexOf(`service Service${k} `)) + 'objective Availability >= 99.'.length;
            editor.change(at, at + 1, String(k % 10));
        }
        expect(await editor.build()).toEqual({ reparsedWholeFile: false });
        await expectSameAsScratch(editor, editor.text());
    });

    test('a burst that adds lines in one service and breaks another takes the full path, with the same result', async () => {
        const editor = editorSession(GENERATED);
        await editor.open();
        const first = editor.text().indexOf('objective Availability >= 99.9%', editor.text().indexOf('service Service2 '));
        editor.change(first, first, 'objective Total >= 5 per calendar month\n        ');
        const second = editor.text().indexOf('objective Availability >= 99.9%', editor.text().indexOf('service Service5 ')) + 'objective Availability >= '.length;
        editor.change(second, second + 5, '');
        expect(await editor.build()).toEqual({ reparsedWholeFile: true });
        await expectSameAsScratch(editor, editor.text());
    });

    test('random bursts give what a full re-parse gives', { timeout: 120_000 }, async () => {
        const next = random(31);
        const editor = editorSession(GENERATED);
        await editor.open();
        let shortcuts = 0;
        let undo = editor.text();
        for (let round = 0; round < 25; round++) {
            const document = editor.document();
            if (document.parseResult.parserErrors.length + document.parseResult.lexerErrors.length > 0) {
                // Undo to the last text without errors (as one change of the whole text), as a user would.
                editor.change(0, editor.text().length, undo);
            } else {
                undo = editor.text();
            }
            for (let k = 0, n = 1 + Math.floor(next() * 12); k < n; k++) {
                const text = editor.text();
                const at = Math.floor(next() * text.length);
                const kind = next();
                if (kind < 0.75) {
                    const digit = text.slice(at).search(/(?<=[\s(%.])[0-9]/);
                    const position = digit < 0 ? at : at + digit;
                    editor.change(position, Math.min(text.length, position + 1), String(Math.floor(next() * 10)));
                } else if (kind < 0.9) {
                    editor.change(at, at, TYPED[Math.floor(next() * TYPED.length)]!);
                } else {
                    editor.change(at, Math.min(text.length, at + 1 + Math.floor(next() * 3)), '');
                }
            }
            const { reparsedWholeFile } = await editor.build();
            if (!reparsedWholeFile) shortcuts++;
            await expectSameAsScratch(editor, editor.text());
        }
        // Worth something only if bursts took the shortcut.
        expect(shortcuts).toBeGreaterThan(3);
    });
});
