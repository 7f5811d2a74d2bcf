/**
 * model/ast-walk.ts walks trees in the order of Langium's streams: the linker, the reference
 * index and the validator use it, and the order of their results (document.references,
 * the index, diagnostics) must not change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, DefaultLangiumProfiler, DefaultLinker, DefaultReferenceDescriptionProvider, URI, type AstNode, type LangiumDocument, type ReferenceDescription, type ReferenceInfo } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { forEachReference, walkAst } from '../../src/model/ast-walk.js';
import { SlaLinker } from '../../src/internals/incremental/reference-index.js';
import { isKpi } from '../../src/generated/ast.js';
import { createTestServices } from '../test-services.js';

const CORPUS = join(__dirname, '../validation/corpus');
const corpusTexts = readdirSync(CORPUS).filter(name => name.endsWith('.sla')).map(name => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }));
const { services, parse, clear } = createTestServices();
afterEach(() => clear());

const describeRef = (info: ReferenceInfo) => `${info.container.$type}.${info.property}${info.index === undefined ? '' : `[${info.index}]`}=${info.reference.$refText}`;

describe('walkAst and forEachReference', () => {
    test('visit every node and reference of each corpus file in the order of streamAst and streamReferences', async () => {
        expect(corpusTexts.length).toBeGreaterThan(40);
        for (const { name, text } of corpusTexts) {
            const root = (await parse(text)).parseResult.value;
            const streamed: AstNode[] = AstUtils.streamAst(root).toArray();
            const walked: AstNode[] = [];
            walkAst(root, node => { walked.push(node); });
            expect(walked.length, name).toBe(streamed.length);
            expect(walked.every((node, i) => node === streamed[i]), name).toBe(true);
            const streamedRefs = streamed.flatMap(node => AstUtils.streamReferences(node).toArray().map(describeRef));
            const walkedRefs: string[] = [];
            for (const node of walked) forEachReference(node, info => walkedRefs.push(describeRef(info)));
            expect(walkedRefs, name).toEqual(streamedRefs);
        }
    });

    test('a visit that returns false skips the node\'s contents, as prune() on the stream', async () => {
        const { text } = corpusTexts.find(({ name }) => name === 'clean-acme.sla')!;
        const root = (await parse(text)).parseResult.value;
        const pruned: AstNode[] = [];
        const iterator = AstUtils.streamAst(root).iterator();
        for (const node of iterator) {
            pruned.push(node);
            if (isKpi(node)) iterator.prune();
        }
        const walked: AstNode[] = [];
        walkAst(root, node => { walked.push(node); return !isKpi(node); });
        expect(walked.some(isKpi)).toBe(true);
        expect(walked.some(node => node.$container && isKpi(node.$container))).toBe(false);
        expect(walked).toEqual(pruned);
    });

    test('a reference list element gets its index, a single reference none', async () => {
        const root = (await parse(`agreement A "A" {
    timezone "UTC"
    dataset d "D" from "d.csv" { time timestamp }
    kpi K "K" = count(d)
    clause "x" measured by K, K
}`)).parseResult.value;
        const found: string[] = [];
        walkAst(root, node => forEachReference(node, info => found.push(describeRef(info))));
        expect(found).toEqual(['NameReference.target=d', 'Clause.measuredBy[0]=K', 'Clause.measuredBy[1]=K']);
    });
});

describe('the linker and the reference index', () => {
    // The same services with Langium's own linking walk, to compare with.
    const langium = createTestServices();
    const linker = langium.services.references.Linker;
    linker.link = (document, cancelToken) => DefaultLinker.prototype.link.call(linker, document, cancelToken);
    afterEach(() => langium.clear());
    const describeLinked = (document: LangiumDocument) => document.references.map(reference =>
        `${reference.$refNode?.offset}:${reference.$refText}->${reference.ref?.$type ?? reference.error?.message}`);

    test('link the references of each corpus file in the order Langium\'s linker does', async () => {
        let references = 0;
        for (const { name, text } of corpusTexts) {
            const ours = await parse(text);
            const theirs = await langium.parse(text);
            references += ours.references.length;
            expect(describeLinked(ours), name).toEqual(describeLinked(theirs));
        }
        expect(references).toBeGreaterThan(500);
    });

    test('describe the references of each corpus file for the index as Langium does, with or without a cancellation token', async () => {
        const provider = services.workspace.ReferenceDescriptionProvider;
        const json = (descriptions: ReferenceDescription[]) => JSON.stringify(descriptions);
        for (const { name, text } of corpusTexts) {
            const document = await parse(text);
            const expected = json(await DefaultReferenceDescriptionProvider.prototype.createDescriptions.call(provider, document));
            expect(json(await provider.createDescriptions(document)), name).toBe(expected);
            expect(json(await provider.createDescriptions(document, new CancellationTokenSource().token)), name).toBe(expected);
        }
    });

    test('with a profiler recording linking, Langium\'s own walk links (and records); without, ours (no records)', async () => {
        const profiler = new DefaultLangiumProfiler(new Set());
        const profiled = new SlaLinker({
            shared: { ...services.shared, AstReflection: services.shared.AstReflection, workspace: services.shared.workspace, profilers: { LangiumProfiler: profiler } },
            references: services.references, workspace: services.workspace, LanguageMetaData: services.LanguageMetaData
        } as never);
        const { text } = corpusTexts.find(({ name }) => name === 'clean-acme.sla')!;
        const document = await parse(text);
        const linked = describeLinked(document);
        const relink = async () => {
            profiled.unlink(document);
            document.references.length = 0;
            await profiled.link(document);
            return describeLinked(document);
        };
        expect(await relink()).toEqual(linked);
        expect(profiler.getRecords('linking').toArray()).toHaveLength(0);
        profiler.start('linking');
        expect(await relink()).toEqual(linked);
        expect(profiler.getRecords('linking').toArray().length).toBeGreaterThan(0);
    });

    test('a build with a cancellation token links as one without', async () => {
        const { text } = corpusTexts.find(({ name }) => name === 'clean-acme.sla')!;
        const plain = await parse(text);
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:///tokened.sla'));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        await services.shared.workspace.DocumentBuilder.build([document], {}, new CancellationTokenSource().token);
        expect(describeLinked(document)).toEqual(describeLinked(plain));
    });
});
