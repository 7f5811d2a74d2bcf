import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementModelOf } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';

/** A template's `fiscal year from …` is its clients', unless a client declares its own. */
const CATALOGUE = `template Chat "Team chat" {
    fiscal year from february
    dataset incidents "Outages" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per fiscal quarter
}
`;
const client = (name: string, extra = '') => `import "catalogue.sla"
agreement ${name} from Chat {
    provider P "Provider Inc"
    customer C "${name} Inc"
    valid from 2026-02-01 to 2027-01-31
    timezone "UTC"${extra}
}
`;

describe('fiscal years of client agreements', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-fiscal-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n');
    fs.writeFileSync(path.join(folder, 'northwind.sla'), client('Northwind'));
    fs.writeFileSync(path.join(folder, 'contoso.sla'), client('Contoso', '\n    fiscal year from july'));
    const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla'), path.join(folder, 'contoso.sla')], { validate: true });
    const modelOf = (file: string) => agreementModelOf(documents.find(d => d.uri.fsPath.endsWith(file))!, services);

    it('without its own, a client counts in the template\'s fiscal year', () => {
        expect(modelOf('northwind.sla').objectives[0]!.window).toEqual({ kind: 'calendar', unit: 'quarter', yearStartMonth: 2 });
    });

    it('a client\'s own fiscal year replaces the template\'s', () => {
        expect(modelOf('contoso.sla').objectives[0]!.window).toEqual({ kind: 'calendar', unit: 'quarter', yearStartMonth: 7 });
    });

    it('neither is an error', () => {
        const errors = documents.flatMap(d => (d.diagnostics ?? []).filter(x => x.severity === 1).map(x => `${d.uri.fsPath}: ${x.message}`));
        expect(errors).toEqual([]);
    });
});
