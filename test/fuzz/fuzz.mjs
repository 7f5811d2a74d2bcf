#!/usr/bin/env node
// The language services under attack: mutated examples and corpus files (byte flips, token
// delete/duplicate/swap, splices, odd Unicode, CR/CRLF mixes, long lines, long formula
// chains, deep nesting, long KPI chains) are parsed, validated and put through every editor
// feature at random positions and over a random range (formatting, semantic tokens and code
// actions of a range; workspace symbols), in process. Seeded and reproducible: the same --seed and
// --documents give the same documents. A failure (an exception, a check that crashed into
// "An error occurred during validation", a message printing a name or number as `undefined` or
// `NaN`, or one document taking over 2 s) is minimised and
// saved to test/fuzz/failures/ (ignored by git) with its seed.
//
//   npm run fuzz -- --seed 1 --seconds 600            # time-boxed
//   npm run fuzz -- --seed 1 --documents 100000       # a fixed number of documents
//   npm run fuzz -- --seed 1001 --more-mutations      # with the kinds added later (word/line swaps, line copies, templates)
//   node test/fuzz/campaign.mjs …                      # many seeds in chunks, resumable (see there)
//
// Needs the build (`npm run build`): it drives packages/language/out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { URI } from 'langium';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(root, 'packages/language/out');
const { createSlaServices } = await import(pathToFileURL(path.join(out, 'sla-module.js')).href);
const { explainDocument } = await import(pathToFileURL(path.join(out, 'explain/explain-document.js')).href);
// The language server's own file system (it refuses FIFOs and devices, reads data files' starts only).
const { SlaNodeFileSystem } = await import(pathToFileURL(path.join(out, 'workspace/sla-node-file-system.js')).href);

/**
 * A document taking longer than this (parse, validation and every feature) is a hang. Counted
 * in CPU time of this process: on a shared machine (and niced) the wall clock also counts the
 * time other processes had the CPU. The wall-clock time is reported next to it.
 */
export const HANG_MS = 2_000;

/** CPU time of this process so far, in ms (user and system, all its threads). */
function cpuMs() {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1_000;
}
/**
 * Long formula chains have up to this many terms: 10,000 `+` killed the server (issue 13,
 * item 1); the lexer now cuts a formula after 500 operators with one error.
 */
export const MAX_CHAIN_TERMS = 10_000;

/** mulberry32, as packages/language/test/random.ts. */
function random(seed) {
    return () => {
        seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function slaFiles(folder) {
    if (!fs.existsSync(folder)) return [];
    return fs.readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile() && entry.name.endsWith('.sla'))
        .map(entry => path.join(entry.parentPath, entry.name))
        .sort();
}

/** The seed texts: every example, and every corpus file without its «» range markers. */
export function seedTexts() {
    const examples = slaFiles(path.join(root, 'examples')).map(file => ({ file, text: fs.readFileSync(file, 'utf8') }));
    const corpus = slaFiles(path.join(root, 'packages/language/test/validation/corpus'))
        .map(file => ({ file, text: fs.readFileSync(file, 'utf8').replace(/[«»]/g, '') }));
    return [...examples, ...corpus];
}

const ODD = ['\u0000', '\uFEFF', '\u200B', '\u200D', '\u202E', '\u2028', '\u2029', '\uD800', '\uDC00', '\u{1F600}', 'é', 'e\u0301', '\u00A0', '\t', '\r', '\u000B', '\\', '"', '«', '»', '/*', '*/', '//'];
const SNIPPETS = ['{', '}', '(', ')', '"', ',', '.', '%', ':', '=', '>=', '<', '+', '-', '*', '/', ' per ', ' calendar ', ' rolling ', ' where ', ' objective ',
    ' kpi ', ' credit for ', ' internal target ', ' clause ', ' measured by ', ' 99.9% ', ' 0 ', ' -1 ', ' 1e12 ', ' 2026-02-30 ', ' 25:99 ', 'timezone "Mars/Olympus"',
    'valid from 2026-02-30 to 2025-01-01', 'percentile(', 'uptime(', 'share(', 'elapsed(', 'count(', ' excluding ', ' during ', ' for each ', ' import "x.sla" ',
    ' import "../../../../etc/passwd" ', ' from "data/none.csv" ', ' one of ', ' optional ', ' capped at ', ' below ', ' between ', ' and ', ' or ', ' not ', ' in ('];

/** Tokens for delete/duplicate/swap: words, numbers, strings, runs of space, single characters. */
const TOKEN = /"(?:\\.|[^"\\\n])*"|\s+|[\w.]+|./gsu;

