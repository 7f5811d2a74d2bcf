/**
 * The error budget is counted in time, slices or rows only when the KPI's value IS an uptime, a
 * slices(…) or a share of rows (or 100 % minus one, or a KPI naming one): any other formula weighs
 * or averages them, and the budget is stated in the KPI's own percentage points instead.
 * UTC, 2026: a 31-day month has 44,640 minutes (30 days 43,200, February 40,320).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { isAgreement, isObjective, type Objective } from '../../src/generated/ast.js';
import { explainDocument } from '../../src/explain/explain-document.js';
import { budgetHint } from '../../src/explain/objective-text.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

function agreement(kpis: string): string {
    return `agreement A "Budgets" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset outages "Outages" from "outages.csv" {
        started timestamp
        ended   timestamp optional
    }
    dataset minutes "Requests per minute" from "minutes.csv" {
        time     timestamp
        requests integer
        errors   integer
    }
    dataset samples "Probe samples" from "samples.csv" {
        time timestamp
        loss percent
        latency duration ms
    }
    dataset requests "Access log" from "requests.csv" {
        time   timestamp
        status integer
    }
${kpis}
}
`;
}

async function explained(kpis: string): Promise<{ text: string; hints: Array<string | undefined> }> {
    const document = await parse(agreement(kpis));
    const root = document.parseResult.value;
    const types = services.types.TypeComputer;
    const objectives = root.elements.filter(isAgreement).flatMap(element => element.members.filter(isObjective)) as Objective[];
    return { text: explainDocument(root, types), hints: objectives.map(objective => budgetHint(objective, types)) };
}

describe('a KPI that weighs or averages its terms: the budget in its own percentage points', () => {
    test('100% - 2 * slices(…): no 44.64 slices (each bad minute counts twice: 0.1 % × 44,640 / 2 = 22.32)', async () => {
        const { text, hints } = await explained(`    kpi Up "Each bad minute counts twice" =
        100% - 2 * slices(every 1 minute: share where sum(minutes.errors) / sum(minutes.requests) > 5%, empty as good)
    objective Up >= 99.9% per calendar month`);
        expect(text).not.toContain('44.64');
        expect(text).not.toContain('one-minute slices in a 31-day month');
        // 100% − 99.9% = 0.1 percentage points.
        expect(text).toContain('Up is at least 99.9% in every calendar month (UTC time). That leaves an error budget of at most 0.1 percentage points of Up below 100%: '
            + 'Up is not simply an `uptime(…)`, a `share(…)` or `slices(…)`, so the budget is no amount of downtime, slices or rows.');
        expect(hints).toEqual([undefined]);
    });

    test('100% - 2 * (100% - uptime(…)): no 44 min 38 s (each down minute counts twice: 22 min 19 s)', async () => {
        const { text, hints } = await explained(`    kpi Up "Each down minute counts twice" = 100% - 2 * (100% - uptime(outages, from started to ended))
    objective Up >= 99.9% per calendar month`);
        expect(text).not.toContain('44 min 38 s of downtime');
        expect(text).toContain('That leaves an error budget of at most 0.1 percentage points of Up below 100%');
        expect(hints).toEqual([undefined]);
    });

    test('avg(samples.loss) <= 0.1%: an average of percentages, no "1 in 1,000 samples"', async () => {
        const { text, hints } = await explained(`    kpi PacketLoss "Monthly average packet loss" = avg(samples.loss)
    objective PacketLoss <= 0.1% per calendar month
    objective PacketLoss < 0.1% per calendar quarter`);
        expect(text).not.toContain('1 in 1,000 samples');
        expect(text).toContain('PacketLoss is at most 0.1% in every calendar month (UTC time). That leaves an error budget of at most 0.1 percentage points of PacketLoss above 0%: PacketLoss is not simply');
        expect(text).toContain('PacketLoss is less than 0.1% in every calendar quarter (UTC time). That leaves an error budget of less than 0.1 percentage points of PacketLoss above 0%:');
        expect(hints).toEqual([undefined, undefined]);
    });

    test('slices(avg of a latency) <= 300 ms: no number of bad slices', async () => {
        const { text } = await explained(`    kpi Latency "Average of five-minute mean latencies" = slices(every 5 minutes: avg of avg(samples.latency), empty as no data)
    objective Latency <= 300 ms per calendar month`);
        // 31 × 288 = 8,928 five-minute slices; "300 ms is 0 bad slices" would be no budget at all.
        expect(text).toContain('A calendar month has 8,928 five-minute slices in a 31-day month');
        expect(text).not.toContain('bad five-minute slices');
    });
});

describe('a minimum service level of a KPI in slices: slices, never the rows inside them', () => {
    test('a share of bad minutes: 1 − 99.5% = 1 in 200 one-minute slices, not requests', async () => {
        const { text } = await explained(`    kpi Up "Good minutes" =
        100% - slices(every 1 minute: share where share(requests where status >= 500 of requests) > 5%, empty as good)
    objective Up >= 99.9% per calendar month, minimum 99.5%`);
        expect(text).toContain('a window that misses it (below 99.5%) is a Service Level Default. That leaves an error budget of 1 in 200 one-minute slices.');
        expect(text).not.toContain('1 in 200 requests');
    });

    test('an average of five-minute error rates: 0.5 percentage points, its slices weigh alike whatever their requests', async () => {
        const { text } = await explained(`    kpi Up "100% minus the average error rate of 5-minute periods" =
        100% - slices(every 5 minutes: avg of share(requests where status >= 500 of requests), empty as 0%)
    objective Up >= 99.9% per calendar month, minimum 99.5%`);
        // 100% − 99.5% = 0.5 percentage points.
        expect(text).toContain('a window that misses it (below 99.5%) is a Service Level Default. That leaves an error budget of at most 0.5 percentage points of Up below 100%.');
        expect(text).not.toContain('1 in 200');
    });
});

describe('a KPI that is the term: the budget in time, slices or rows, as before', () => {
    test('uptime(…), and a KPI naming it: 0.1 % of 44,640 minutes = 44.64 min = 44 min 38 s', async () => {
        const { text, hints } = await explained(`    kpi Up "Uptime" = uptime(outages, from started to ended)
    kpi Availability "The same uptime" = Up
    objective Up >= 99.9% per calendar month
    objective Availability >= 99.9% per calendar month`);
        expect(text).toContain('Up is at least 99.9% in every calendar month (UTC time). That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, 40 min 19 s in February 2026).');
        expect(text).toContain('Availability is at least 99.9% in every calendar month (UTC time). That allows at most 44 min 38 s of downtime in a 31-day month');
        expect(hints).toEqual(['≤ 44 min 38 s down per 31-day month', '≤ 44 min 38 s down per 31-day month']);
    });

    test('100% - uptime(…) <= 0.1%: the share of time down, 44 min 38 s', async () => {
        const { text, hints } = await explained(`    kpi Down "Share of time down" = 100% - uptime(outages, from started to ended)
    objective Down <= 0.1% per calendar month`);
        expect(text).toContain('Down is at most 0.1% in every calendar month (UTC time). That allows at most 44 min 38 s of downtime in a 31-day month');
        expect(hints).toEqual(['≤ 44 min 38 s down per 31-day month']);
    });

    test('share(…): 1 − 99.9% = 1 in 1,000 requests', async () => {
        const { text, hints } = await explained(`    kpi Success "Successful requests" = share(requests where status < 500 of requests)
    objective Success >= 99.9% per calendar month`);
        expect(text).toContain('Success is at least 99.9% in every calendar month (UTC time). That leaves an error budget of 1 in 1,000 requests.');
        expect(hints).toEqual(['1 in 1,000 requests may miss']);
    });

    test('100% - slices(… share where …): 0.1 % of 44,640 = 44.64 slices, 44 whole ones', async () => {
        const { text } = await explained(`    kpi Up "Good minutes" =
        100% - slices(every 1 minute: share where sum(minutes.errors) / sum(minutes.requests) > 5%, empty as good)
    objective Up >= 99.9% per calendar month`);
        expect(text).toContain('Up is at least 99.9% in every calendar month (UTC time). A calendar month has 44,640 one-minute slices in a 31-day month (43,200 in a 30-day month, 40,320 in February 2026). '
            + 'Its error budget, 0.1% of them, is 44.64 slices in a 31-day month: 44 whole one-minute slices failing completely.');
    });
});
