/**
 * A catalogue whose template T takes its zone, fee, availability and support hours as parameters
 * (each used in one line a client may replace with its own), and a client of it: the shared fixture
 * of the tests of arguments without effect (validation, completion).
 */
export function catalogue(templateMember = ''): string {
    return `calendar OfficeHours "Office hours" {
    monday to friday 09:00 to 17:00
}

calendar ExtendedHours "Extended hours" {
    monday to saturday 07:00 to 20:00
}

template T "Offering" {
    parameter zone timezone default "Europe/Berlin"
    parameter monthlyFee money default 5000 EUR
    parameter availability percentage default 99.9 %
    parameter supportHours calendar default OfficeHours
    provider P "Provider"
    timezone zone${templateMember}
    fee monthlyFee per calendar month
    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    dataset tickets "Tickets" from "tickets.csv" {
        opened timestamp
        responded timestamp
    }
    service S "Service" {
        kpi A "Availability" = uptime(incidents, from started to resolved)
        kpi R "Response" = percentile(90, elapsed(tickets.opened, tickets.responded) during supportHours)
        objective A >= availability per calendar month
        objective R <= 4 hours per calendar month
        credit for A per calendar month, capped at 50 % of fee {
            below availability: 10 % of fee
        }
    }
}
`;
}

export const clientText = (lines: string): string => `import "catalogue.sla"

agreement C "Client" from T {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
${lines}
}
`;
