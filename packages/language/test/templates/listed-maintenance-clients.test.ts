import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePortfolioDocuments, portfolioAgreements } from '../../src/evaluation/evaluate-portfolio.js';
import { loadSlaFiles } from '../../src/node.js';

/**
 * A template's maintenance listed in a shared change log with a client column: each client's
 * scope keeps its own periods, so one client's announced maintenance never excuses another's
 * outage. UTC, March 2026 (44,640 min); notice 48 hours.
 *
 * Northwind: maintenance 8 March 02:00–04:00 announced 1 March (counts, 120 min); its outage
 * 8 March 02:30–03:30 is inside it. Eligible 44,520 min, no downtime: 100 %.
 * Contoso: no maintenance of its own; its outage 8 March 02:30–03:30 (during Northwind's period)
 * is 60 min of 44,640; its period of 15 March announced 20 hours ahead is late.
 * Contoso: 44,580 / 44,640.
 */
const CATALOGUE = `template Hosting "Managed hosting" {
    dataset changes "Change log of every client" from "changes.csv" {
        client    text
        start     timestamp
        end       timestamp
        announced timestamp optional
    }
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    maintenance Announced "Scheduled maintenance, announced 48 hours ahead" {
        periods(changes, from start to end, announced at announced)
        notice 48 hours
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved) excluding Announced
    objective Uptime >= 99.9% per calendar month
}
`;
const client = (name: string, scope: string) => `import "catalogue.sla"
agreement ${name} from Hosting {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "${scope}"
}
`;

describe('maintenance listed in a shared change log, per client', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-listed-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), CATALOGUE);
    fs.writeFileSync(path.join(folder, 'changes.csv'), `client,start,end,announced
northwind,2026-03-08T02:00:00Z,2026-03-08T04:00:00Z,2026-03-01T09:00:00Z
contoso,2026-03-15T02:00:00Z,2026-03-15T03:00:00Z,2026-03-14T06:00:00Z
`);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), `client,started,resolved
northwind,2026-03-08T02:30:00Z,2026-03-08T03:30:00Z
contoso,2026-03-08T02:30:00Z,2026-03-08T03:30:00Z
`);
    fs.writeFileSync(path.join(folder, 'northwind.sla'), client('Northwind', 'northwind'));
    fs.writeFileSync(path.join(folder, 'contoso.sla'), client('Contoso', 'contoso'));
    const { documents, services } = await loadSlaFiles([path.join(folder, 'northwind.sla'), path.join(folder, 'contoso.sla')], { validate: true });
    const portfolio = await evaluatePortfolioDocuments(portfolioAgreements(documents), services, { from: '2026-03-01', to: '2026-03-31', now: Date.UTC(2027, 0, 1) });
    const reportOf = (agreement: string) => portfolio.entries.find(entry => entry.agreement === agreement)!.report;

    it('each client\'s maintenance excuses only its own outages', () => {
        expect(reportOf('Northwind').objectives[0]!.windows.map(w => w.value)).toEqual([1]);
        expect(reportOf('Contoso').objectives[0]!.windows.map(w => w.value)).toEqual([44_580 / 44_640]);
    });

    it('each client\'s report lists its own periods, the late one included', () => {
        expect(reportOf('Northwind').listedMaintenance).toMatchObject([{ rows: 1, periods: 1, counted: 1, lateNotice: [] }]);
        expect(reportOf('Contoso').listedMaintenance).toMatchObject([{ rows: 1, periods: 1, counted: 0, lateNotice: [{ line: 3, ahead: '20 h' }] }]);
    });
});
