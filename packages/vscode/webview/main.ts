// The report webview: draws the posted ReportView (display strings from the extension)
// with DOM calls only (text via textContent, never HTML strings), and a chart per objective
// drawn by the engine's chart renderer — the same SVG the HTML report embeds, built here as
// DOM nodes (svgToDom), never parsed from markup. Nothing is fetched: the CSP allows this
// script and the stylesheet; the theme's colours come from report.css.
import { chartSvg, svgToDom } from '@sla/engine/chart';
import type { CreditView, ExportFormat, FromWebview, ObjectiveView, ReportView, TermsTableView, ToWebview } from '../src/report/report-view.js';
import { connectToExtension, element, statusBadge } from './page-kit.js';

const vscode = connectToExtension<FromWebview>();

function table(headers: string[], rows: Array<Array<string | Node>>, rowClasses: string[] = []): HTMLElement {
    const head = element('thead', {}, element('tr', {}, ...headers.map((h) => element('th', { text: h }))));
    const body = element('tbody');
    rows.forEach((cells, i) => {
        const row = element('tr', { className: rowClasses[i] ?? '' });
        for (const cell of cells) row.append(typeof cell === 'string' ? element('td', { text: cell }) : element('td', {}, cell));
        body.append(row);
    });
    // Wide tables scroll sideways instead of squeezing the numbers.
    return element('div', { className: 'table-wrap' }, element('table', {}, head, body));
}

/** A table of the engine's report (termination rights, maintenance listed in data), its flagged rows highlighted. */
function termsSection(terms: TermsTableView, heading: 'h2' | 'h3'): HTMLElement {
    return element('section', {}, element(heading, { text: terms.title }), table(terms.headers, terms.rows, terms.breached.map((flagged) => (flagged ? 'row-breached' : ''))));
}

function objectiveSection(objective: ObjectiveView): HTMLElement {
    const heading = element('h3', {}, document.createTextNode(`${objective.name} `), element('span', { className: 'description', text: objective.description }), document.createTextNode(' '), statusBadge(objective.status, objective.statusWord));
    const section = element('section', { className: `objective objective-${objective.status}` }, heading);
    section.dataset.objective = objective.name;
    if (objective.owner) section.append(element('p', { className: 'owner', text: `Owner: ${objective.owner}` }));
    const scoped = objective.scope !== undefined;
    const headers = [...(scoped ? [objective.scope!] : []), 'window', 'value', 'target', 'status', 'margin', 'budget used', 'budget left'];
    const rows = objective.rows.map((row) => [
        ...(scoped ? [row.scopeValue ?? ''] : []),
        row.window + (row.partial ? ' (partial)' : ''), row.value, row.target, statusBadge(row.status, row.statusWord), row.margin, row.budgetConsumed, row.budgetRemaining
    ]);
    if (rows.length > 0) section.append(table(headers, rows, objective.rows.map((row) => `row-${row.status}`)));
    if (objective.rowsNote) section.append(element('p', { className: 'note', text: objective.rowsNote }));
    if (objective.failedItems && objective.failedItems.length > 0) {
        section.append(element('h4', { text: 'Failed items' }));
        section.append(table(['window', 'item', 'line', 'value'], objective.failedItems.map((f) => [f.window, f.item, f.line, f.value]), objective.failedItems.map(() => 'row-breached')));
    }
    if (objective.summary) {
        section.append(element('h4', { text: 'Monthly summary' }));
        section.append(table(
            [...(scoped ? [objective.scope!] : []), 'month', 'windows', 'met', 'breached', 'no data', 'share met', 'worst'],
            objective.summary.map((m) => [...(scoped ? [m.scopeValue ?? ''] : []), m.month, String(m.windows), String(m.met), String(m.breached), String(m.noData), m.shareMet, m.worst]),
            objective.summary.map((m) => (m.breached > 0 ? 'row-breached' : ''))));
    }
    if (objective.chart) section.append(element('div', { className: 'chart' }, svgToDom<SVGSVGElement>(chartSvg(objective.chart), document)));
    return section;
}

