// The .sla files of `npm run bench:portfolio` (portfolio.bench.mjs): a catalogue with one
// template (docs/language-reference.md § 18) over the shared request log, incident register and
// ticket export, and one client agreement per client instantiating it — its own parties,
// validity, time zone, fee, client scope and arguments, some tightening a target, replacing
// the credit tiers or adding a service. `--plain` writes the former plain agreements instead
// (each a full copy with `client scope`), for comparison.
//
// The clients' figures are the ones the bench's DuckDB cross-check computes (requests, success
// share, p95 latency, mean P1 response per client and month in the client's zone): the
// template's KPIs are those of the plain agreement, and no client changes a KPI, only targets.
// portfolio-catalogue.test.ts checks at a small size that the files validate cleanly and resolve
// as the cross-check assumes.
//
// `npm run bench:lsp -- --only portfolio` (portfolio-lsp.bench.mjs) keeps a catalogue of its own:
// it measures the editor on the language's template features (a calendar parameter, `during`,
// a percentile of response times, the example catalogue's shape) over empty data files, and its
// edits and figures are tied to that text; this one is the evaluation's, over the request log.

export const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const CURRENCIES = { 'Europe/Berlin': 'EUR', 'America/New_York': 'USD', 'Asia/Tokyo': 'JPY', UTC: 'GBP' };

/**
 * The clients `c000` … : four zones in turn, the plain agreements' currency (EUR, USD in turn)
 * and, for the catalogue, each client's own currency and fee, first month and arguments.
 */
export function benchClients(count) {
    return Array.from({ length: count }, (_, i) => {
        const zone = ZONES[i % ZONES.length];
        const currency = CURRENCIES[zone];
        const base = 800 + ((i * 37) % 40) * 50; // 800 … 2,750 a month
        return {
            index: i,
            id: `c${String(i).padStart(3, '0')}`,
            zone,
            plainCurrency: i % 2 === 0 ? 'EUR' : 'USD',
            currency,
            fee: currency === 'JPY' ? base * 150 : base,
            // One client in ten joined on 1 April (a month boundary in every zone: whole windows).
            validFrom: i % 10 === 9 ? '2026-04-01' : '2026-01-01',
            firstMonth: i % 10 === 9 ? '2026-04' : '2026-01'
        };
    });
}

// ---------------------------------------------------------------- shared text
/** The shared datasets, as the catalogue declares them (`data`: the data files' folder). */
function datasetsText(data) {
    return `/** The request log of all clients, one row per request (UTC). */
dataset requests "Request log, all clients" from "${data}requests.csv" {
    time    timestamp
    client  text
    service text
    latency duration ms column "latency_ms"
    status  integer
}

/** The incident register of all clients. */
dataset incidents "Incident register, all clients" from "${data}incidents.csv" {
    client   text
    service  text
    started  timestamp
    resolved timestamp optional
}

/** The service desk's tickets of all clients. */
dataset tickets "Service desk tickets, all clients" from "${data}tickets.csv" {
    client    text
    opened    timestamp
    responded timestamp optional
    priority  one of "P1", "P2", "P3"
}`;
}

/** The offering's service with its terms: parameter names in the template, values in a plain agreement. */
function hostingServiceText({ success, p95Latency, availability, p1Response, tier1Credit }) {
    return `    service Hosting "Managed hosting" {
        kpi Requests "Requests" = count(requests)
        kpi Success "Requests answered below 500" = share(requests where status < 500 of requests)
        kpi P95Latency "95th percentile latency" = percentile(95, requests.latency)
        kpi Availability "Hosting availability" = uptime(incidents where service = "hosting", from started to resolved)
        kpi P1Response "Mean P1 response time" = avg(elapsed(tickets.opened, tickets.responded) wall-clock where priority = "P1")

        objective Requests >= 1 per calendar month
        objective Success >= ${success} per calendar month
        objective P95Latency <= ${p95Latency} per calendar month
        objective Availability >= ${availability} per calendar month
        objective P1Response <= ${p1Response} per calendar month
        // The provider's own early warning: at least as strict as any client's success promise.
        internal target Success >= 99.5 % per calendar month owner "Hosting SRE"

        credit for Availability per calendar month, capped at 50 % of fee {
            below ${availability} : ${tier1Credit} of fee
            below 99.0 % : 25 % of fee
        }
    }`;
}

/** The plain agreements' terms: the template's defaults. */
const PLAIN_TERMS = { success: '99 %', p95Latency: '1500 ms', availability: '99.9 %', p1Response: '75 minutes', tier1Credit: '10 %' };

function indent(text, prefix) {
    return text
        .split('\n')
        .map((line) => (line === '' ? line : prefix + line))
        .join('\n');
}

// ---------------------------------------------------------------- catalogue
/** The catalogue; `data` is the data files' folder relative to the catalogue's ('' beside it). */
export function catalogueText(data = '') {
    return `// Generated by test/bench/portfolio-catalogue.mjs: the benchmark's service catalogue.
// Every client agreement in clients/ instantiates ManagedHosting with its own values and
// \`client scope client = "…"\`, which keeps only that client's rows of every shared dataset.

${datasetsText(data)}

template ManagedHosting "Managed hosting, standard offering" {
    parameter success      percentage default 99 %
    parameter p95Latency   duration   default 1500 ms
    parameter availability percentage default 99.9 %
    parameter p1Response   duration   default 75 minutes
    parameter tier1Credit  percentage default 10 %

    provider Bench "Benchmark Provider"

${hostingServiceText({ success: 'success', p95Latency: 'p95Latency', availability: 'availability', p1Response: 'p1Response', tier1Credit: 'tier1Credit' })}
}
`;
}