function pick(next, list) {
    return list[Math.floor(next() * list.length)];
}

/** Every word of the seed texts (keywords and names alike), for word swaps. */
let vocabulary;
function wordsOf(seeds) {
    return vocabulary ??= [...new Set(seeds.flatMap(seed => seed.text.match(/[A-Za-z_][\w]*/g) ?? []))].sort();
}

/** Parameter types: the valid ones, and a few that are not. */
const PARAMETER_TYPES = ['percentage', 'duration', 'money', 'count', 'number', 'text', 'calendar', 'maintenance', 'timezone', 'kpi', 'dataset', 'service', 'weird'];

/**
 * Kinds added with `moreMutations` (so the documents of a seed without it stay what they
 * were): a word replaced by any word of the seeds (a keyword where a name goes, a name of
 * another kind), two lines swapped, lines copied elsewhere (members into other blocks,
 * declarations twice), and template edits (an agreement made a template or the reverse,
 * parameters of every type declared and used, arguments given).
 */
function moreMutation(text, next, seeds) {
    const kind = Math.floor(next() * 4);
    if (kind === 0) { // word swap
        const words = [...text.matchAll(/[A-Za-z_]\w*/g)];
        if (words.length === 0) return { kind: 'word swap', text };
        const word = pick(next, words);
        return { kind: 'word swap', text: text.slice(0, word.index) + pick(next, wordsOf(seeds)) + text.slice(word.index + word[0].length) };
    }
    const lines = text.split('\n');
    if (kind === 1) { // line swap
        const i = Math.floor(next() * lines.length);
        const j = Math.floor(next() * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        return { kind: 'line swap', text: lines.join('\n') };
    }
    if (kind === 2) { // lines copied elsewhere
        const from = Math.floor(next() * lines.length);
        const copied = lines.slice(from, from + 1 + Math.floor(next() * 20));
        lines.splice(Math.floor(next() * (lines.length + 1)), 0, ...copied);
        return { kind: 'line copy', text: lines.join('\n') };
    }
    // template edits
    const name = pick(next, ['availability', 'supportHours', 'responseTime', 'p', 'fee', 'OfficeHours', 'Availability']);
    const edit = Math.floor(next() * 5);
    const line = Math.floor(next() * (lines.length + 1));
    if (edit === 0) return { kind: 'template', text: text.replace(/\bagreement\b/, 'template') };
    if (edit === 1) return { kind: 'template', text: text.replace(/\btemplate\b/, 'agreement') };
    if (edit === 2) {
        const value = pick(next, ['', ' default 99.9%', ' default 30 minutes', ' default OfficeHours', ' default "UTC"', ' default 5', ' default', ' default 1 EUR']);
        lines.splice(line, 0, `parameter ${name} ${pick(next, PARAMETER_TYPES)}${value}`);
        return { kind: 'template', text: lines.join('\n') };
    }
    if (edit === 3) { // a parameter's name where a value, a calendar or a KPI goes
        const words = [...text.matchAll(/\b(?:during|excluding|objective|below|above|default|of)\s+([A-Za-z_]\w*|[\d.]+%?)/g)];
        if (words.length === 0) return { kind: 'template', text };
        const word = pick(next, words);
        const start = word.index + word[0].length - word[1].length;
        return { kind: 'template', text: text.slice(0, start) + name + text.slice(start + word[1].length) };
    }
    const args = pick(next, [`with ${name} = 99.5%`, `with ${name} = ExtendedHours`, `with ${name} = "Asia/Tokyo", ${name} = 2 hours`, 'with', `with ${name} =`, `from ManagedHosting with ${name} = 1`]);
    lines.splice(line, 0, args);
    return { kind: 'template', text: lines.join('\n') };
}

function mutate(text, next, seeds, more = false) {
    // With moreMutations, one mutation in four is of the kinds added later.
    if (more && next() < 0.25) return moreMutation(text, next, seeds);
    const at = Math.floor(next() * (text.length + 1));
    // The heavy kinds (7 to 10) are one draw in ten: most documents stay editor-sized.
    const kind = next() < 0.1 ? 7 + Math.floor(next() * 4) : [0, 1, 2, 3, 4, 5, 6, 11, 12, 13][Math.floor(next() * 10)];
    switch (kind) {
        case 0: { // byte flips
            const chars = [...text];
            for (let i = 0, n = 1 + Math.floor(next() * 8); i < n && chars.length > 0; i++) {
                chars[Math.floor(next() * chars.length)] = String.fromCharCode(Math.floor(next() * 128));
            }
            return { kind: 'byte flip', text: chars.join('') };
        }
        case 1: case 2: case 3: { // token delete / duplicate / swap
            const tokens = text.match(TOKEN) ?? [];
            if (tokens.length < 2) return { kind: 'token', text };
            const i = Math.floor(next() * tokens.length);
            const j = Math.floor(next() * tokens.length);
            if (kind === 1) tokens.splice(i, 1 + Math.floor(next() * 3));
            else if (kind === 2) tokens.splice(i, 0, ...tokens.slice(i, i + 1 + Math.floor(next() * 4)));
            else [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
            return { kind: ['token delete', 'token duplicate', 'token swap'][kind - 1], text: tokens.join('') };
        }
        case 4: { // splice from another seed
            const other = pick(next, seeds).text;
            const from = Math.floor(next() * other.length);
            return { kind: 'splice', text: text.slice(0, at) + other.slice(from, from + Math.floor(next() * 400)) + text.slice(at + Math.floor(next() * 200)) };
        }
        case 5: return { kind: 'odd unicode', text: text.slice(0, at) + pick(next, ODD) + text.slice(at) };
        case 6: { // CR / CRLF mix
            return { kind: 'line ends', text: text.replace(/\r\n|\n/g, () => pick(next, ['\n', '\r\n', '\r', '\n\r'])) };
        }
        case 7: { // a long line
            const token = pick(next, ['kpi ', 'agreement ', '"a" ', '\\" ', '( ', ') ', 'x.', 'monday ', '99.9% ', '/* ', '{ ', '} ', ', ']);
            return { kind: 'long line', text: text.slice(0, at) + token.repeat(100 + Math.floor(next() * 2_000)) + text.slice(at) };
        }
        case 8: { // a long formula chain
            const operator = pick(next, [' + ', ' * ', ' and ', ' or ', ' - ', ' / ']);
            const terms = 2 + Math.floor(next() * (MAX_CHAIN_TERMS - 1));
            const term = pick(next, ['1', 'count(requests)', 'x', '2 ms', 'true']);
            return { kind: 'long chain', text: text.slice(0, at) + Array(terms).fill(term).join(operator) + text.slice(at) };
        }
        case 9: { // deep nesting
            const depth = 1 + Math.floor(next() * 300);
            const [open, close] = pick(next, [['(', ')'], ['{', '}'], ['not ', ''], ['-', ''], ['count(', ')']]);
            return { kind: 'deep nesting', text: text.slice(0, at) + open.repeat(depth) + '1' + (next() < 0.5 ? close.repeat(depth) : '') + text.slice(at) };
        }
        case 10: { // a long KPI chain (or cycle)
            const n = 2 + Math.floor(next() * 500);
            const cycle = next() < 0.5;
            const kpis = Array.from({ length: n }, (_, i) => `kpi F${i} = ${i < n - 1 ? `F${i + 1} + 1` : cycle ? 'F0' : 'count(requests)'}`).join('\n');
            return { kind: 'kpi chain', text: text.slice(0, at) + `\n${kpis}\n` + text.slice(at) };
        }
        case 11: return { kind: 'cut', text: text.slice(0, at) };
        case 12: return { kind: 'snippet', text: text.slice(0, at) + pick(next, SNIPPETS) + text.slice(at) };
        default: return { kind: 'delete range', text: text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 60)) };
    }
}

