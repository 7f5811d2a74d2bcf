// The snippets the extension contributes: every one, inserted with its default values, makes
// an agreement that parses, links and validates without errors — a snippet that teaches a
// wrong form would be worse than none.
import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { createSlaServices, vscodeSnippetFile, type Document } from '@sla/language';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// What esbuild.mjs writes to snippets/sla.json.
const snippets = vscodeSnippetFile();

/**
 * What VS Code inserts when the user accepts every default: `${1:x}` → x, `${1|a,b|}` → a,
 * a later `${1}`/`$1` → what tab stop 1 holds, `$0` → nothing; tabs become four spaces.
 */
export function expandWithDefaults(body: string[]): string {
    const stops = new Map<string, string>();
    const text = body.join('\n').replace(/\t/g, '    ');
    return text
        .replace(/\$\{(\d+):((?:\$\{\d+:[^}]*\}|[^}])*)\}/g, (_, n: string, value: string) => {
            // a default may hold a nested stop: `${0:count(${3:dataset})}`
            const inner = value.replace(/\$\{(\d+):([^}]*)\}/g, (_m, m: string, v: string) => { stops.set(m, v); return v; });
            stops.set(n, inner);
            return inner;
        })
        .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_, n: string, choices: string) => { const first = choices.split(',')[0]; stops.set(n, first); return first; })
        .replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => stops.get(a ?? b ?? '') ?? '');
}

describe('snippets', () => {
    const services = createSlaServices(EmptyFileSystem).Sla;
    const parse = parseHelper<Document>(services);

    it('are contributed for the sla language, one per common block', () => {
        expect(manifest.contributes.snippets).toEqual([{ language: 'sla', path: './snippets/sla.json' }]);
        expect(Object.values(snippets).map((s) => s.prefix).sort())
            .toEqual(['agreement', 'calendar', 'credit', 'credits', 'dataset', 'internal', 'kpi', 'maintenance', 'objective', 'service', 'termination']);
        for (const snippet of Object.values(snippets)) expect(snippet.description.length).toBeGreaterThan(10);
    });

    it('expand placeholders, choices and mirrored tab stops as VS Code does', () => {
        expect(expandWithDefaults(['a ${1:X} ${2|>=,<|} ${1} $1 $0', '\tb'])).toBe('a X >= X X \n    b');
        expect(expandWithDefaults(['= ${0:count(${3:dataset})}'])).toBe('= count(dataset)');
    });

    it('inserted with their defaults, form an agreement that validates without errors or warnings', async () => {
        const insert = (prefix: string) => {
            const snippet = Object.values(snippets).find((s) => s.prefix === prefix);
            if (!snippet) throw new Error(`no snippet ${prefix}`);
            return expandWithDefaults(snippet.body);
        };
        // The agreement snippet's `$0` is where the user goes on: put every other block there.
        const agreementText = insert('agreement');
        const members = [
            insert('calendar'),
            insert('maintenance'),
            insert('dataset'),
            insert('service'),
            'service Desk {',
            `    ${insert('kpi').replace('kpi Name', 'kpi DeskUptime').replace('count(dataset)', 'uptime(incidents, from started to resolved)')}`,
            `    ${insert('objective').replace('Kpi', 'DeskUptime')}`,
            `    ${insert('credit').replace('Kpi', 'DeskUptime').replace(/\n/g, '\n    ')}`,
            `    ${insert('termination').replace('Kpi', 'DeskUptime')}`,
            '}',
            insert('internal').replace('Kpi', 'Availability'),
            insert('credits')
        ].join('\n');
        const text = agreementText.replace(/\n\s*\n\s*\n/, `\n${members}\n`);
        const document = await parse(text, { validation: true });
        const problems = (document.diagnostics ?? []).filter((d) => d.severity === 1 || d.severity === 2)
            .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
        expect(problems, text).toEqual([]);
        expect(document.parseResult.value.elements).toHaveLength(1);
    });
});
