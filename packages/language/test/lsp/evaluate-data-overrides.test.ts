/**
 * The replacement files of `sla.evaluate`. A file with agreements Alpha (dataset `incidents`)
 * and Beta (dataset `betaIncidents`): an override for `betaIncidents` sent without naming Beta
 * was ignored (Alpha evaluated on its own file, nothing said); it is refused now, as
 * `sla evaluate --data` refuses it. The editor's settings (`sharedDataOverrides`) hold for every
 * agreement: one naming another agreement's dataset is no mistake, one naming no dataset of the
 * workspace (misspelt) is refused.
 *
 * January 2026 has 31 × 1,440 = 44,640 minutes. beta.csv: one outage 00:00–12:24 on the 10th,
 * 744 minutes: 43,896 / 44,640 = 59/60 = 98.333… %. beta2.csv: 00:00–06:12, 372 minutes:
 * 44,268 / 44,640 = 119/120 = 99.1666… %. alpha.csv: an outage of no length: 100 %.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, test } from 'vitest';
import type { EvaluateCommandArguments, EvaluateCommandResult } from '../../src/lsp/sla-execute-command-handler.js';
import { loadSlaFiles } from '../../src/node.js';

const agreement = (name: string, dataset: string, file: string) => `agreement ${name} "${name}" {
    provider P "Prov"
    customer C "${name} Customer"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset ${dataset} "${name} incidents" from "data/${file}" {
        started   timestamp
        resolved  timestamp optional
    }
    service Web "Web" {
        kpi Availability "Up" = uptime(${dataset}, from started to resolved)
        objective Availability >= 99.9% per calendar month
    }
}
`;

describe('the data overrides of sla.evaluate', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'sla-overrides-'));
    mkdirSync(path.join(folder, 'data'));
    const csv = (name: string, resolved: string) => {
        writeFileSync(path.join(folder, 'data', name), `started,resolved\n2026-01-10T00:00:00Z,${resolved}\n`);
        return path.join(folder, 'data', name);
    };
    csv('alpha.csv', '2026-01-10T00:00:00Z');
    const beta = csv('beta.csv', '2026-01-10T12:24:00Z');
    const beta2 = csv('beta2.csv', '2026-01-10T06:12:00Z');
    const file = path.join(folder, 'two.sla');
    writeFileSync(file, `${agreement('Alpha', 'incidents', 'alpha.csv')}\n${agreement('Beta', 'betaIncidents', 'beta.csv')}`);
    const { services } = await loadSlaFiles([file]);
    await services.shared.workspace.WorkspaceManager.initializeWorkspace([]);
    const handler = services.shared.lsp.ExecuteCommandHandler!;
    const evaluate = (args: Partial<EvaluateCommandArguments>) => handler.executeCommand('sla.evaluate', [{
        uri: URI.file(file).toString(), from: '2026-01-01', to: '2026-01-31', now: '2026-06-01T00:00:00Z', ...args
    }]) as Promise<EvaluateCommandResult>;
    const january = (result: EvaluateCommandResult) => (result.ok ? [result.report.agreement, result.report.objectives[0]!.windows[0]!.value, result.report.datasets.map(d => d.path)] : result.message);

    test('without overrides each agreement reads its own file (unaffected)', async () => {
        expect(january(await evaluate({}))).toEqual(['Alpha', 1, [path.join(folder, 'data', 'alpha.csv')]]);
        const own = await evaluate({ agreement: 'Beta' });
        expect(own.ok && own.report.agreement).toBe('Beta');
        if (own.ok) expect(own.report.objectives[0]!.windows[0]!.value).toBeCloseTo(59 / 60, 12);
    });

    test('an override naming a dataset the agreement does not have is refused, not ignored', async () => {
        // No agreement named: Alpha, the first, which has no dataset betaIncidents.
        expect(await evaluate({ dataOverrides: { betaIncidents: beta2 } })).toEqual({
            ok: false, problems: [],
            message: `Alpha has no dataset 'betaIncidents' to read from ${beta2}. Did you mean 'incidents'? Its datasets, nearest first: incidents.`
        });
        const replaced = await evaluate({ agreement: 'Beta', dataOverrides: { betaIncidents: beta2 } });
        expect(replaced.ok && replaced.report.datasets.map(d => d.path)).toEqual([beta2]);
        if (replaced.ok) expect(replaced.report.objectives[0]!.windows[0]!.value).toBeCloseTo(119 / 120, 12);
    });

    test('shared overrides apply where the agreement has the dataset; a name no agreement declares is refused', async () => {
        expect(january(await evaluate({ sharedDataOverrides: { betaIncidents: beta2 } }))).toEqual(['Alpha', 1, [path.join(folder, 'data', 'alpha.csv')]]);
        const beta = await evaluate({ agreement: 'Beta', sharedDataOverrides: { betaIncidents: beta2 } });
        expect(beta.ok && beta.report.datasets.map(d => d.path)).toEqual([beta2]);
        expect(await evaluate({ agreement: 'Beta', sharedDataOverrides: { betaIncidnets: beta2 } })).toEqual({
            ok: false, problems: [],
            message: `The data overrides of the editor's settings name a dataset 'betaIncidnets' (to read from ${beta2}) that no agreement of the workspace declares.`
                + ` Did you mean 'betaIncidents'? The workspace's datasets, nearest first: betaIncidents, incidents.`
        });
    });

    test('the caller\'s own override wins over the shared one', async () => {
        const result = await evaluate({ agreement: 'Beta', sharedDataOverrides: { betaIncidents: beta }, dataOverrides: { betaIncidents: beta2 } });
        expect(result.ok && result.report.datasets.map(d => d.path)).toEqual([beta2]);
    });
});