/** One in-process language server, reused across documents. */
export function createHarness() {
    const { shared, Sla: services } = createSlaServices(SlaNodeFileSystem);
    const workspace = shared.workspace;
    const lsp = services.lsp;
    // The examples are in the workspace, as an editor opened on the repository loads them: a
    // document next to one (`import "catalogue.sla"`, `from ManagedHosting`) reads the files it
    // imports, and its templates resolve across files. (The corpus files are not: each has
    // linking errors on purpose, and Langium relinks every such document at every update.)
    const ready = (async () => {
        const documents = [];
        for (const file of slaFiles(path.join(root, 'examples'))) documents.push(await workspace.LangiumDocuments.getOrCreateDocument(URI.file(file)));
        await workspace.DocumentBuilder.build(documents, { validation: true });
    })();

    /** Runs everything on one text; returns a failure description or undefined. */
    async function check(text, uriPath, next) {
        await ready;
        const logged = [];
        const originalError = console.error;
        console.error = (...args) => { logged.push(args.map(a => (a instanceof Error ? a.stack : String(a))).join(' ')); };
        const uri = URI.file(uriPath);
        const started = performance.now();
        const startedCpu = cpuMs();
        let stage = 'parse';
        try {
            const document = workspace.LangiumDocumentFactory.fromString(text, uri);
            workspace.LangiumDocuments.addDocument(document);
            stage = 'validation';
            await workspace.DocumentBuilder.build([document], { validation: true });
            const crash = (document.diagnostics ?? []).find(d => d.message.startsWith('An error occurred'));
            // The check's stack, which Langium logs next to the diagnostic, says where it crashed.
            if (crash) return { kind: 'validation error', detail: [crash.message, ...logged].join('\n').slice(0, 2_000) };
            // A message printing a name or number the text does not have ('the service \'undefined\'', 'NaN%').
            const junk = (document.diagnostics ?? []).find(d => /\bundefined\b|\bNaN\b|\[object /.test(d.message));
            if (junk) return { kind: 'junk message', detail: `${junk.range.start.line + 1}:${junk.range.start.character + 1}: ${junk.message}`.slice(0, 2_000) };
            const textDocument = { uri: document.uri.toString() };
            const length = document.textDocument.getText().length;
            const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(length) };
            const features = {
                'semantic tokens': () => lsp.SemanticTokenProvider.semanticHighlight(document, { textDocument }),
                'inlay hints': () => lsp.InlayHintProvider.getInlayHints(document, { textDocument, range: whole }),
                'document symbols': () => lsp.DocumentSymbolProvider.getSymbols(document, { textDocument }),
                'folding': () => lsp.FoldingRangeProvider.getFoldingRanges(document, { textDocument }),
                'formatting': () => lsp.Formatter.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
                'code actions': () => lsp.CodeActionProvider.getCodeActions(document, { textDocument, range: whole, context: { diagnostics: document.diagnostics ?? [] } }),
                'explain': () => explainDocument(document.parseResult.value, services.types.TypeComputer)
            };
            for (const [name, run] of Object.entries(features)) {
                stage = name;
                await run();
            }
            for (let k = 0; k < 6; k++) {
                const position = document.textDocument.positionAt(Math.floor(next() * (length + 1)));
                const at = { textDocument, position };
                stage = `hover at ${position.line + 1}:${position.character + 1}`;
                await lsp.HoverProvider.getHoverContent(document, at);
                stage = `completion at ${position.line + 1}:${position.character + 1}`;
                await lsp.CompletionProvider.getCompletion(document, at);
                stage = `signature help at ${position.line + 1}:${position.character + 1}`;
                await lsp.SignatureHelp.provideSignatureHelp(document, { ...at, context: { triggerKind: 1, isRetrigger: false } });
                stage = `definition at ${position.line + 1}:${position.character + 1}`;
                await lsp.DefinitionProvider.getDefinition(document, at);
                stage = `references at ${position.line + 1}:${position.character + 1}`;
                await lsp.ReferencesProvider.findReferences(document, { ...at, context: { includeDeclaration: true } });
                stage = `highlight at ${position.line + 1}:${position.character + 1}`;
                await lsp.DocumentHighlightProvider?.getDocumentHighlight(document, at);
                stage = `rename at ${position.line + 1}:${position.character + 1}`;
                await lsp.RenameProvider.prepareRename(document, at);
                try {
                    await lsp.RenameProvider.rename(document, { ...at, newName: 'Renamed' });
                } catch (error) {
                    // Refusing a rename is an answer; anything else is a crash.
                    if (!/not a valid name/.test(String(error))) throw error;
                }
            }
            // Requests over a part of the text, and the workspace's symbols (drawn after the
            // places above, so that those stay what they were for a given document).
            const [from, to] = [Math.floor(next() * (length + 1)), Math.floor(next() * (length + 1))].sort((a, b) => a - b);
            const part = { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) };
            const options = { tabSize: 4, insertSpaces: true };
            stage = `range formatting of ${part.start.line + 1}:${part.start.character + 1}–${part.end.line + 1}:${part.end.character + 1}`;
            await lsp.Formatter.formatDocumentRange(document, { textDocument, range: part, options });
            if (lsp.Formatter.formatOnTypeOptions) {
                stage = `on-type formatting at ${part.end.line + 1}:${part.end.character + 1}`;
                await lsp.Formatter.formatDocumentOnType(document, { textDocument, position: part.end, ch: lsp.Formatter.formatOnTypeOptions.firstTriggerCharacter, options });
            }
            stage = `semantic tokens of ${part.start.line + 1}:${part.start.character + 1}–${part.end.line + 1}:${part.end.character + 1}`;
            await lsp.SemanticTokenProvider.semanticHighlightRange(document, { textDocument, range: part });
            stage = `code actions of ${part.start.line + 1}:${part.start.character + 1}–${part.end.line + 1}:${part.end.character + 1}`;
            await lsp.CodeActionProvider.getCodeActions(document, { textDocument, range: part, context: { diagnostics: (document.diagnostics ?? []).filter(d => d.range.end.line >= part.start.line && d.range.start.line <= part.end.line) } });
            const word = text.slice(from, from + 1 + Math.floor(next() * 8)).replace(/\W/g, '');
            stage = `workspace symbols "${word}"`;
            await shared.lsp.WorkspaceSymbolProvider?.getSymbols({ query: word });
            stage = 'after';
            if (logged.length > 0) return { kind: 'logged error', detail: logged[0].slice(0, 2_000) };
            const ms = cpuMs() - startedCpu;
            if (ms > HANG_MS) return { kind: 'hang', detail: `${Math.round(ms)} ms of CPU (over ${HANG_MS} ms), ${Math.round(performance.now() - started)} ms wall clock` };
            return undefined;
        } catch (error) {
            return { kind: 'exception', detail: `${stage}: ${error instanceof Error ? error.stack : String(error)}`.slice(0, 2_000) };
        } finally {
            console.error = originalError;
            // As an editor deletes a file: out of the documents, the index and every cache. Taking
            // it out of the documents alone left its symbols and references in the index and its
            // nodes in the workspace caches (types, agreement facts), which Langium clears only on an
            // update: each document checked after saw them, and memory grew by 0.2 MB a document.
            if (workspace.LangiumDocuments.hasDocument(uri)) await workspace.DocumentBuilder.update([], [uri]);
        }
    }
    // The services, for tests that look at what a check leaves behind.
    return { check, shared, ready };
}

