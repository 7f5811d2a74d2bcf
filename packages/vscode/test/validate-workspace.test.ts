/**
 * Validate Workspace counts the language server's diagnostics of the .sla files, not every
 * diagnostic VS Code holds for them: an evaluation's `sla/breached` warning, or another
 * extension's (a spell checker's) warning, was counted as a validation warning.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticSeverity, host, type Uri } from './vscode-stand-in.js';

vi.mock('vscode', () => import('./vscode-stand-in.js'));

const { validateWorkspace } = await import('../src/commands/validate-workspace.js');

const log = { info: () => undefined, warn: () => undefined } as never;
const diagnostic = (severity: number, source: string, code: string) => ({ severity, source, code, message: code });

async function validate(server: Map<string, unknown[]>) {
    const client = { diagnostics: { get: (uri: Uri) => server.get(uri.toString()) } };
    const summary = validateWorkspace(log, client as never);
    // The files' diagnostics settle after 1.5 s without a change.
    await vi.advanceTimersByTimeAsync(1_600);
    return await summary;
}

describe('Validate Workspace', () => {
    beforeEach(() => {
        host.reset();
        vi.useFakeTimers();
    });
    afterEach(() => vi.useRealTimers());

    it('counts only the server\'s diagnostics: 1 error and 1 warning, not the breach and the spell checker\'s', async () => {
        const a = host.open('/work/a.sla', '');
        const b = host.open('/work/b.sla', '');
        host.files = [a, b];
        const error = diagnostic(DiagnosticSeverity.Error, 'sla', 'sla/unknown-kpi');
        const warning = diagnostic(DiagnosticSeverity.Warning, 'sla', 'sla/vague-term');
        const breach = diagnostic(DiagnosticSeverity.Warning, 'SLA evaluation', 'sla/breached');
        const spelling = diagnostic(DiagnosticSeverity.Warning, 'cSpell', 'unknown-word');
        // What Problems holds: a.sla 1 error + 1 breach, b.sla 1 warning + 1 spelling; before the fix 1 error, 3 warnings.
        host.allDiagnostics.set(a.toString(), [error, breach]);
        host.allDiagnostics.set(b.toString(), [warning, spelling]);
        const server = new Map<string, unknown[]>([[a.toString(), [error]], [b.toString(), [warning]]]);
        expect(await validate(server)).toEqual({ files: 2, errors: 1, warnings: 1, filesWithErrors: 1 });
    });

    it('a workspace whose only diagnostics are the server\'s counts them all (unaffected)', async () => {
        const a = host.open('/work/a.sla', '');
        host.files = [a];
        const own = [diagnostic(DiagnosticSeverity.Error, 'sla', 'x'), diagnostic(DiagnosticSeverity.Error, 'sla', 'y'), diagnostic(DiagnosticSeverity.Warning, 'sla', 'z')];
        host.allDiagnostics.set(a.toString(), own);
        expect(await validate(new Map([[a.toString(), own]]))).toEqual({ files: 1, errors: 2, warnings: 1, filesWithErrors: 1 });
    });
});
