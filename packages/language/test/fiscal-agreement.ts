/**
 * An agreement measured per fiscal quarter (a fiscal year from February, as Slack's), shared by the
 * evaluation and hover tests of fiscal windows: validity November 2025 – October 2026, so its
 * fiscal quarters are November–January (92 days), February–April (89), May–July and August–October (92).
 */
export const FISCAL_CHAT = `agreement Chat "Team chat" {
    provider P "Provider Inc"
    customer C "Customer Inc"
    valid from 2025-11-01 to 2026-10-31
    timezone "UTC"
    fiscal year from february
    fee 15000 USD per calendar year
    dataset incidents "Outages" from "incidents.csv" {
        started timestamp
        resolved timestamp optional
    }
    service Slack "Slack" {
        kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
        objective Uptime >= 99.99% per fiscal quarter
        credit for Uptime per fiscal quarter, capped at 100% of fee {
            below 99.99% : 10 * downtime / window * fee
        }
    }
}
`;