/** Smaller texts that fail the same way: chunks removed while the failure stays (bounded in time). */
async function minimise(harness, text, uriPath, failure, seed) {
    const deadline = Date.now() + 30_000;
    const same = async candidate => {
        const result = await harness.check(candidate, uriPath, random(seed));
        return result?.kind === failure.kind;
    };
    let current = text;
    for (let chunk = Math.max(1, Math.floor(current.length / 2)); chunk >= 1 && Date.now() < deadline; chunk = Math.floor(chunk / 2)) {
        for (let start = 0; start < current.length && Date.now() < deadline;) {
            const candidate = current.slice(0, start) + current.slice(start + chunk);
            if (failure.kind !== 'hang' && await same(candidate)) current = candidate;
            else start += chunk;
        }
        if (failure.kind === 'hang') break; // re-running hangs to shrink them costs too much
    }
    return current;
}

/** The next document of the generator: the same seed gives the same documents, in order. */
function nextDocument(next, seeds, index, more) {
    const base = pick(next, seeds);
    let text = base.text;
    const kinds = [];
    for (let m = 0, n = 1 + Math.floor(next() * 4); m < n; m++) {
        const mutated = mutate(text, next, seeds, more);
        kinds.push(mutated.kind);
        text = mutated.text;
    }
    const documentSeed = Math.floor(next() * 2 ** 31);
    // Next to the seed file, so that imports and data paths resolve as they would in an editor.
    const uriPath = path.join(path.dirname(base.file), `~fuzz-${index}.sla`);
    return { base, text, kinds, documentSeed, uriPath };
}

