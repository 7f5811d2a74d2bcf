/**
 * Generates a realistic agreement of about `lines` lines: shared calendars, maintenance and
 * datasets, then services each with KPIs that read the datasets and use each other,
 * objectives, a credit with tiers and an internal target. Used by the benchmarks.
 */
export function generateAgreement(lines, name = 'Portfolio') {
    const out = [];
    out.push(`agreement ${name} "Generated portfolio agreement" {`);
    out.push(`    provider Contoso "Contoso Managed Services GmbH"`);
    out.push(`    customer Client "Client Corp"`);
    out.push(`    valid from 2026-01-01 to 2026-12-31`);
    out.push(`    timezone "Europe/Berlin"`);
    out.push(`    fee 12000 EUR per calendar month`);
    out.push(`    calendar SupportHours "Service desk hours" {`);
    out.push(`        monday to friday 08:00 to 18:00`);
    out.push(`        except 2026-12-24, 2026-12-25, 2026-12-26`);
    out.push(`    }`);
    out.push(`    maintenance Patching "Planned maintenance" {`);
    out.push(`        every sunday 02:00 to 04:00`);
    out.push(`        notice 72 hours`);
    out.push(`    }`);
    out.push(`    dataset requests "Load balancer access log" from "data/requests.csv" {`);
    out.push(`        time timestamp`, `        service text`, `        latency duration ms column "latency_ms"`, `        status integer`);
    out.push(`    }`);
    out.push(`    dataset incidents "Incident register" from "data/incidents.csv" {`);
    out.push(`        service text`, `        severity one of "outage", "degraded", "minor"`, `        started timestamp`, `        resolved timestamp optional`);
    out.push(`    }`);
    out.push(`    dataset tickets "Service desk tickets" from "data/tickets.csv" {`);
    out.push(`        opened timestamp`, `        responded timestamp optional`, `        priority one of "P1", "P2", "P3", "P4"`, `        service text`);
    out.push(`    }`);
    let index = 0;
    while (out.length < lines - 30) {
        const s = `Service${index}`;
        const id = `svc-${index}`;
        out.push(`    service ${s} "Service number ${index}" {`);
        out.push(`        kpi Availability "Share of eligible time the service was up" =`);
        out.push(`            uptime(incidents where service = "${id}" and severity = "outage", from started to resolved) excluding Patching`);
        out.push(`        kpi P95Latency "95th percentile of successful requests" =`);
        out.push(`            percentile(95, requests.latency where service = "${id}" and status < 500)`);
        out.push(`        kpi Failed "Failed requests" = count(requests where service = "${id}" and status >= 500)`);
        out.push(`        kpi Total "All requests" = count(requests where service = "${id}")`);
        out.push(`        kpi ErrorRate "Share of requests that failed" = Failed / Total`);
        out.push(`        kpi P1Response "Time to first response on P1 tickets" =`);
        out.push(`            percentile(90, elapsed(tickets.opened, tickets.responded) during SupportHours where priority = "P1" and service = "${id}")`);
        out.push(`        objective Availability >= 99.9% per calendar month`);
        out.push(`        objective P95Latency <= 300 ms per calendar month`);
        out.push(`        objective ErrorRate < 0.5% per rolling 7 days`);
        out.push(`        objective P1Response <= 30 minutes per calendar month`);
        out.push(`        credit for Availability per calendar month, capped at 50% of fee {`);
        out.push(`            below 99.9% : 10% of fee`);
        out.push(`            below 99.0% : 25% of fee`);
        out.push(`        }`);
        out.push(`        internal target Availability >= 99.95% per calendar month owner "Platform team"`);
        out.push(`    }`);
        index++;
    }
    out.push(`}`);
    return out.join('\n') + '\n';
}
