/**
 * Hovers and completions during a burst of edits (issue 13, item 9) are answered without a
 * build of the whole file: SlaDocumentBuilder.readyForPlace re-parses only the blocks the
 * answer reads (answerFromBlocks). Each answer must be the one a build of the editor's text of
 * that moment gives. Here the editor's changes go through the server's own text documents and
 * change log, as `didChange` does, with no build between them; each request's answer is
 * compared with the answer of fresh services that built the same text from scratch. The
 * requests are at the objective of an edited service (inside an edited block) and of an
 * untouched one (outside), and after several rounds the build that follows the burst must give
 * what a build from scratch gives.
 */
import { DocumentState, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, type Position, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSlaServices } from '../../../src/sla-module.js';
import { generateAgreement } from '../../../../../test/bench/generate-agreement.mjs';
import { random } from '../../random.js';
import { openWithChangeLog } from './logged-editor.js';

const URI_TEXT = 'file:///work/burst.sla';
const uri = URI.parse(URI_TEXT);

/** The language server's services with one open document, changed only through the change log (no build in between). */
async function editorWith(text: string) {
    const { services, builder, log, textDocument } = await openWithChangeLog(URI_TEXT, text);
    let version = 1;
    let lines = text.split('\n');
    return {
        services, builder, textDocument,
        lines: () => lines,
        text: () => lines.join('\n'),
        document: () => services.shared.workspace.LangiumDocuments.getDocument(uri)!,
        /** Replaces `[from, to)` of line `line` (or inserts a line break when `text` has one), as one didChange. */
        edit(line: number, from: number, to: number, replacement: string) {
            const change: TextDocumentContentChangeEvent = { range: { start: { line, character: from }, end: { line, character: to } }, text: replacement };
            log.configuration.update(textDocument, [change], ++version);
            lines = (lines.slice(0, line).join('\n') + (line > 0 ? '\n' : '') + lines[line]!.slice(0, from) + replacement + lines[line]!.slice(to)
                + (line + 1 < lines.length ? '\n' + lines.slice(line + 1).join('\n') : '')).split('\n');
        }
    };
}

type Editor = Awaited<ReturnType<typeof editorWith>>;

/** The hover and the completion at `position`, as the server's handlers give them (after readyForPlace). */
async function answersDuringBurst(editor: Editor, hoverAt: Position, completeAt: Position) {
    await editor.builder.readyForPlace(uri, hoverAt);
    const hover = await editor.services.Sla.lsp.HoverProvider!.getHoverContent(editor.document(), { textDocument: { uri: URI_TEXT }, position: hoverAt });
    await editor.builder.readyForPlace(uri, completeAt);
    const completion = await editor.services.Sla.lsp.CompletionProvider!.getCompletion(editor.document(), { textDocument: { uri: URI_TEXT }, position: completeAt });
    return { hover, completion };
}

/** The same requests answered by fresh services that built `text` from scratch. */
async function answersOfFullBuild(text: string, hoverAt: Position, completeAt: Position) {
    const services = createSlaServices(EmptyFileSystem);
    services.shared.workspace.TextDocuments!.set(TextDocument.create(URI_TEXT, 'sla', 1, text));
    await services.shared.workspace.DocumentBuilder.update([uri], []);
    const document: LangiumDocument = services.shared.workspace.LangiumDocuments.getDocument(uri)!;
    const hover = await services.Sla.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: URI_TEXT }, position: hoverAt });
    const completion = await services.Sla.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: URI_TEXT }, position: completeAt });
    return { hover, completion, diagnostics: document.diagnostics };
}

const objectiveLines = (lines: string[]) => lines.map((line, i) => line.includes('objective Availability >= ') ? i : -1).filter(i => i >= 0);
/** On `>=` of an objective (its hover explains the objective, with its target), and just after `objective ` (completion offers KPIs). */
const hoverOn = (lines: string[], line: number): Position => ({ line, character: lines[line]!.indexOf('>=') });
const completeOn = (lines: string[], line: number): Position => ({ line, character: lines[line]!.indexOf('objective ') + 'objective '.length });
const hoverText = (hover: unknown) => JSON.stringify(hover);

