// Workspace Trust: the test host runs trusted (--disable-workspace-trust), so the refusal
// is checked on the guard every evaluation goes through.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { evaluationBlockedReason } from '../../settings/workspace-trust.js';
import { resolveDataOverrides } from '../../settings/sla-settings.js';

describe('SLA evaluation settings and trust', () => {
    it('refuses evaluation in an untrusted workspace and says why and how to trust it', () => {
        const reason = evaluationBlockedReason(false);
        assert.ok(reason);
        assert.match(reason, /reads the data files/);
        assert.match(reason, /Manage Workspace Trust/);
        assert.equal(evaluationBlockedReason(true), undefined);
    });

    it('declares the settings and limited support for untrusted workspaces', () => {
        const manifest = vscode.extensions.getExtension('sla-lang.sla-vscode')!.packageJSON as {
            capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
            contributes: { configuration: { properties: Record<string, unknown> } };
        };
        assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
        assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(),
            ['sla.cli.path', 'sla.connections', 'sla.data.allowedFolders', 'sla.data.overrides', 'sla.evaluation.evaluateOnSave', 'sla.evaluation.skipInvalidRows', 'sla.trace.server', 'sla.vagueTerms']);
        // Settings that make the tools read files, open a connection or run a command are ignored until the workspace is trusted.
        assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['sla.data.overrides', 'sla.data.allowedFolders', 'sla.cli.path', 'sla.connections']);
    });

    it('resolves data overrides against the workspace folder and ignores non-paths', () => {
        assert.deepEqual(resolveDataOverrides({ incidents: 'exports/q2.csv', tickets: '/abs/t.csv', bad: 3, empty: ' ' }, '/ws'),
            { incidents: '/ws/exports/q2.csv', tickets: '/abs/t.csv' });
    });
});
