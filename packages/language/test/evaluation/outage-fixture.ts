/**
 * The hosting agreement and its two-hour outages (UTC) shared by the tests of caps on all credits
 * and of allocations: January one (120 of 44,640 minutes down: 99.731 %), February three (360 of
 * 40,320: 99.107 %), March eight (960 of 44,640: 97.849 %).
 */
export const OUTAGE_DAYS = [
    '2026-01-10',
    '2026-02-03', '2026-02-10', '2026-02-17',
    '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'
];

/** `started,resolved` rows (with their header) of two-hour outages on `days`. */
export function outagesCsv(days: readonly string[] = OUTAGE_DAYS): string {
    return `started,resolved\n${days.map(day => `${day}T10:00:00Z,${day}T12:00:00Z`).join('\n')}\n`;
}

/**
 * Hosting for 10,000 EUR a month over the incident register (`incidents.csv`): Availability
 * (uptime, at least 99.9 % a month) and Outages (a count, at most 1 a month), with `terms` after
 * the fee (a cap on all credits) and the two credit blocks as given.
 */
export function hostingAgreement(terms: string, availabilityCredit: string, outagesCredit: string, validFrom = '2026-01-01'): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from ${validFrom} to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month
    ${terms}

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
    kpi Outages "Outages" = count(incidents)
    objective Availability >= 99.9% per calendar month
    objective Outages <= 1 per calendar month
    ${availabilityCredit}
    ${outagesCredit}
}
`;
}

/**
 * Hosting for 10,000 EUR a month (UTC, from 2026 to the end of `validTo`'s day) with one uptime
 * KPI, Availability, over the incident register (`incidents.csv`), and `members` after it
 * (objectives, credits, rights), indented as given.
 */
export function availabilityAgreement(members: string, validTo = '2026-12-31'): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to ${validTo}
    timezone "UTC"
    fee 10000 EUR per calendar month

    dataset incidents "Incidents" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    kpi Availability "Share of time up" = uptime(incidents, from started to resolved)
${members}}
`;
}

/**
 * `started,resolved` rows of one outage a month from January 2026 on (UTC, from the 10th at
 * midnight), `minutes[m]` long in the m-th month (m = 12 is January 2027; none when 0), to the
 * nearest millisecond.
 */
export function monthlyOutagesCsv(minutes: readonly number[]): string {
    const rows = minutes.flatMap((length, index) => {
        if (length === 0) return [];
        const start = Date.UTC(2026, index, 10);
        return [`${new Date(start).toISOString()},${new Date(start + Math.round(length * 60_000)).toISOString()}`];
    });
    return `started,resolved\n${rows.join('\n')}\n`;
}

/**
 * A service desk (UTC, 2026, 10,000 EUR a month) over \`tickets.csv\` (id, severity critical or
 * normal, opened, resolved) with its KPI Failures — the tickets late (open over 36 hours) or
 * critical — and \`members\` after it, indented as given.
 */
export function failuresAgreement(members: string): string {
    return `agreement Desk "Desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 10000 EUR per calendar month

    dataset tickets "Tickets" from "tickets.csv" {
        id       text
        severity one of "critical", "normal"
        opened   timestamp
        resolved timestamp optional
    }

    kpi Failures "Late or critical tickets" = count(tickets where elapsed(opened, resolved) wall-clock > 36 hours or severity = "critical")
${members}}
`;
}