/**
 * Runs the fuzzer. Documents are reproducible from `seed`: document i mutates a seed text
 * chosen by the generator 1 to 4 times. `resume` (the result of a run of the same seed that
 * stopped early, as `progress` hands it) goes on after its last document: the documents
 * before are generated again but not checked, and its counts carry over.
 */
export async function runFuzz({ seed = 1, seconds = Infinity, documents = Infinity, failuresDir = path.join(here, 'failures'), log = console.log, save = true, resume, progress, moreMutations = false } = {}) {
    const seeds = seedTexts();
    const harness = createHarness();
    const next = random(seed);
    const started = Date.now();
    const startedCpu = cpuMs();
    const counts = { documents: 0, exceptions: 0, hangs: 0, validationErrors: 0, junkMessages: 0, loggedErrors: 0 };
    const byMutation = {};
    const failures = [];
    let slowest = 0;
    let slowestCpu = 0;
    let earlier = { seconds: 0, cpuSeconds: 0 };
    if (resume) {
        if (resume.seed !== seed || !!resume.moreMutations !== moreMutations) throw new Error(`cannot resume seed ${resume.seed}${resume.moreMutations ? ' with more mutations' : ''} as seed ${seed}${moreMutations ? ' with more mutations' : ''}`);
        for (const key of Object.keys(counts)) counts[key] = resume[key];
        Object.assign(byMutation, resume.byMutation);
        failures.push(...resume.failures);
        [slowest, slowestCpu] = [resume.slowestMs, resume.slowestCpuMs];
        earlier = { seconds: resume.seconds, cpuSeconds: resume.cpuSeconds ?? 0 };
        for (let index = 0; index < counts.documents; index++) nextDocument(next, seeds, index, moreMutations);
    }
    const result = () => ({
        seed, moreMutations, ...counts, seconds: Math.round(earlier.seconds + (Date.now() - started) / 1000),
        cpuSeconds: Math.round(earlier.cpuSeconds + (cpuMs() - startedCpu) / 1000),
        slowestMs: Math.round(slowest), slowestCpuMs: Math.round(slowestCpu), byMutation, failures
    });
    while (counts.documents < documents && (Date.now() - started) / 1000 < seconds) {
        const { base, text, kinds, documentSeed, uriPath } = nextDocument(next, seeds, counts.documents, moreMutations);
        const t0 = performance.now();
        const cpu0 = cpuMs();
        // check() answers failures itself; one that throws failed in taking the document out again.
        const failure = await harness.check(text, uriPath, random(documentSeed))
            .catch(error => ({ kind: 'exception', detail: `deleting the document: ${error instanceof Error ? error.stack : String(error)}`.slice(0, 2_000) }));
        slowest = Math.max(slowest, performance.now() - t0);
        slowestCpu = Math.max(slowestCpu, cpuMs() - cpu0);
        counts.documents++;
        for (const kind of kinds) byMutation[kind] = (byMutation[kind] ?? 0) + 1;
        if (failure) {
            if (failure.kind === 'exception') counts.exceptions++;
            else if (failure.kind === 'hang') counts.hangs++;
            else if (failure.kind === 'validation error') counts.validationErrors++;
            else if (failure.kind === 'junk message') counts.junkMessages++;
            else counts.loggedErrors++;
            const record = { seed, document: counts.documents - 1, documentSeed, source: path.relative(root, base.file), mutations: kinds, ...failure };
            if (save) {
                const minimal = await minimise(harness, text, uriPath, failure, documentSeed);
                fs.mkdirSync(failuresDir, { recursive: true });
                const name = `seed-${seed}-doc-${record.document}-${failure.kind.replace(/\s+/g, '-')}`;
                fs.writeFileSync(path.join(failuresDir, `${name}.sla`), minimal);
                fs.writeFileSync(path.join(failuresDir, `${name}.json`), JSON.stringify({ ...record, length: text.length, minimisedLength: minimal.length }, null, 2));
                record.saved = path.relative(root, path.join(failuresDir, `${name}.sla`));
            }
            failures.push(record);
            log(`FAIL seed ${seed} document ${record.document} (${kinds.join(', ')} of ${record.source}): ${failure.kind}: ${failure.detail.split('\n')[0]}${record.saved ? ` → ${record.saved}` : ''}`);
        }
        if (progress && counts.documents % 100 === 0) progress(result());
    }
    return result();
}

