import { cursorBefore } from './hover-harness.js';

/** A small agreement used by the LSP tests; `<|>` markers are added per test. */
export const AGREEMENT = `agreement Shop "Web shop hosting" {
    provider Contoso "Contoso GmbH"
    customer Acme "Acme Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 12000 EUR per calendar month

    calendar SupportHours "Service desk hours" {
        monday to friday 08:00 to 18:00
    }

    maintenance Patching "Planned maintenance" {
        every sunday 02:00 to 04:00
        notice 72 hours
    }

    dataset requests "Load balancer log" from "data/requests.csv" {
        time      timestamp
        service   text
        latency   duration ms column "latency_ms"
        status    integer
    }

    dataset incidents "Incident register" from "data/incidents.csv" {
        severity  one of "outage", "minor"
        started   timestamp
        resolved  timestamp optional
    }

    dataset tickets "Service desk tickets" from "data/tickets.csv" {
        opened    timestamp
        responded timestamp optional
        priority  one of "P1", "P2", "P3"
    }

    service WebShop "Acme web shop" {
        /** Agreed with Acme's CTO in the 2025 review. */
        kpi Availability "Share of time the shop was up" owner "Platform team" =
            uptime(incidents where severity = "outage", from started to resolved) excluding Patching

        kpi ErrorRate "Share of requests that failed" =
            count(requests where status >= 500) / count(requests)

        kpi P1Response "Time to first response on P1 tickets" =
            percentile(90, elapsed(tickets.opened, tickets.responded) during SupportHours where priority = "P1")

        objective Availability >= 99.9% per calendar month
        objective ErrorRate < 0.5% per rolling 7 days
        objective Availability >= 99.9% per rolling 30 days

        credit for Availability per calendar month, capped at 50% of fee {
            below 99.9% : 10% of fee
            below 99.0% : 25% of fee
        }
    }
}
`;

/** The fixture with a cursor marker placed before the n-th (0-based) occurrence of `needle`. */
export function withCursor(needle: string, occurrence = 0, text = AGREEMENT): string {
    return cursorBefore(text, needle, occurrence);
}

/** The fixture with an uptime KPI that measures every minute of the window (no `excluding`): budgets are shares of the whole window. */
export const AGREEMENT_WITHOUT_EXCLUSIONS = AGREEMENT.replace(' excluding Patching', '');
