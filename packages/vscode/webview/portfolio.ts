// The portfolio webview: draws the posted PortfolioView (display strings from the extension)
// with DOM calls only (text via textContent, never HTML strings): a table of the clients,
// sortable by each column and filtered by words and status, and the credits per month as
// bar charts (the engine's SvgNode data built as DOM nodes by svgToDom). Clicking a client
// asks the extension to open its report. Nothing is fetched; the CSP allows this script and
// the stylesheets only.
import { svgToDom } from '@sla/engine/chart';
import { filterRows, PORTFOLIO_COLUMNS, sortRows } from '../src/portfolio/portfolio-table.js';
import type { ClientRowView, FromPortfolioWebview, PortfolioColumn, PortfolioStatusClass, PortfolioView, SortDirection, ToPortfolioWebview } from '../src/portfolio/portfolio-view.js';
import { connectToExtension, element, statusBadge } from './page-kit.js';

const vscode = connectToExtension<FromPortfolioWebview>();

const STATUSES: Array<[PortfolioStatusClass, string]> = [['breached', 'breached'], ['at-risk', 'at risk'], ['met', 'met'], ['no-data', 'no data']];

/** What the user chose: kept across refreshes of the portfolio (a save re-evaluates it). */
const state: { view?: PortfolioView; column: PortfolioColumn; direction: SortDirection; text: string; statuses: Set<PortfolioStatusClass> } = {
    column: 'status', direction: 'ascending', text: '', statuses: new Set()
};

function headerCell(column: PortfolioColumn, label: string, sortNote?: string): HTMLTableCellElement {
    const active = state.column === column;
    const button = element('button', { className: 'sort', text: label + (active ? (state.direction === 'ascending' ? ' ▲' : ' ▼') : '') });
    button.dataset.column = column;
    button.title = sortNote ?? `Sort by ${label}`;
    button.addEventListener('click', () => {
        state.direction = active && state.direction === 'ascending' ? 'descending' : 'ascending';
        state.column = column;
        renderTable();
    });
    const cell = element('th', {}, button);
    cell.setAttribute('aria-sort', active ? state.direction : 'none');
    return cell;
}

function clientCell(row: ClientRowView): HTMLTableCellElement {
    const button = element('button', { className: 'link', text: row.client });
    button.dataset.agreement = row.agreement;
    button.dataset.key = row.key;
    button.title = `Open the report of ${row.agreement}`;
    // By key: two clients' files may name their agreements alike.
    button.addEventListener('click', () => vscode.postMessage({ type: 'openClient', key: row.key }));
    const cell = element('td', { className: 'client' }, button);
    if (row.title !== '') cell.append(element('div', { className: 'subtitle', text: row.title }));
    return cell;
}

function renderTable(): void {
    const view = state.view;
    const holder = document.getElementById('clients');
    if (!view || !holder) return;
    const rows = sortRows(filterRows(view.rows, { text: state.text, statuses: [...state.statuses] }), state.column, state.direction);
    const head = element('thead', {}, element('tr', {}, ...PORTFOLIO_COLUMNS.map(({ column, label, sortNote }) => headerCell(column, label, sortNote))));
    const body = element('tbody');
    for (const row of rows) {
        const tr = element('tr', { className: `row-${row.status}` },
            clientCell(row),
            element('td', { text: row.template }),
            element('td', {}, statusBadge(row.status, row.statusWord)),
            element('td', { className: 'number', text: String(row.met) }),
            element('td', { className: 'number', text: String(row.breached) }),
            element('td', { className: 'number', text: String(row.noData) }),
            element('td', { text: row.worst }),
            element('td', { text: row.credits }),
            element('td', { text: row.atRisk }),
            element('td', { text: row.expiring }),
            element('td', { text: row.coverage }));
        tr.dataset.agreement = row.agreement;
        tr.dataset.key = row.key;
        body.append(tr);
    }
    const count = element('p', { className: 'count', text: rows.length === view.rows.length ? `${rows.length} clients` : `${rows.length} of ${view.rows.length} clients` });
    holder.replaceChildren(count, element('div', { className: 'table-wrap' }, element('table', { className: 'clients' }, head, body)));
}