function creditSection(credit: CreditView): HTMLElement {
    const section = element('section', { className: 'credit' }, element('h3', { text: `${credit.name} per ${credit.window}: total ${credit.total}` }));
    section.append(table(['window', 'value', 'tier', '% of fee', 'fee', 'amount', 'cap'],
        credit.rows.map((row) => [row.window, row.value, row.tier, row.percentOfFee, row.fee, row.amount, row.cap])));
    for (const note of credit.notes) section.append(element('p', { className: 'note', text: note }));
    return section;
}

function exportButtons(): HTMLElement {
    const bar = element('div', { className: 'toolbar' }, element('span', { text: 'Export:' }));
    const formats: Array<[ExportFormat, string]> = [['markdown', 'Markdown'], ['html', 'HTML'], ['json', 'JSON'], ['csv', 'CSV']];
    for (const [format, label] of formats) {
        const button = element('button', { text: label });
        button.dataset.format = format;
        button.addEventListener('click', () => vscode.postMessage({ type: 'export', format }));
        bar.append(button);
    }
    return bar;
}

function render(view: ReportView, dataChanged: string | undefined): void {
    const root = document.getElementById('report')!;
    root.replaceChildren();
    if (dataChanged) root.append(element('p', { className: 'data-changed', text: dataChanged }));
    const header = element('header', {},
        element('h1', { text: `${view.agreement}${view.title ? ` — ${view.title}` : ''}` }),
        element('p', { className: 'headline', text: `${view.period} · ${view.timezone} · ${view.objectivesMet} · ${view.totals.met} windows met, ${view.totals.breached} breached, ${view.totals.noData} without data` }),
        exportButtons());
    root.append(header);

    root.append(element('h2', { text: 'Objectives' }));
    for (const objective of view.objectives) root.append(objectiveSection(objective));

    root.append(element('h2', { text: 'Credits' }));
    if (view.credits.length === 0) root.append(element('p', { text: 'This agreement defines no credits.' }));
    for (const credit of view.credits) root.append(creditSection(credit));
    for (const terms of view.creditCaps) root.append(termsSection(terms, 'h3'));
    if (view.creditTotals.length > 0) root.append(element('p', { className: 'credit-total', text: `Total credits: ${view.creditTotals.join(', ')}` }));

    for (const terms of view.terminations) root.append(termsSection(terms, 'h2'));

    if (view.internalTargets.length > 0) {
        root.append(element('h2', { text: 'Internal targets' }));
        for (const target of view.internalTargets) root.append(objectiveSection(target));
    }

    root.append(element('h2', { text: 'Data coverage' }));
    root.append(table(['dataset', 'rows', 'rejected', 'outside period', 'first', 'last', 'path', 'computed by'],
        view.datasets.map((d) => [d.name, String(d.rows), String(d.rejected), String(d.outsidePeriod), d.first, d.last, d.path, d.computedBy]),
        view.datasets.map((d) => (d.rejected > 0 ? 'row-breached' : ''))));
    for (const terms of view.listedMaintenance) root.append(termsSection(terms, 'h3'));
    if (view.rejectedRows.length > 0) {
        root.append(element('h3', { text: 'Rejected rows (skipped)' }));
        root.append(table(['dataset', 'line', 'field', 'value', 'why'], view.rejectedRows.map((r) => [r.dataset, String(r.line), r.field, r.value, r.message])));
    }
    if (view.openItems.length > 0) {
        root.append(element('h3', { text: 'Open incidents and unresolved rows' }));
        root.append(table(['kind', 'dataset', 'line', 'start'], view.openItems.map((item) => [item.kind, item.dataset, String(item.line), item.start])));
    }
    if (view.notes.length > 0) {
        root.append(element('h2', { text: 'Notes' }));
        root.append(element('ul', {}, ...view.notes.map((note) => element('li', { text: note }))));
    }
    root.append(element('p', { className: 'generated', text: `Generated ${view.generatedAt}${view.sourceFile ? ` from ${view.sourceFile}` : ''}` }));
    document.body.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    if (event.data?.type === 'report') render(event.data.view, event.data.dataChanged);
});
vscode.postMessage({ type: 'ready' });