/** A run killed while writing must leave the previous file whole: write beside it, then rename. */
function writeAtomically(file, value) {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    fs.renameSync(`${file}.tmp`, file);
}

function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    if (index < 0) return fallback;
    const value = Number(process.argv[index + 1]);
    if (!Number.isFinite(value) || value <= 0) {
        console.error(`--${name} needs a positive number`);
        process.exit(2);
    }
    return value;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const seed = argument('seed', Date.now() % 1_000_000);
    const seconds = argument('seconds', 60);
    const documents = argument('documents', Infinity);
    // --more-mutations: the kinds added later too (word and line swaps, line copies, template edits).
    const moreMutations = process.argv.includes('--more-mutations');
    const jsonIndex = process.argv.indexOf('--json');
    const json = jsonIndex >= 0 ? process.argv[jsonIndex + 1] : undefined;
    // --resume: go on from a run of this seed that stopped early (its --json file).
    const resumeIndex = process.argv.indexOf('--resume');
    const resume = resumeIndex >= 0 ? JSON.parse(fs.readFileSync(process.argv[resumeIndex + 1], 'utf8')) : undefined;
    console.log(`fuzz: seed ${seed}, up to ${seconds} s${Number.isFinite(documents) ? `, up to ${documents} documents` : ''}${resume ? `, from document ${resume.documents}` : ''} (replay: npm run fuzz -- --seed ${seed} --documents N${moreMutations ? ' --more-mutations' : ''})`);
    // With --json, the counts so far are written every 100 documents (finished: false), so that
    // a run stopped halfway can be resumed (campaign.mjs does).
    const progress = json ? partial => writeAtomically(json, { ...partial, hangMs: HANG_MS, finished: false }) : undefined;
    const result = await runFuzz({ seed, seconds, documents, resume, progress, moreMutations });
    console.log(`fuzz: seed ${result.seed}: ${result.documents} documents in ${result.seconds} s (${result.cpuSeconds} s of CPU); ${result.exceptions} exceptions, ${result.hangs} hangs over ${HANG_MS} ms of CPU, `
        + `${result.validationErrors} "An error occurred during validation", ${result.junkMessages ?? 0} messages printing undefined or NaN, ${result.loggedErrors} logged errors; slowest document ${result.slowestCpuMs} ms of CPU (${result.slowestMs} ms wall clock)`);
    console.log(`fuzz: mutations ${JSON.stringify(result.byMutation)}`);
    // The whole result, for campaign.mjs (which sums the chunks).
    if (json) writeAtomically(json, { ...result, hangMs: HANG_MS, finished: true });
    process.exit(result.failures.length > 0 ? 1 : 0);
}
