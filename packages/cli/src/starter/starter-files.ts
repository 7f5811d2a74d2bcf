/**
 * The starter project of `sla init`: an agreement and three months of sample data, both
 * written by code so that they are the same on every run. The data are designed so that
 * the first evaluation shows every outcome (docs/cli.md, "sla init"):
 *
 * - Api.Success >= 99% per calendar month: January 100/100 = 100 % met; February 98/100 =
 *   98 % breached (credit tier 1: 10 % of the 1,000 EUR fee = 100.00 EUR); March 99/100 =
 *   99 % met (exactly on the target).
 * - Api.P95Latency <= 300 ms per calendar month: January and February at most 249 ms, met;
 *   March has six requests of 420 ms among 100, so the 95th value in order is 420 ms: breached.
 *
 * `sla evaluate agreement.sla` therefore exits 1 (a breach), as a real report would.
 */

export const STARTER_AGREEMENT_FILE = 'agreement.sla';
export const STARTER_DATA_FILE = 'data/requests.csv';

export const STARTER_AGREEMENT = `// A starter agreement written by \`sla init\`: edit it to describe your own service.
// Evaluate it with:   sla evaluate ${STARTER_AGREEMENT_FILE}
// The sample data in ${STARTER_DATA_FILE} cover January to March 2026; the designed outcomes:
// Success met in January and March, breached in February (98 %, credit 100.00 EUR);
// P95Latency met in January and February, breached in March (420 ms).
agreement Starter "Starter agreement" {
    provider Provider "Your company"
    customer Customer "Your customer"
    valid from 2026-01-01 to 2026-03-31
    timezone "UTC"
    fee 1000 EUR per calendar month

    dataset requests "Requests served by the API" from "${STARTER_DATA_FILE}" {
        complete to 2026-03-31
        time      timestamp
        status    integer
        latency   duration ms column "latency_ms"
    }

    service Api "The public API" {
        kpi Success "Share of requests answered without a server error" =
            count(requests where status < 500) / count(requests)

        kpi P95Latency "Response time of 95 % of the requests" =
            percentile(95, requests.latency)

        objective Success >= 99% per calendar month
        objective P95Latency <= 300 ms per calendar month

        credit for Success per calendar month, capped at 20% of fee {
            below 99% : 10% of fee
        }
    }
}
`;

/** Rows per month: 100, so that shares read as percentages. */
const ROWS_PER_MONTH = 100;
/** Row numbers (0-based, per month) with a server error. */
const ERRORS: Record<number, Record<number, number>> = { 1: {}, 2: { 17: 503, 61: 503 }, 3: { 42: 500 } };
/** Row numbers of March answered slowly (420 ms): six of 100, so the 95th value is one of them. */
const SLOW_IN_MARCH = new Set([10, 20, 30, 40, 50, 60]);

export function starterData(): string {
    const lines = ['time,status,latency_ms'];
    for (const month of [1, 2, 3]) {
        for (let i = 0; i < ROWS_PER_MONTH; i++) {
            const day = 1 + Math.floor((i * 28) / ROWS_PER_MONTH);
            const time = `2026-${pad(month)}-${pad(day)}T${pad((i * 5) % 24)}:${pad((i * 13) % 60)}:00Z`;
            const status = ERRORS[month]![i] ?? 200;
            // 80 to 249 ms: always under the 300 ms objective.
            const latency = month === 3 && SLOW_IN_MARCH.has(i) ? 420 : 80 + ((i * 37) % 170);
            lines.push(`${time},${status},${latency}`);
        }
    }
    return lines.join('\n') + '\n';
}

function pad(n: number): string {
    return String(n).padStart(2, '0');
}
