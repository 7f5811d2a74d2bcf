import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';
import { evaluateDocument } from '../../src/evaluation/evaluate-document.js';

/**
 * A catalogue's at-risk amount with a pool and allocations as parameters, per client: the
 * template's defaults add up to 40 % + 60 % = 100 % of a 150 % pool. A client's argument or its
 * own credit that takes the sum above the pool is told so where it wrote it.
 */
const CATALOGUE = `template Workplace "Managed workplace" {
    parameter atRisk percentage default 12%
    parameter poolShare percentage default 150%
    parameter availabilityShare percentage default 40%
    credits capped at atRisk of fee per calendar month, pool poolShare
    dataset incidents "Outages" from "incidents.csv" {
        started  timestamp
        resolved timestamp optional
    }
    kpi Availability "Uptime" = uptime(incidents, from started to resolved)
    kpi Outages "Outages" = count(incidents)
    objective Availability >= 99.8% per calendar month
    objective Outages <= 1 per calendar month
    credit for Availability per calendar month {
        below 99.8% : availabilityShare of at-risk amount
    }
    credit for Outages per calendar month {
        above 1 : 60% of at-risk amount
    }
}
`;
const client = (name: string, own: string) => `import "catalogue.sla"
agreement ${name} "${name}" from Workplace {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month
${own}
}
`;
const CLIENTS: Record<string, string> = {
    // line 8 (0-based 7): `    with availabilityShare = 100%`, the value at column 29
    Lakeside: '    with availabilityShare = 100%',
    // within the pool: 40 % + 60 % of a 250 % pool
    Harbor: '    with poolShare = 250%',
    // its own credit: 40 + 60 + 70 = 170 % > 150 %; its tier on line 11 (0-based 10), the amount at column 18
    Pier: '    kpi Late "Late outages" = count(incidents)\n    objective Late <= 0 per calendar month\n    credit for Late per calendar month {\n        above 0 : 70% of at-risk amount\n    }',
    // a smaller at-risk amount: the allocations' money follows it (40 % of 8 % of 10,000 EUR = 320 EUR)
    Dune: '    with atRisk = 8%',
    // a pool without its unit (line 8, 0-based 7; the value at column 21)
    Bare: '    with poolShare = 250'
};

describe('allocations of a catalogue\'s at-risk amount', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-allocation-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    // February: one outage of six hours (360 of 40,320 minutes: 99.107 %, below 99.8 %).
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'started,resolved\n2026-02-10T10:00:00Z,2026-02-10T16:00:00Z\n');
    const files = Object.entries(CLIENTS).map(([name, own]) => {
        const file = path.join(folder, `${name.toLowerCase()}.sla`);
        fs.writeFileSync(file, client(name, own));
        return file;
    });
    const { documents, services } = await loadSlaFiles([path.join(folder, 'catalogue.sla'), ...files]);
    const diagnosticsOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`${name}.sla`))!.diagnostics ?? [];

    it('the template with its defaults is within its pool', () => {
        expect(diagnosticsOf('catalogue')).toEqual([]);
    });

    it('an argument that takes the allocations above the pool: at the argument, the template\'s pool as related information', () => {
        const diagnostics = diagnosticsOf('lakeside');
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/credit-allocation', 7, 29]]);
        expect(diagnostics[0]!.message).toBe("With availabilityShare = 100%: The credits' allocations add up to 160% of the at-risk amount (Availability 100%, Outages 60%), more than the pool of 150%. Lower an allocation or raise the pool.");
        expect(diagnostics[0]!.relatedInformation?.[0]?.location.uri).toBe(URI.file(path.join(folder, 'catalogue.sla')).toString());
        expect(diagnostics[0]!.relatedInformation?.[0]?.location.range.start.line).toBe(4);
    });

    it('a client\'s own allocation above the pool: at that allocation', () => {
        const diagnostics = diagnosticsOf('pier');
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/credit-allocation', 10, 18]]);
        expect(diagnostics[0]!.message).toContain('add up to 170% of the at-risk amount (Availability 40%, Outages 60%, Late 70%), more than the pool of 150%');
    });

    it('a larger pool or a smaller at-risk amount keeps the allocations within the pool', () => {
        expect(diagnosticsOf('harbor')).toEqual([]);
        // A smaller at-risk amount is a loosening of the cap (as without allocations), not a pool problem.
        expect(diagnosticsOf('dune').map(d => d.code)).toEqual(['sla/template-loosened']);
    });

    it('a client\'s allocation is of its own at-risk amount', async () => {
        const dune = documents.find(d => d.uri.fsPath.endsWith('dune.sla'))!;
        const report = await evaluateDocument(dune, services, { from: '2026-02-01', to: '2026-02-28', now: Date.UTC(2027, 0, 1) });
        // 40 % of 8 % = 3.2 % of 10,000 EUR = 320 EUR.
        expect(report.credits[0]!.windows[0]).toMatchObject({ allocation: 40, percentOfFee: 3.2, amount: 320 });
    });

    it('a template\'s problem in a client\'s file carries no quick fix: its edits are the template\'s text', () => {
        const diagnostics = diagnosticsOf('bare');
        // The argument's type, once: the pool's unit it leaves missing (with a fix 'Add %' in the template's own diagnostics) is not said again.
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/template-argument-type', 7, 21]]);
        for (const diagnostic of diagnostics) expect((diagnostic.data as { fixes?: unknown } | undefined)?.fixes).toBeUndefined();
    });
});
