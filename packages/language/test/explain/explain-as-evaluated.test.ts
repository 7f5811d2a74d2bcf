/**
 * What `sla explain` says is what the engine computes: credit amounts on the fee of the credit's
 * window (prorated as evaluate/credit-fee.ts does), allowances of windows cut by the validity on
 * their part inside it, the calendars, maintenance and datasets of an imported file, and the
 * wording of 0 % and 100 % targets. Figures worked out by hand and checked against
 * `sla evaluate --format json` on the same agreements.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

async function explain(text: string, documentUri?: string): Promise<string> {
    const document = await parse(text, documentUri ? { documentUri } : undefined);
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

function agreement(head: string, service: string): string {
    return `agreement A "a" {
    provider P "p"
    customer C "c"
${head}
    timezone "UTC"

    maintenance Patch "Patch" {
        every sunday 02:00 to 04:00
    }

    dataset incidents "Outages" from "incidents.csv" {
        started   timestamp
        resolved  timestamp optional
    }

    service S "s" {
${service}
    }
}
`;
}

describe('credit amounts on the fee of the credit window', () => {
    test('a quarterly credit on a monthly fee: 3 × 12,000 = 36,000 EUR a quarter (the engine\'s fee 36000, amount 7200)', async () => {
        const text = await explain(agreement('    valid from 2026-01-01 to 2026-12-31\n    fee 12000 EUR per calendar month', `        kpi Up "up" = uptime(incidents, from started to resolved)
        objective Up >= 99.5% per calendar quarter
        credit for Up per calendar quarter, capped at 30% of fee {
            below 99.5% : 10% of fee
            below 99% : 20% of fee
        }`));
        expect(text).toContain('- If Up is below 99%, the customer receives 20% of the quarter\'s fee, 36,000.00 EUR (3 × the fee of 12,000.00 EUR per calendar month): 7,200.00 EUR.');
        expect(text).toContain('Credits are capped per credit window at 30% of the quarter\'s fee, 36,000.00 EUR (3 × the fee of 12,000.00 EUR per calendar month): 10,800.00 EUR.');
        // Once it said 20 % of the monthly fee, 2,400 EUR, and a cap of 3,600 EUR.
        expect(text).not.toContain('(2,400.00 EUR)');
        expect(text).not.toContain('(3,600.00 EUR) per credit window');
    });

    test('monthly credits on a yearly fee: prorated by elapsed time, February 144,000 × 28/365 (20 %: 2,209.32 EUR, as paid)', async () => {
        const text = await explain(agreement('    valid from 2026-01-01 to 2026-12-31\n    fee 144000 EUR per calendar year', `        kpi Up "up" = uptime(incidents, from started to resolved)
        objective Up >= 99.5% per calendar month
        credit for Up per calendar month, capped at 30% of fee {
            below 99.5% : 10% of fee
            below 99% : 20% of fee
        }`));
        // 144,000 × 28/365 = 11,046.575… → 20 %: 2,209.315… → 2,209.32; × 31/365 = 12,230.137… → 2,446.027… → 2,446.03.
        expect(text).toContain('- If Up is below 99%, the customer receives 20% of the month\'s share of the fee of 144,000.00 EUR per calendar year, prorated by elapsed time '
            + '(144,000.00 EUR × the month\'s length ÷ the year\'s): from 2,209.32 EUR in February 2026 to 2,446.03 EUR in a 31-day month.');
        // 30 %: 3,313.972… and 3,669.041…
        expect(text).toContain('Credits are capped per credit window at 30% of the month\'s share of the fee of 144,000.00 EUR per calendar year, prorated by elapsed time '
            + '(144,000.00 EUR × the month\'s length ÷ the year\'s): from 3,313.97 EUR in February 2026 to 3,669.04 EUR in a 31-day month.');
        expect(text).not.toContain('28,800.00 EUR');
    });

    test('windows cut by the validity are paid on the fee of their part inside it (3,100 × 17/31 = 1,700; × 10/30 = 1,033.33)', async () => {
        const text = await explain(agreement('    valid from 2026-01-15 to 2026-06-10\n    fee 3100 EUR per calendar month', `        kpi Up "up" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month
        credit for Up per calendar month {
            below 99.9% : 10% of fee
        }`));
        expect(text).toContain('- If Up is below 99.9%, the customer receives 10% of the fee (310.00 EUR).');
        expect(text).toContain('A window cut by the validity is paid on the fee of its part inside the validity, prorated by elapsed time, and caps in % of fee are shares of that fee: '
            + 'January 2026, its 17 days from 15 January 2026: 1,700.00 EUR; June 2026, its 10 days until 10 June 2026: 1,033.33 EUR.');
    });
});

describe('downtime allowances of windows cut by the validity', () => {
    const head = '    valid from 2026-01-15 to 2026-06-10\n    fee 3100 EUR per calendar month';

    test('with maintenance excluded: January counted from the 15th, 24,240 eligible minutes (the engine\'s), not 44,160', async () => {
        const text = await explain(agreement(head, `        kpi Up "up" = uptime(incidents, from started to resolved) excluding Patch
        objective Up >= 99.9% per calendar month`));
        // 15–31 January: 17 × 1,440 − 2 Sundays × 120 = 24,240 min → 24.24 min; 1–10 June: 14,400 − 120 = 14,280 → 14.28 min.
        expect(text).toContain('That allows at most 44 min 2 s of downtime in March and May 2026 (44,040 eligible minutes each); 42 min 43 s in April 2026 (42,720 eligible minutes); '
            + '39 min 50 s in February 2026 (39,840 eligible minutes); 24 min 14 s in January 2026, cut by the validity to its days from 15 January 2026 (24,240 eligible minutes); '
            + '14 min 16 s in June 2026, cut by the validity to its days until 10 June 2026 (14,280 eligible minutes).');
        expect(text).not.toContain('44,160');
    });

    test('without exclusions: the 17 days of January, not a 31-day month', async () => {
        const text = await explain(agreement(head, `        kpi Up "up" = uptime(incidents, from started to resolved)
        objective Up >= 99.9% per calendar month`));
        // 17 days = 24,480 min → 24.48 min = 24 min 28 s; 10 days = 14,400 min → 14 min 24 s.
        expect(text).toContain('That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, '
            + '24 min 28 s in January 2026, cut by the validity to its 17 days from 15 January 2026, 40 min 19 s in February 2026, '
            + '14 min 24 s in June 2026, cut by the validity to its 10 days until 10 June 2026).');
    });
});

describe('declarations of an imported file', () => {
    const SHARED = `calendar Desk "Desk hours" {
    monday to friday 07:00 to 19:00
}

maintenance SundayPatching "Weekly patching" {
    every sunday 02:00 to 04:00
    notice 5 days
}

dataset incidents "Incident register" from "data/incidents.csv" {
    started   timestamp
    resolved  timestamp optional
}

dataset tickets "Tickets" from "data/tickets.csv" {
    opened    timestamp
    responded timestamp optional
}
`;

    test('an agreement importing them: the same sections as inline, each saying where it is declared', async () => {
        await parse(SHARED, { documentUri: 'file:///ws/shared/contoso-shared.sla' });
        const text = await explain(`import "shared/contoso-shared.sla"

agreement Client "c" {
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    service S "s" {
        kpi Up "up" = uptime(incidents, from started to resolved) excluding SundayPatching
        kpi Response "r" = max(elapsed(tickets.opened, tickets.responded) during Desk)
        objective Up >= 99.9% per calendar month
        objective Response <= 30 minutes per calendar month
    }
}
`, 'file:///ws/client.sla');
        expect(text).toContain('## Working calendars\n\n**Calendar Desk** — Desk hours (declared in `shared/contoso-shared.sla`)\n\n- Monday to Friday, 07:00 to 19:00\n\nTimes are Europe/Berlin time.');
        expect(text).toContain('## Maintenance\n\n**Maintenance SundayPatching** — Weekly patching (declared in `shared/contoso-shared.sla`)\n\n- Every Sunday, 02:00 to 04:00\n- Announced 5 days in advance');
        expect(text).toContain('## Data\n\n**Dataset incidents** — Incident register (declared in `shared/contoso-shared.sla`)\n\n- File: `data/incidents.csv` (csv), relative to `shared/contoso-shared.sla`');
        expect(text).toContain('**Dataset tickets** — Tickets (declared in `shared/contoso-shared.sla`)');
        expect(text).toContain('- **Maintenance window**:');
    });

    test('a client of a template: the catalogue\'s calendar its parameter defaults to', async () => {
        await parse(`dataset tickets "Tickets" from "data/tickets.csv" {
    opened    timestamp
    responded timestamp optional
}

calendar OfficeHours "Mon–Fri 08–18" {
    monday to friday 08:00 to 18:00
}

template Hosting "Hosting" {
    parameter supportHours calendar default OfficeHours
    provider Contoso "Contoso"
    service H "h" {
        kpi Response "r" = max(elapsed(tickets.opened, tickets.responded) during supportHours)
        objective Response <= 30 minutes per calendar month
    }
}
`, { documentUri: 'file:///ws/catalogue.sla' });
        const text = await explain(`import "catalogue.sla"

agreement Northwind "n" from Hosting {
    customer N "Northwind"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 4000 EUR per calendar month
}
`, 'file:///ws/northwind.sla');
        expect(text).toContain('## Working calendars\n\n**Calendar OfficeHours** — Mon–Fri 08–18 (declared in `catalogue.sla`)\n\n- Monday to Friday, 08:00 to 18:00\n\nTimes are Europe/Berlin time.');
        expect(text).toContain('**Dataset tickets** — Tickets (declared in `catalogue.sla`)');
    });
});

describe('targets of 0 % and 100 %', () => {
    test('read as what they allow, not "0 in 1" or "fewer than 1 in 1"', async () => {
        const text = await explain(agreement('    valid from 2026-01-01 to 2026-12-31', `        kpi Err "e" = count(incidents where resolved = started) / count(incidents)
        objective Err <= 0% per calendar month
        objective Err < 100% per calendar month
        objective Err >= 100% per calendar month
        objective Err > 0% per calendar month`));
        expect(text).toContain('Err is at most 0% in every calendar month (UTC time). That allows none of the incidents at all: a single one counted breaches it.');
        expect(text).toContain('Err is less than 100% in every calendar month (UTC time). That is fewer than all of the incidents: it is breached only when every one of them is counted.');
        expect(text).toContain('Err is at least 100% in every calendar month (UTC time). That leaves no error budget: not a single one of the incidents may miss.');
        expect(text).toContain('Err is more than 0% in every calendar month (UTC time). That leaves an error budget of all but one: not every one of the incidents may miss.');
        expect(text).not.toMatch(/\b[01] in 1(?![,\d])/);
    });
});
