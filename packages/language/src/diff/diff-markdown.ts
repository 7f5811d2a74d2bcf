/**
 * A diff of agreements (workspace-diff.ts) in Markdown, for a pull request comment
 * (`sla diff --format markdown`) and the editor's "Compare with Git Revision": a summary line,
 * then a table per changed agreement, the changes that loosen a promise in bold.
 */
import { escapeMarkdown, markdownCode } from '@sla/engine';
import type { WorkspaceDiff } from './workspace-diff.js';

export function diffMarkdown(result: WorkspaceDiff, labels: { before: string; after: string }): string {
    const { compared, changed, added, removed, loosening } = result.totals;
    const lines = [
        `### sla diff: ${escapeMarkdown(labels.before)} → ${escapeMarkdown(labels.after)}`,
        '',
        `${loosening === 0 ? 'No promise loosened or removed' : `**${loosening} agreement(s) with a promise loosened or removed**`} · ${compared} compared, ${changed} changed, ${added} added, ${removed} removed`
    ];
    for (const agreement of result.agreements) {
        if (agreement.status === 'unchanged') continue;
        const name = `${agreement.template ? 'template ' : ''}${escapeMarkdown(agreement.agreement)} (${markdownCode(agreement.file)})`;
        lines.push('');
        if (agreement.status !== 'changed') {
            lines.push(`#### ${name}: ${agreement.status}`);
            continue;
        }
        lines.push(`#### ${name}: ${agreement.changes.length} change(s)`, '', '| change | member | what | where |', '| --- | --- | --- | --- |');
        for (const change of agreement.changes) {
            const place = change.at ?? change.was;
            const where = place ? `${change.at ? '' : 'was '}${markdownCode(`${place.file}:${place.line}:${place.column}`)}` : '';
            lines.push(`| ${change.loosens ? `**${change.kind}**` : change.kind} | ${escapeMarkdown(change.member)} | ${escapeMarkdown(change.text)} | ${where} |`);
        }
    }
    return `${lines.join('\n')}\n`;
}