afterEach(() => vi.restoreAllMocks());

describe('answers during a burst of edits, without a build of the whole file', () => {
    test('inside the edited service: the new target and the new description; outside: unchanged; both as a full build gives', async () => {
        const editor = await editorWith(generateAgreement(400, 'Burst'));
        const objectives = objectiveLines(editor.lines());
        expect(objectives.length).toBeGreaterThan(10);
        const fullParses = vi.spyOn(editor.services.shared.workspace.LangiumDocumentFactory, 'update');
        const builds = vi.spyOn(editor.builder, 'update');

        // Digits retyped in the other services (99.9 → 99.8, same length), the edited service's
        // target retyped to 97.5 and its KPI's description changed.
        for (const line of objectives.slice(0, 8)) {
            const at = editor.lines()[line]!.indexOf('99.9') + 3;
            editor.edit(line, at, at + 1, '8');
        }
        const edited = objectives[5]!;
        const at = editor.lines()[edited]!.indexOf('99.8');
        editor.edit(edited, at, at + 4, '97.5');
        const kpiLine = editor.lines().findIndex((l, i) => i < edited && i > edited - 15 && l.includes('"Share of eligible time the service was up"'));
        const from = editor.lines()[kpiLine]!.indexOf('Share of eligible time');
        editor.edit(kpiLine, from, from + 'Share of eligible time'.length, 'Portion of contracted time');

        const untouched = objectives[9]!;
        const inside = await answersDuringBurst(editor, hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        const outside = await answersDuringBurst(editor, hoverOn(editor.lines(), untouched), completeOn(editor.lines(), untouched));
        // Answered without building: no whole-file parse, no update, the document not validated again.
        expect(fullParses).not.toHaveBeenCalled();
        expect(builds).not.toHaveBeenCalled();
        expect(editor.document().state).toBeLessThan(DocumentState.Validated);

        // The hover explains the objective with the target typed above: at least 97.5 %, so a
        // budget of 100 − 97.5 = 2.5 % of eligible time.
        expect(hoverText(inside.hover)).toContain('at least 97.5% in every calendar month');
        expect(hoverText(inside.hover)).toContain('The budget is 2.5% of eligible time');
        // On the KPI's name in that objective: the KPI, with the description retyped above.
        const kpiAt = { line: edited, character: editor.lines()[edited]!.indexOf('Availability') + 2 };
        await editor.builder.readyForPlace(uri, kpiAt);
        const kpiHover = await editor.services.Sla.lsp.HoverProvider!.getHoverContent(editor.document(), { textDocument: { uri: URI_TEXT }, position: kpiAt });
        expect(hoverText(kpiHover)).toContain('Portion of contracted time the service was up');
        const text = editor.text();
        const insideFull = await answersOfFullBuild(text, hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        const outsideFull = await answersOfFullBuild(text, hoverOn(editor.lines(), untouched), completeOn(editor.lines(), untouched));
        expect(inside.hover).toEqual(insideFull.hover);
        expect(inside.completion).toEqual(insideFull.completion);
        expect(outside.hover).toEqual(outsideFull.hover);
        expect(outside.completion).toEqual(outsideFull.completion);
        // The completion offers the service's KPIs (Availability is one).
        expect(inside.completion?.items.map(item => item.label)).toContain('Availability');
    });

    test('only digits retyped (a script adjusting targets): the values are set without a parse, as a full build gives', async () => {
        const editor = await editorWith(generateAgreement(400, 'Digits'));
        const objectives = objectiveLines(editor.lines());
        const parses = vi.spyOn(editor.services.Sla.parser.LangiumParser, 'parse');
        // 99.9 → 97.5 in every other service, the requests' one among them.
        for (const line of objectives.filter((_, i) => i % 2 === 0)) {
            const at = editor.lines()[line]!.indexOf('99.9');
            editor.edit(line, at, at + 4, '97.5');
        }
        const edited = objectives[4]!;
        const during = await answersDuringBurst(editor, hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        expect(parses).not.toHaveBeenCalled();
        // As in the first test: at least 97.5 %, a budget of 100 − 97.5 = 2.5 %.
        expect(hoverText(during.hover)).toContain('at least 97.5% in every calendar month');
        expect(hoverText(during.hover)).toContain('The budget is 2.5% of eligible time');
        const full = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        expect(during.hover).toEqual(full.hover);
        expect(during.completion).toEqual(full.completion);
        // The build after the burst: the final text's diagnostics.
        await editor.builder.update([uri], []);
        expect(editor.document().parseResult.value.$cstNode!.root.fullText).toBe(editor.text());
        const comparable = (diagnostics: LangiumDocument['diagnostics']) => (diagnostics ?? []).map(d => `${JSON.stringify(d.range)} ${d.code} ${d.message}`).sort();
        expect(comparable(editor.document().diagnostics)).toEqual(comparable(full.diagnostics));
    });

    test('the build of a burst that only retyped numbers in several services sets the values without a parse, as a full build gives', async () => {
        // A script adjusting targets: each retyped number as long as before. Re-parsing every
        // block such a burst touched held the server's thread from the requests (about 10 blocks
        // at a burst's start, hundreds after a pause); the build sets the numbers instead.
        const editor = await editorWith(generateAgreement(400, 'NumbersBuilt'));
        const objectives = objectiveLines(editor.lines());
        for (const line of objectives.slice(0, 6)) {
            const at = editor.lines()[line]!.indexOf('99.9');
            editor.edit(line, at, at + 4, '97.5');
        }
        // In the third service, `ErrorRate < 0.5%` becomes `< 0.0%`, and `P95Latency <= 300 ms` becomes `<= 250 ms`.
        const errorLine = editor.lines().findIndex((l, i) => i > objectives[2]! && l.includes('objective ErrorRate < 0.5%'));
        const latencyLine = editor.lines().findIndex((l, i) => i > objectives[2]! && l.includes('objective P95Latency <= 300 ms'));
        const zeroAt = editor.lines()[errorLine]!.indexOf('0.5');
        editor.edit(errorLine, zeroAt + 2, zeroAt + 3, '0');
        const latencyAt = editor.lines()[latencyLine]!.indexOf('300');
        editor.edit(latencyLine, latencyAt, latencyAt + 3, '250');
        const parses = vi.spyOn(editor.services.Sla.parser.LangiumParser, 'parse');

        await editor.builder.update([uri], []);
        expect(parses).not.toHaveBeenCalled();
        expect(editor.document().state).toBe(DocumentState.Validated);
        expect(editor.document().parseResult.value.$cstNode!.root.fullText).toBe(editor.text());
        // `< 0.0%` can never be met (no value is below zero): an error on that line, from the value set.
        const unachievable = (editor.document().diagnostics ?? []).filter(d => d.code === 'sla/objective-unachievable' && d.range.start.line === errorLine);
        expect(unachievable.map(d => d.message)).toEqual([`'< 0.0%' can never be met: no value is below zero. Write a target above zero, e.g. '<= 300 ms'.`]);
        const edited = objectives[4]!;
        const full = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        const comparable = (diagnostics: LangiumDocument['diagnostics']) => (diagnostics ?? []).map(d => `${JSON.stringify(d.range)} ${d.severity} ${d.code} ${d.message}`).sort();
        expect(comparable(editor.document().diagnostics)).toEqual(comparable(full.diagnostics));
        // The hover reads the value set: at least 97.5 %, a budget of 100 − 97.5 = 2.5 %.
        const hover = await editor.services.Sla.lsp.HoverProvider!.getHoverContent(editor.document(), { textDocument: { uri: URI_TEXT }, position: hoverOn(editor.lines(), edited) });
        expect(hoverText(hover)).toContain('The budget is 2.5% of eligible time');
        expect(hover).toEqual(full.hover);
        // A later edit of another kind builds on from that tree (a block re-parsed): a full build's diagnostics again.
        const renamed = editor.lines()[objectives[1]!]!.indexOf('97.5');
        editor.edit(objectives[1]!, renamed, renamed + 4, '101.5');
        await editor.builder.update([uri], []);
        const after = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), edited), completeOn(editor.lines(), edited));
        expect(comparable(editor.document().diagnostics)).toEqual(comparable(after.diagnostics));
        expect(comparable(editor.document().diagnostics).some(d => d.includes('target-out-of-range'))).toBe(true);
    });

    test('two requests made ready together (both waited for an update under way) are each answered without a build, as a full build gives', async () => {
        const editor = await editorWith(generateAgreement(400, 'Together'));
        const objectives = objectiveLines(editor.lines());
        const first = editor.lines()[objectives[0]!]!.indexOf('99.9');
        editor.edit(objectives[0]!, first, first + 4, '97.5');
        const wanted = vi.fn();
        editor.builder.onBuildWanted(wanted);
        const [hoverLine, completeLine] = [objectives[3]!, objectives[6]!];
        const tokens = [new CancellationTokenSource().token, new CancellationTokenSource().token];
        let requests: Promise<unknown> | undefined;
        // While the update of that edit validates, the targets of two services are made longer
        // (a re-parse of each block), and a hover and a completion come, one in each: both wait
        // for the update to end, then go on in the same turn. Each then waits as Langium's
        // handler does (waitUntil after the workspace is ready, a turn of promises later).
        editor.builder.onDocumentPhase(DocumentState.IndexedReferences, () => {
            if (requests) return;
            for (const line of [hoverLine, completeLine]) {
                const at = editor.lines()[line]!.indexOf('99.9');
                editor.edit(line, at, at + 4, '99.95');
            }
            requests = Promise.all([hoverOn(editor.lines(), hoverLine), completeOn(editor.lines(), completeLine)].map(async (position, i) => {
                await editor.builder.readyForPlace(uri, position, tokens[i]);
                await Promise.resolve();
                await editor.builder.waitUntil(DocumentState.Linked, uri, tokens[i]);
            }));
        });
        await editor.builder.update([uri], []);
        expect(requests).toBeDefined();
        // Nothing builds here: a request that waits for a build would wait until the timeout.
        const outcome = await Promise.race([requests!.then(() => 'answered'), new Promise(resolve => setTimeout(() => resolve('waited for a build'), 3_000))]);
        expect(outcome).toBe('answered');
        expect(wanted).not.toHaveBeenCalled();
        const hover = await editor.services.Sla.lsp.HoverProvider!.getHoverContent(editor.document(), { textDocument: { uri: URI_TEXT }, position: hoverOn(editor.lines(), hoverLine) });
        const completion = await editor.services.Sla.lsp.CompletionProvider!.getCompletion(editor.document(), { textDocument: { uri: URI_TEXT }, position: completeOn(editor.lines(), completeLine) });
        const full = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), hoverLine), completeOn(editor.lines(), completeLine));
        // The hover reads the target typed above: at least 99.95 %, a budget of 100 − 99.95 = 0.05 %.
        expect(hoverText(hover)).toContain('at least 99.95% in every calendar month');
        expect(hover).toEqual(full.hover);
        expect(completion).toEqual(full.completion);
    });

    test('after a request put every change in place, the next one is answered from that tree, without a build', async () => {
        const editor = await editorWith(generateAgreement(400, 'AllInPlace'));
        const objectives = objectiveLines(editor.lines());
        const wanted = vi.fn();
        editor.builder.onBuildWanted(wanted);
        // Two targets made longer: a hover in one service re-parses both blocks (each changed in length).
        for (const line of [objectives[2]!, objectives[5]!]) {
            const at = editor.lines()[line]!.indexOf('99.9');
            editor.edit(line, at, at + 4, '99.95');
        }
        await editor.builder.readyForPlace(uri, hoverOn(editor.lines(), objectives[2]!), new CancellationTokenSource().token);
        // No change since: the tree is of the editor's text (nothing builds here: a wait would never end).
        const next = editor.builder.readyForPlace(uri, completeOn(editor.lines(), objectives[5]!), new CancellationTokenSource().token);
        expect(await Promise.race([next.then(() => 'answered'), new Promise(resolve => setTimeout(() => resolve('waited for a build'), 3_000))])).toBe('answered');
        expect(wanted).not.toHaveBeenCalled();
        const completion = await editor.services.Sla.lsp.CompletionProvider!.getCompletion(editor.document(), { textDocument: { uri: URI_TEXT }, position: completeOn(editor.lines(), objectives[5]!) });
        const full = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), objectives[5]!), completeOn(editor.lines(), objectives[5]!));
        expect(completion).toEqual(full.completion);
    });

    test('rounds of random edits with requests between them, then the build after the burst: each as a full build of that text gives', async () => {
        const editor = await editorWith(generateAgreement(400, 'Rounds'));
        const builds = vi.spyOn(editor.builder, 'update');
        const next = random(7);
        const pick = (n: number) => Math.floor(next() * n);
        for (let round = 0; round < 8; round++) {
            for (let k = 0; k < 25; k++) {
                const objectives = objectiveLines(editor.lines());
                const line = objectives[pick(objectives.length)]!;
                const text = editor.lines()[line]!;
                const number = /\d+(\.\d+)?%/.exec(text.slice(text.indexOf('>=')))!;
                const start = text.indexOf('>=') + number.index;
                const kind = next();
                if (kind < 0.6) editor.edit(line, start, start + number[0].length - 1, String(90 + pick(10)) + '.' + pick(10)); // a number retyped, same length
                else if (kind < 0.8) editor.edit(line, start, start + number[0].length - 1, String(95 + pick(5)) + '.' + pick(10) + pick(10)); // a longer number
                else if (kind < 0.9) editor.edit(line, 0, 0, '        // reviewed\n'); // a line added in the service
                else editor.edit(line, text.length, text.length, ' '); // a space at the end of the line
            }
            const objectives = objectiveLines(editor.lines());
            const line = objectives[pick(objectives.length)]!;
            const during = await answersDuringBurst(editor, hoverOn(editor.lines(), line), completeOn(editor.lines(), line));
            const full = await answersOfFullBuild(editor.text(), hoverOn(editor.lines(), line), completeOn(editor.lines(), line));
            expect(during.hover, `round ${round}, line ${line}`).toEqual(full.hover);
            expect(during.completion, `round ${round}, line ${line}`).toEqual(full.completion);
        }
        // Every request was answered without a build (a request that needs one would wait here forever: nothing builds).
        expect(builds).not.toHaveBeenCalled();
        // The build after the burst goes on from the tree the requests left: the same diagnostics as a full build.
        await editor.builder.update([uri], []);
        expect(editor.document().state).toBe(DocumentState.Validated);
        expect(editor.document().parseResult.value.$cstNode!.root.fullText).toBe(editor.text());
        const full = await answersOfFullBuild(editor.text(), { line: 0, character: 0 }, { line: 0, character: 0 });
        const comparable = (document: LangiumDocument | { diagnostics?: LangiumDocument['diagnostics'] }) =>
            (document.diagnostics ?? []).map(d => `${JSON.stringify(d.range)} ${d.severity} ${d.code} ${d.message}`).sort();
        expect(comparable(editor.document())).toEqual(comparable(full));
    });
});
