// Language features of the server as VS Code sees them, through the same commands the
// editor uses for the outline, Go to Definition and hovers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture, waitForDiagnostics } from './fixture.js';

/** The position of the `occurrence`-th `text` in the document, `offset` characters in. */
function positionOf(document: vscode.TextDocument, text: string, offset = 1, occurrence = 0): vscode.Position {
    let index = -1;
    for (let i = 0; i <= occurrence; i++) {
        index = document.getText().indexOf(text, index + 1);
        if (index < 0) throw new Error(`"${text}" occurs fewer than ${occurrence + 1} times in ${document.uri.fsPath}`);
    }
    return document.positionAt(index + offset);
}

/** Opens hosting.sla and waits until the server answers requests about it. */
async function openHosting(): Promise<vscode.TextDocument> {
    const document = await openFixture('hosting.sla');
    // A symbol request is answered only once the document is built; retry until it is.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
        if (symbols && symbols.length > 0) return document;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the server returned no document symbols for hosting.sla within 30 s');
}

describe('SLA language features in VS Code', () => {
    it('outlines agreement > service > kpi', async () => {
        const document = await openHosting();
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
        const agreement = symbols.find((s) => s.name === 'TinyHosting');
        assert.ok(agreement, `no TinyHosting in ${JSON.stringify(symbols.map((s) => s.name))}`);
        const service = agreement.children.find((s) => s.name === 'WebShop');
        assert.ok(service, `no WebShop under TinyHosting: ${JSON.stringify(agreement.children.map((s) => s.name))}`);
        assert.ok(service.children.some((s) => s.name === 'Availability'), 'no kpi Availability under WebShop');
    });

    it('goes from the objective to the kpi it promises', async () => {
        const document = await openHosting();
        const reference = positionOf(document, 'objective Availability', 'objective '.length + 2);
        const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
            'vscode.executeDefinitionProvider', document.uri, reference);
        assert.equal(locations.length, 1, `expected one definition, got ${locations.length}`);
        const target = locations[0]!;
        const range = 'targetSelectionRange' in target ? target.targetSelectionRange : (target as vscode.Location).range;
        const declaration = positionOf(document, 'kpi Availability', 'kpi '.length);
        assert.equal(range?.start.line, declaration.line, 'definition is not the `kpi Availability` line');
        assert.equal(document.getText(range), 'Availability');
    });

    it('explains an objective on hover, with its error budget', async () => {
        const document = await openHosting();
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider', document.uri, positionOf(document, 'objective Availability', 2));
        const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        assert.match(text, /99\.9%/);
        // 99.9% of a 31-day month: 0.1% × 31 × 24 × 60 min = 44.64 min = 44 min 38.4 s.
        assert.match(text, /44 min 38 s/, `hover: ${text}`);
    });

    it('reports no errors for the valid fixture hosting.sla', async () => {
        const document = await openHosting();
        // "No diagnostics" looks the same before and after validation. The server validates
        // the whole workspace folder in one build: once the broken bare-objective.sla has
        // its error, hosting.sla has been validated too.
        const bareObjective = vscode.Uri.joinPath(document.uri, '../bare-objective.sla');
        await waitForDiagnostics(bareObjective, (all) => all.length > 0);
        const errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
        assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    });
});
