// Other data for an evaluation: dataset overrides and invalid rows, through the same
// command and server request as the palette ("Evaluate with Other Data…" adds an override
// picked in dialogs; the settings sla.data.overrides and sla.evaluation.skipInvalidRows
// feed the same two arguments).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';
import { COMMANDS } from '../../commands/command-ids.js';
import { EXTENSION_ID, openFixture, workspaceFolder } from './fixture.js';

const ACME = 'managed-hosting/acme-hosting.sla';
const dataFile = (name: string): string => path.join(workspaceFolder(), 'managed-hosting/data', name);

async function evaluate(options: { dataOverrides?: Record<string, string>; skipInvalid?: boolean }): Promise<Report | undefined> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    const document = await openFixture(ACME);
    return await vscode.commands.executeCommand<Report | undefined>(COMMANDS.evaluate, document.uri, undefined, options);
}

describe('SLA evaluation with other data', () => {
    it('evaluates against a replacement file for a dataset', async () => {
        // incidents-none.csv has the header only. The fixture declares the register complete to 31 March
        // (`complete to`), so no row means no outage: every month is 100 % available and no credit is due.
        // (Without that declaration the months would be 'no data': an empty export is evidence of nothing.)
        const report = await evaluate({ dataOverrides: { incidents: dataFile('incidents-none.csv') } });
        assert.ok(report, 'no report');
        const availability = report.objectives.find((o) => o.kpi === 'Availability')!;
        assert.deepEqual(availability.windows.map((w) => [w.value, w.status]), [[1, 'met'], [1, 'met'], [1, 'met']]);
        assert.equal(report.credits[0]?.total, 0);
        assert.equal(report.datasets.find((d) => d.name === 'incidents')?.path, dataFile('incidents-none.csv'));
    });

    it('refuses a file with an invalid row, and skips it (listed) when asked to', async () => {
        // incidents-one-invalid.csv: the 10 rows of incidents.csv plus line 12 with started = "not-a-time".
        const file = dataFile('incidents-one-invalid.csv');
        const refused = await evaluate({ dataOverrides: { incidents: file }, skipInvalid: false });
        assert.equal(refused, undefined, 'evaluated despite an invalid row');
        const report = await evaluate({ dataOverrides: { incidents: file }, skipInvalid: true });
        assert.ok(report, 'no report with skipInvalid');
        const incidents = report.datasets.find((d) => d.name === 'incidents')!;
        assert.equal(incidents.rejected, 1);
        assert.equal(incidents.rejectedSamples[0]?.line, 12);
        // The valid rows are those of the example: February stays 39,672 / 39,840.
        const february = report.objectives.find((o) => o.kpi === 'Availability')!.windows[1]!;
        assert.ok(Math.abs(february.value! - 39_672 / 39_840) < 1e-9, `February ${february.value}`);
    });
});
