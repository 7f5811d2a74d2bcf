// Evaluation in the real extension host: the SLA commands, the results in the editor
// (inline values, breach diagnostics, hovers, status bar), the report panel and export.
// Expected values: examples/managed-hosting/README.md, examples/expected-outcomes.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import type { SlaExtensionApi } from '../../extension.js';
import { COMMANDS } from '../../commands/command-ids.js';
import { renderReport } from '../../report/report-export.js';
import { BREACH_CODE, INTERNAL_TARGET_MISSED_CODE } from '../../results/breach-diagnostics.js';
import { shownInlineText } from '../../results/inline-results.js';
import { EXTENSION_ID, openFixture, waitForDiagnostics } from './fixture.js';

/** The fixture copy of the example whose validity ends 2026-03-31 (see its header comment). */
const ACME = 'managed-hosting/acme-hosting.sla';
/** 0-based lines of the fixture: `objective Availability …` is line 70, `objective P95Latency …` line 71. */
const AVAILABILITY_LINE = 69;
const LATENCY_LINE = 70;
const INTERNAL_TARGET_LINE = 81;

async function extensionApi(): Promise<SlaExtensionApi> {
    const extension = vscode.extensions.getExtension<SlaExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const api = await extension.activate();
    // The server must be up before a command can reach it.
    const deadline = Date.now() + 30_000;
    while (!api.client?.isRunning() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(api.client?.isRunning(), 'the language server is not running');
    return api;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
    return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

async function evaluateAcme(): Promise<{ document: vscode.TextDocument; report: Report; api: SlaExtensionApi }> {
    const api = await extensionApi();
    const document = await openFixture(ACME);
    const report = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri);
    assert.ok(report, 'SLA: Evaluate Agreement returned no report (see the SLA output channel)');
    return { document, report, api };
}

describe('SLA evaluation in VS Code', () => {
    it('Evaluate Agreement computes the availability of the example as in its README', async () => {
        const { report } = await evaluateAcme();
        assert.equal(report.agreement, 'AcmeHosting');
        // Validity ends 2026-03-31: the period is the quarter, as with --from 2026-01-01 --to 2026-03-31.
        assert.equal(report.period.from, '2026-01-01T00:00:00+01:00');
        assert.equal(report.period.to, '2026-04-01T00:00:00+02:00');
        const availability = report.objectives.find((o) => o.kpi === 'Availability');
        assert.ok(availability, 'no Availability objective');
        const [january, february, march] = availability.windows;
        // January: 44,140 / 44,160 eligible minutes = 0.999547 ≥ 0.999 → met.
        assert.equal(january?.status, 'met');
        assert.ok(Math.abs(january!.value! - 44_140 / 44_160) < 1e-9, `January ${january?.value}`);
        // February: 28 d = 40,320 min − 4 Sunday patch windows × 120 min = 39,840 eligible; 168 min down → 39,672 / 39,840 = 0.995783.
        assert.equal(february?.status, 'breached');
        assert.ok(Math.abs(february!.value! - 39_672 / 39_840) < 1e-9, `February ${february?.value}`);
        assert.equal(march?.status, 'met');
        // Credit: 99.578 % is below 99.9 %, not below 99.0 % → tier 1 = 10 % of 12,000 EUR = 1,200 EUR.
        assert.equal(report.credits[0]?.total, 1200);
        assert.equal(report.credits[0]?.windows[1]?.tier, 1);
        // Availability, ErrorRate and P1Response breached; P95Latency met (README, "exit code").
        assert.deepEqual(report.objectives.map((o) => `${o.kpi} ${o.status}`),
            ['Availability breached', 'P95Latency met', 'ErrorRate breached', 'P1Response breached']);
    });

    it('marks the breached objective with sla/breached and shows values inline, on hover (server) and in the status bar', async () => {
        const { document, api } = await evaluateAcme();
        const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE));
        const breaches = diagnostics.filter((d) => codeOf(d) === BREACH_CODE);
        const availability = breaches.find((d) => d.range.start.line === AVAILABILITY_LINE);
        assert.ok(availability, `no ${BREACH_CODE} on the Availability objective (line ${AVAILABILITY_LINE + 1}); have ${JSON.stringify(breaches.map((d) => [d.range.start.line + 1, d.message]))}`);
        assert.match(availability.message, /breached in 1 of 3 windows, worst 99\.578 % \(Feb 2026\)/);
        assert.equal(breaches.some((d) => d.range.start.line === LATENCY_LINE), false, 'P95Latency was met but carries a breach diagnostic');
        // The internal target (line 82: Availability >= 99.95 %, February 99.578 %) is missed, not breached: a code of its own.
        assert.equal(breaches.some((d) => d.range.start.line === INTERNAL_TARGET_LINE), false, 'the internal target carries sla/breached');
        const missed = diagnostics.find((d) => d.range.start.line === INTERNAL_TARGET_LINE);
        assert.equal(missed && codeOf(missed), INTERNAL_TARGET_MISSED_CODE);
        assert.match(missed!.message, /^Internal target \S*Availability missed in \d+ of 3 windows/);

        // What the inline decoration draws after each objective line.
        const inline = api.evaluation.results.outcomeAt(document.uri, AVAILABILITY_LINE)?.inlineText;
        assert.equal(inline, '✗ BREACHED in 1 of 3 windows, worst 99.578 % (Feb 2026) · latest 99.936 % (Mar 2026)');
        assert.equal(api.evaluation.results.outcomeAt(document.uri, LATENCY_LINE)?.inlineText, '✓ MET · latest 275 ms (Mar 2026)');

        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(AVAILABILITY_LINE, 12));
        const hoverText = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        // The server adds the latest values to its hover (packages/language/src/lsp/latest-evaluations.ts), for every LSP client.
        assert.match(hoverText, /\*\*Latest evaluation\*\*/);
        assert.match(hoverText, /2026-02-01 – 2026-02-28: 99\.578% — breached/);

        // 1 of 4 objectives met in every window (only P95Latency).
        assert.equal(api.evaluation.statusBar.text, '$(warning) SLA: 1/4 met');
    });

    it('says so where it shows the numbers when a data file the evaluation read changes on disk, until it evaluates again', async () => {
        const { document, report, api } = await evaluateAcme();
        await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE));
        const file = report.datasets[0]!.path;
        // A new export of the same file (written again as it was, so that the other tests' numbers stay).
        fs.writeFileSync(file, fs.readFileSync(file));
        const deadline = Date.now() + 30_000;
        while (!api.evaluation.statusBar.text.includes('data changed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(api.evaluation.statusBar.text, '$(warning) SLA: 1/4 met · data changed');
        const note = `The data changed since this evaluation (${vscode.workspace.asRelativePath(file)}): evaluate again.`;
        assert.ok(String(api.evaluation.statusBar.tooltip).includes(note), String(api.evaluation.statusBar.tooltip));
        assert.equal(api.evaluation.panel.dataChangedNote, note);
        const result = api.evaluation.results.get(document.uri)!;
        assert.equal(shownInlineText(result, api.evaluation.results.outcomeAt(document.uri, LATENCY_LINE)!), '✓ MET · latest 275 ms (Mar 2026) · data changed since');
        const breach = await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE && d.message.endsWith(note)));
        assert.ok(breach.some((d) => d.range.start.line === AVAILABILITY_LINE && d.message.endsWith(note)));
        // Evaluated again: the numbers are of the data as they are, and nothing more is said.
        await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri);
        assert.equal(api.evaluation.statusBar.text, '$(warning) SLA: 1/4 met');
        assert.equal(api.evaluation.panel.dataChangedNote, '');
        await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE) && !all.some((d) => d.message.endsWith(note)));
    });

    it('drops the breach diagnostic of an objective when its line is edited, and moves the others', async () => {
        const { document } = await evaluateAcme();
        await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE && d.range.start.line === AVAILABILITY_LINE));
        const editor = await vscode.window.showTextDocument(document);
        const original = document.getText();
        try {
            // An edit above the objectives moves them one line down.
            await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// moved\n'));
            await waitForDiagnostics(document.uri, (all) => all.some((d) => codeOf(d) === BREACH_CODE && d.range.start.line === AVAILABILITY_LINE + 1));
            // Editing the Availability objective itself removes its breach (its values no longer apply).
            const line = AVAILABILITY_LINE + 1;
            await editor.edit((edit) => edit.replace(document.lineAt(line).range, document.lineAt(line).text.replace('99.9%', '99.8%')));
            const after = await waitForDiagnostics(document.uri, (all) => !all.some((d) => codeOf(d) === BREACH_CODE && d.range.start.line === line));
            // P1Response (line 73 → 74 after the insert) is still marked.
            assert.ok(after.some((d) => codeOf(d) === BREACH_CODE && d.range.start.line === AVAILABILITY_LINE + 4), 'the P1Response breach went away too');
        } finally {
            // Put the text back and save it: the fixture on disk must stay as committed even if the editor saved the edits.
            const restore = new vscode.WorkspaceEdit();
            restore.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
            await vscode.workspace.applyEdit(restore);
            await document.save();
        }
    });

    it('shows the report in a webview panel and exports the same numbers as the CLI', async () => {
        const { report, api } = await evaluateAcme();
        assert.equal(api.evaluation.panel.isOpen, true, 'the report panel is not open after Evaluate Agreement');
        const markdown = renderReport(report, 'markdown');
        assert.match(markdown, /99\.578 %/);
        const json = JSON.parse(renderReport(report, 'json')) as Report;
        assert.equal(json.schemaVersion, 1);
        assert.match(renderReport(report, 'html'), /^<!DOCTYPE html>/i);
        // February's credit, one row of the CSV export: tier 1, 10 % of 12,000 EUR.
        assert.match(renderReport(report, 'csv'), /^AcmeHosting,Acme Corp,credit,WebShop,Availability,calendar month,,,2026-02-01T00:00:00\+01:00,.*,1,below 99\.9%,EUR,12000,1200,1200,/m);
        const shown = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.showLastReport);
        assert.equal(shown?.agreement, 'AcmeHosting');
    });

    it('explains the agreement in plain language through the server', async () => {
        await extensionApi();
        const document = await openFixture(ACME);
        const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.explain, document.uri);
        const explanation = await vscode.workspace.openTextDocument(uri);
        assert.match(explanation.getText(), /^# AcmeHosting — Managed hosting for Acme Corp/);
        assert.match(explanation.getText(), /from 1 January 2026 through 31 March 2026/);
    });

    it('refuses to evaluate a document with errors and keeps no result for it', async () => {
        const api = await extensionApi();
        // bare-objective.sla: an objective outside any agreement (a syntax error).
        const document = await openFixture('bare-objective.sla');
        const report = await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri);
        assert.equal(report, undefined);
        assert.equal(api.evaluation.results.get(document.uri), undefined);
    });

    it('puts "Evaluate | Explain" over the agreement', async () => {
        await extensionApi();
        const document = await openFixture(ACME);
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        const ours = lenses.filter((lens) => lens.command?.command === COMMANDS.evaluate || lens.command?.command === COMMANDS.explain);
        // `agreement AcmeHosting …` is line 14 of the fixture (0-based 13).
        assert.deepEqual(ours.map((lens) => `${lens.range.start.line} ${lens.command?.title}`), ['13 Evaluate', '13 Explain']);
        assert.deepEqual(ours[0]!.command?.arguments?.slice(1), ['AcmeHosting']);
    });

    it('Validate Workspace checks every .sla file of the fixture folder', async () => {
        await extensionApi();
        const summary = await vscode.commands.executeCommand<{ files: number; errors: number; filesWithErrors: number }>(COMMANDS.validateWorkspace);
        // hosting.sla, bare-objective.sla, ambiguous-window.sla, managed-hosting/acme-hosting.sla; only bare-objective.sla has errors.
        assert.ok(summary.files >= 4, `found ${summary.files} .sla files`);
        assert.ok(summary.filesWithErrors >= 1, 'bare-objective.sla should have an error');
    });
});