/**
 * What client `i` negotiated: its `with` arguments, its own members (a realistic mix, by index)
 * and the targets in effect of the objectives the cross-check compares, in the report's units
 * (a ratio, milliseconds, a count).
 */
export function negotiated(i) {
    const targets = { Requests: 1, Success: 0.99, P95Latency: 1500, P1Response: 75 * 60_000 };
    const args = [];
    if (i % 5 === 1) args.push('availability = 99.95 %');
    if (i % 4 === 2) {
        args.push('p1Response = 60 minutes');
        targets.P1Response = 60 * 60_000;
    }
    if (i % 6 === 3) {
        args.push('p95Latency = 1200 ms');
        targets.P95Latency = 1200;
    }
    if (i % 8 === 5) {
        args.push('success = 99.5 %');
        targets.Success = 0.995;
    }
    // Not beside replaced tiers (i % 9 === 4): there it would set nothing (sla/template-argument-unused).
    if (i % 10 === 7 && i % 9 !== 4) args.push('tier1Credit = 15 %');
    const members = [];
    const hosting = [];
    // Tightened by an override rather than an argument.
    if (i % 12 === 11) {
        hosting.push('        objective P95Latency <= 1000 ms per calendar month');
        targets.P95Latency = 1000;
    }
    // The credit tiers replaced (at or below every availability promised: 99.9 % or 99.95 %).
    if (i % 9 === 4) {
        hosting.push(`        credit for Availability per calendar month, capped at 50 % of fee {
            below 99.9 % : 20 % of fee
            below 99.0 % : 40 % of fee
        }`);
    }
    if (hosting.length > 0) members.push(`    service Hosting {\n${hosting.join('\n')}\n    }`);
    // An extra service over the shared incident register.
    if (i % 7 === 6) {
        members.push(`    service Mail "Hosted mail" {
        kpi MailAvailability "Mail availability" = uptime(incidents where service = "mail", from started to resolved)
        objective MailAvailability >= 99.5 % per calendar month
    }`);
    }
    return { args, members, targets };
}

/** The targets of the plain agreements (every client the offering's standard). */
export const PLAIN_TARGETS = { Requests: 1, Success: 0.99, P95Latency: 1500, P1Response: 75 * 60_000 };

/** A client's agreement instantiating ManagedHosting of the catalogue at \`catalogue\` (relative path). */
export function clientAgreementText(client, catalogue = '../catalogue.sla') {
    const name = client.id.toUpperCase();
    const { args, members } = negotiated(client.index);
    const lines = [
        `    customer ${name} "Client ${client.id}"`,
        `    valid from ${client.validFrom} to 2026-12-31`,
        `    timezone "${client.zone}"`,
        `    fee ${client.fee} ${client.currency} per calendar month`,
        `    client scope client = "${client.id}"`
    ];
    if (args.length > 0) lines.push('', `    with ${args.join(', ')}`);
    if (members.length > 0) lines.push('', members.join('\n'));
    return `// Generated by test/bench/portfolio-catalogue.mjs.
import "${catalogue}"

agreement ${name} "Managed hosting for client ${client.id}" from ManagedHosting {
${lines.join('\n')}
}
`;
}

// ---------------------------------------------------------------- one plan for all clients (the reference)
/**
 * One agreement computing the offering's KPIs `for each client` over the shared files in one
 * zone: the work a single plan for the whole portfolio would do (every row accumulated once,
 * into its client's windows), without loading 400 agreements. bench:portfolio times it as the
 * floor a one-plan portfolio scan could reach on this machine, and checks that its figures for
 * the clients of that zone are the portfolio's. `data` as for the catalogue.
 */
export function groupedAgreementText(zone, data = '../') {
    const forEach = hostingServiceText(PLAIN_TERMS).replace(/ per calendar month(?=$| owner|,)/gm, ' per calendar month for each client');
    return `// Generated by test/bench/portfolio-catalogue.mjs (the one-plan reference).
agreement AllClients "The offering's KPIs for each client" {
    provider Bench "Benchmark Provider"
    customer All "All clients"
    valid from 2026-01-01 to 2026-12-31
    timezone "${zone}"
    fee 1000 EUR per calendar month

${indent(datasetsText(data), '    ')}

${forEach}
}
`;
}

// ---------------------------------------------------------------- plain agreements (--plain)
/** The plain agreement of a client (every line of the offering copied, 1,000 EUR or USD); `data` as for the catalogue. */
export function plainAgreementText(client, data = '../') {
    const name = client.id.toUpperCase();
    return `// Generated by test/bench/portfolio-catalogue.mjs (--plain).
agreement ${name} "Managed hosting for client ${client.id}" {
    provider Bench "Benchmark Provider"
    customer ${name} "Client ${client.id}"
    valid from 2026-01-01 to 2026-12-31
    timezone "${client.zone}"
    fee 1000 ${client.plainCurrency} per calendar month
    client scope client = "${client.id}"

${indent(datasetsText(data), '    ')}

${hostingServiceText(PLAIN_TERMS)}
}
`;
}