function filters(): HTMLElement {
    const input = element('input');
    input.type = 'search';
    input.id = 'filter';
    input.placeholder = 'Filter by client, title, agreement or template';
    input.value = state.text;
    input.setAttribute('aria-label', 'Filter the clients');
    input.addEventListener('input', () => {
        state.text = input.value;
        renderTable();
    });
    const bar = element('div', { className: 'toolbar filters' }, input);
    for (const [status, label] of STATUSES) {
        const box = element('input');
        box.type = 'checkbox';
        box.checked = state.statuses.has(status);
        box.dataset.status = status;
        box.addEventListener('change', () => {
            if (box.checked) state.statuses.add(status);
            else state.statuses.delete(status);
            renderTable();
        });
        bar.append(element('label', { className: `status-filter status-${status}` }, box, document.createTextNode(` ${label}`)));
    }
    return bar;
}

/** Every client's windows as CSV (the extension asks where to save them). */
function exportButton(): HTMLElement {
    const button = element('button', { text: 'CSV' });
    button.dataset.action = 'export-csv';
    button.title = 'Save every window of every client (objectives, internal targets, credits) as CSV, for a spreadsheet or a billing import';
    button.addEventListener('click', () => vscode.postMessage({ type: 'exportCsv' }));
    return element('div', { className: 'toolbar' }, element('span', { text: 'Export:' }), button);
}

function render(view: PortfolioView): void {
    state.view = view;
    const root = document.getElementById('portfolio')!;
    root.replaceChildren(
        ...(view.dataChanged ? [element('p', { className: 'data-changed', text: view.dataChanged })] : []),
        element('header', {},
            element('h1', { text: `Portfolio of ${view.folder}` }),
            element('p', { className: 'headline', text: `${view.period} · ${view.headline}` }),
            element('p', { className: 'credit-total', text: view.creditTotals.length > 0 ? `Credits owed: ${view.creditTotals.join(', ')}` : 'No credits owed.' }),
            exportButton()),
        filters(),
        element('div', { className: 'clients-holder' }));
    root.querySelector('.clients-holder')!.id = 'clients';
    renderTable();

    root.append(element('h2', { text: 'Credits per month' }));
    if (view.charts.length === 0) root.append(element('p', { text: 'No credits are owed in this period.' }));
    for (const chart of view.charts) {
        const section = element('section', { className: 'credits' }, element('h3', { text: chart.currency }));
        section.dataset.currency = chart.currency;
        section.append(element('div', { className: 'chart' }, svgToDom<SVGSVGElement>(chart.svg, document)));
        section.append(element('div', { className: 'table-wrap' }, element('table', {},
            element('thead', {}, element('tr', {}, element('th', { text: 'month' }), element('th', { text: 'credits' }), element('th', { text: 'provisional' }))),
            element('tbody', {}, ...chart.rows.map((month) => element('tr', {},
                element('td', { text: month.month }), element('td', { className: 'number', text: month.total }), element('td', { className: 'number', text: month.provisional })))))));
        root.append(section);
    }
    if (view.failures.length > 0) {
        root.append(element('h2', { text: 'Not evaluated' }));
        root.append(element('ul', { className: 'failures' }, ...view.failures.map((failure) => element('li', { text: `${failure.file}: ${failure.message}` }))));
    }
    if (view.notes.length > 0) {
        root.append(element('h2', { text: 'Notes' }));
        root.append(element('ul', {}, ...view.notes.map((note) => element('li', { text: note }))));
    }
    root.append(element('p', { className: 'generated', text: `Generated ${view.generatedAt}` }));
    document.body.dataset.ready = 'true';
}

window.addEventListener('message', (event: MessageEvent<ToPortfolioWebview>) => {
    if (event.data?.type === 'portfolio') render(event.data.view);
});
vscode.postMessage({ type: 'ready' });
