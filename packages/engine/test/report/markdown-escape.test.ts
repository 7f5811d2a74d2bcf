/**
 * Markdown outputs never pass raw HTML, links or table breaks through from names, paths,
 * notes and values (issue 13, item 17): Markdown renderers show raw HTML as HTML.
 */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownCode, renderMarkdown, type Report } from '../../src/index.js';

const HOSTILE = '<img src=x onerror=alert(1)>[click](javascript:alert(1)) | *bold* `code`';

function hostileReport(): Report {
    return {
        schemaVersion: 1,
        agreement: HOSTILE,
        timezone: 'UTC',
        period: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
        generatedAt: '2026-04-02T09:00:00Z',
        datasets: [],
        objectives: [{
            service: '<b>Shop</b>', kpi: 'Availability', kpiKey: 'Shop.Availability', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', status: 'met',
            windows: [{ start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z', partial: false, value: 1, status: 'met', margin: 0.001, budgetConsumed: 0, budgetRemaining: 1, rows: 1, unresolved: 0 }]
        }],
        internalTargets: [],
        credits: [],
        openItems: [],
        notes: ['a note quoting data: <iframe src="https://evil.example"></iframe>'],
        totals: { windows: 1, met: 1, breached: 0, noData: 0 }
    };
}

describe('escapeMarkdown', () => {
    it('turns HTML characters into entities and backslash-escapes Markdown punctuation', () => {
        expect(escapeMarkdown('<b>A & B</b>')).toBe('&lt;b&gt;A &amp; B&lt;/b&gt;');
        expect(escapeMarkdown('[x](y) | *z* _w_ `v` ~u~ \\')).toBe('\\[x\\](y) \\| \\*z\\* \\_w\\_ \\`v\\` \\~u\\~ \\\\');
        expect(escapeMarkdown('two\nlines\r\nthree')).toBe('two lines three');
    });

    it('leaves ordinary text alone', () => {
        expect(escapeMarkdown('Acme Corp, 99.9% per calendar month (2026-01-01)')).toBe('Acme Corp, 99.9% per calendar month (2026-01-01)');
    });
});

describe('markdownCode', () => {
    it('fences with more backticks than any run inside', () => {
        expect(markdownCode('data/a.csv')).toBe('`data/a.csv`');
        expect(markdownCode('a`b``c')).toBe('```a`b``c```');
        expect(markdownCode('`x')).toBe('`` `x ``');
    });
});

describe('renderMarkdown', () => {
    it('escapes the agreement name, service names and notes', () => {
        const markdown = renderMarkdown(hostileReport());
        for (const tag of ['<img', '<iframe', '<b>']) expect(markdown).not.toContain(tag);
        // A link needs an unescaped `[…](…)`.
        expect(markdown).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
        expect(markdown).toContain('# SLA report: &lt;img src=x onerror=alert(1)&gt;\\[click\\](javascript:alert(1)) \\| \\*bold\\* \\`code\\`');
        expect(markdown).toContain('- a note quoting data: &lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;');
    });
});
