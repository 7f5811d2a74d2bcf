// Every bundled example must parse, link and validate without errors or warnings, and the
// data files its datasets name must exist and carry the declared columns.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { LangiumDocument } from 'langium';
import { AstUtils, EmptyFileSystem } from 'langium';
import { createSlaServices } from '../packages/language/src/sla-module.js';
import { isDataset, type Dataset } from '../packages/language/src/generated/ast.js';
import { loadSlaFiles } from '../packages/language/src/node.js';
import { evaluateDocument } from '../packages/language/src/evaluation/evaluate-document.js';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');

function slaFiles(dir: string): string[] {
    const result: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) result.push(...slaFiles(full));
        else if (entry.isFile() && entry.name.endsWith('.sla')) result.push(full);
    }
    return result.sort();
}

function listFiles(dir: string, prefix = ''): string[] {
    const result: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const relative = path.join(prefix, entry.name);
        if (entry.isDirectory()) result.push(...listFiles(path.join(dir, entry.name), relative));
        else result.push(relative);
    }
    return result.sort();
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function problems(document: LangiumDocument): string[] {
    const file = path.relative(examplesDir, document.uri.fsPath);
    const lines: string[] = [];
    for (const e of document.parseResult.lexerErrors) {
        lines.push(`${file}:${e.line ?? 0}:${e.column ?? 0}: lexer error: ${e.message}`);
    }
    for (const e of document.parseResult.parserErrors) {
        lines.push(`${file}:${e.token.startLine ?? 0}:${e.token.startColumn ?? 0}: parser error: ${e.message}`);
    }
    for (const d of document.diagnostics ?? []) {
        if (d.severity !== 1 && d.severity !== 2) continue;
        const code = d.code !== undefined ? ` [${String(d.code)}]` : '';
        lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]}: ${d.message}${code}`);
    }
    return lines;
}

/** The column names of a data file: the CSV header (columns separated by `separator`), or the keys of the first JSON object. */
function columnsOf(file: string, format: string, separator = ','): string[] {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    if (format === 'csv') {
        const header = text.split(/\r?\n/, 1)[0] ?? '';
        return header.split(separator).map(c => c.trim().replace(/^"(.*)"$/, '$1'));
    }
    if (format === 'ndjson') {
        const first = text.split(/\r?\n/).find(line => line.trim() !== '');
        return first ? Object.keys(JSON.parse(first) as object) : [];
    }
    const array = JSON.parse(text) as object[];
    return array.length > 0 ? Object.keys(array[0]!) : [];
}

function formatOf(dataset: Dataset): string {
    if (dataset.formats.length > 0) return dataset.formats[0]!;
    const ext = path.extname(dataset.path).toLowerCase();
    return ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : ext === '.json' ? 'json' : 'csv';
}

const files = slaFiles(examplesDir);

describe('bundled examples', () => {
    test('there are examples', () => {
        expect(files.length).toBeGreaterThanOrEqual(5);
    });

    test('generate-data.mjs reproduces every committed data file byte for byte', () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-examples-'));
        try {
            execFileSync(process.execPath, [path.join(examplesDir, 'generate-data.mjs'), '--out', out], { stdio: 'pipe' });
            const generated = listFiles(out);
            expect(generated.length).toBeGreaterThan(0);
            for (const relative of generated) {
                const committed = path.join(examplesDir, relative);
                expect(fs.existsSync(committed), `${relative} is generated but not committed`).toBe(true);
                expect(fs.readFileSync(path.join(out, relative)).equals(fs.readFileSync(committed)), `${relative} differs from the generator's output: run 'node examples/generate-data.mjs'`).toBe(true);
            }
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    for (const file of files) {
        const name = path.relative(examplesDir, file);

        test(`${name} parses, links and validates without errors or warnings`, async () => {
            const { documents, all } = await loadSlaFiles([file]);
            expect(documents).toHaveLength(1);
            const found = all.flatMap(problems);
            expect(found, `diagnostics:\n${found.join('\n')}`).toEqual([]);
        });

        test(`${name}: every dataset's file exists and names the declared columns`, async () => {
            const { documents } = await loadSlaFiles([file], { validate: false });
            const root = documents[0]!.parseResult.value;
            const datasets = AstUtils.streamAllContents(root).filter(isDataset).toArray();
            for (const dataset of datasets) {
                const dataFile = path.resolve(path.dirname(file), dataset.path);
                expect(fs.existsSync(dataFile), `${name}: dataset '${dataset.name}' reads ${dataset.path}, which does not exist`).toBe(true);
                expect(fs.statSync(dataFile).size, `${dataset.path} must stay well under 200 KB`).toBeLessThan(150_000);
                const columns = columnsOf(dataFile, formatOf(dataset), dataset.separators[0]?.value);
                for (const field of dataset.fields) {
                    const column = field.column ?? field.name;
                    expect(columns, `${name}: dataset '${dataset.name}' field '${field.name}' reads column '${column}' of ${dataset.path}`).toContain(column);
                }
            }
        });
    }
});

// The `sla` code blocks of the language reference must be valid syntax: as a file, or as
// members of an agreement, or as members of a service. Blocks with `…` placeholders are prose.
describe('documentation examples', () => {
    const reference = path.resolve(examplesDir, '..', 'docs', 'language-reference.md');
    const blocks = [...fs.readFileSync(reference, 'utf8').matchAll(/^```sla\n([\s\S]*?)^```/gm)]
        .map(match => match[1]!)
        .filter(block => !block.includes('…'));
    const parser = createSlaServices(EmptyFileSystem).Sla.parser.LangiumParser;
    const syntaxErrors = (text: string): string[] => {
        const result = parser.parse(text);
        return [...result.lexerErrors.map(e => e.message), ...result.parserErrors.map(e => `${e.token.startLine}:${e.token.startColumn} ${e.message}`)];
    };

    test('the language reference has sla examples', () => {
        expect(blocks.length).toBeGreaterThan(10);
    });

    blocks.forEach((block, index) => {
        test(`language-reference.md sla block ${index + 1} (${block.trim().split('\n')[0]!.slice(0, 50)}) is valid syntax`, () => {
            // A block of formulas, one per line: each line as the formula of a KPI.
            const formulas = block.split('\n').map(line => line.replace(/\/\/.*$/, '').trim()).filter(line => line !== '')
                .map((line, i) => `kpi K${i} = ${line}`).join('\n');
            const readings = [block, `agreement Doc {\n${block}\n}`, `agreement Doc {\nservice S {\n${block}\n}\n}`, formulas];
            const errors = readings.map(syntaxErrors);
            const valid = errors.some(list => list.length === 0);
            expect(valid, `syntax errors as a file:\n${errors[0]!.join('\n')}\nin an agreement:\n${errors[1]!.join('\n')}\nin a service:\n${errors[2]!.join('\n')}\nas formulas:\n${errors[3]!.join('\n')}`).toBe(true);
        });
    });
});

// The data were designed for these outcomes (examples/*/README.md has the arithmetic):
// evaluate each example over January–March 2026 and compare with expected-outcomes.json.
describe('designed outcomes', () => {
    interface ExpectedWindow { start: string; scopeValue?: string; value: number | null; status: string }
    interface ExpectedMonth { month: string; scopeValue?: string; met: number; breached: number; noData: number }
    interface ExpectedObjective { kpi: string; windows?: ExpectedWindow[]; summary?: ExpectedMonth[] }
    interface ExpectedExample {
        agreement: string; exitCode: number; objectives: ExpectedObjective[]; internalTargets: ExpectedObjective[];
        credits: Array<{ kpi: string; total: number }>; openItems: Array<{ kind: string; dataset: string; line: number }>;
    }
    const expected = JSON.parse(fs.readFileSync(path.join(examplesDir, 'expected-outcomes.json'), 'utf8')) as {
        from: string; to: string; examples: Record<string, ExpectedExample>;
    };
    interface GotObjective { kpi: string; service?: string; windows: Array<{ start: string; scopeValue?: string; value: number | null; status: string }>; summary?: Array<{ month: string; scopeValue?: string; met: number; breached: number; noData: number }> }
    const round = (value: number | null) => value === null ? null : Math.round(value * 1e6) / 1e6;

    function compare(label: string, want: ExpectedObjective[], got: GotObjective[], differences: string[]): void {
        if (got.length !== want.length) differences.push(`${label}: expected ${want.length}, got ${got.length}`);
        want.forEach((objective, index) => {
            const actual = got[index];
            if (!actual) return;
            for (const window of objective.windows ?? []) {
                const found = actual.windows.find(w => w.start === window.start && (w.scopeValue ?? null) === (window.scopeValue ?? null));
                if (!found || round(found.value) !== window.value || found.status !== window.status) {
                    differences.push(`${label} ${objective.kpi} ${window.start}${window.scopeValue ? ` [${window.scopeValue}]` : ''}: expected ${window.value} ${window.status}, got ${found ? `${round(found.value)} ${found.status}` : 'no window'}`);
                }
            }
            for (const month of objective.summary ?? []) {
                const found = actual.summary?.find(m => m.month === month.month && (m.scopeValue ?? null) === (month.scopeValue ?? null));
                if (!found || found.met !== month.met || found.breached !== month.breached || found.noData !== month.noData) {
                    differences.push(`${label} ${objective.kpi} ${month.month}: expected met ${month.met} breached ${month.breached} no data ${month.noData}, got ${found ? `met ${found.met} breached ${found.breached} no data ${found.noData}` : 'no summary'}`);
                }
            }
        });
    }

    for (const [file, want] of Object.entries(expected.examples)) {
        test(`${file} evaluates to the designed outcomes`, async () => {
            const { documents, services } = await loadSlaFiles([path.join(examplesDir, file)]);
            const report = await evaluateDocument(documents[0]!, services, { from: expected.from, to: expected.to, now: Date.parse('2026-11-25T12:00:00Z') });
            const differences: string[] = [];
            if (report.agreement !== want.agreement) differences.push(`agreement: expected ${want.agreement}, got ${report.agreement}`);
            compare('objective', want.objectives, report.objectives as GotObjective[], differences);
            compare('internal target', want.internalTargets, report.internalTargets as GotObjective[], differences);
            want.credits.forEach((credit, index) => {
                if (report.credits[index]?.total !== credit.total) differences.push(`credit ${credit.kpi}: expected ${credit.total}, got ${report.credits[index]?.total}`);
            });
            const open = report.openItems.map(item => `${item.kind} ${item.dataset}:${item.line}`);
            const wantOpen = want.openItems.map(item => `${item.kind} ${item.dataset}:${item.line}`);
            if (JSON.stringify(open) !== JSON.stringify(wantOpen)) differences.push(`open items: expected ${wantOpen.join(', ')}, got ${open.join(', ')}`);
            const breached = report.objectives.some(o => o.windows.some(w => w.status === 'breached')) ? 1 : 0;
            if (breached !== want.exitCode) differences.push(`exit code: expected ${want.exitCode}, got ${breached}`);
            expect(differences, differences.join('\n')).toEqual([]);
        });
    }
});
