/**
 * What `slices(… share where …)` divides by, in the explanation, must be what the engine divides
 * by (engine/src/evaluate/timeslices.ts). Atlassian Cloud, a 30-day month of one-minute slices:
 * 43,200 slices; 60 minutes above 5 % errors, the other 43,140 quiet or fine.
 * - `empty as good` / `bad`: every slice is judged, so the base is all 43,200:
 *   60 / 43,200 = 0.138889 % bad → 100 % − 0.138889 % = 99.861111 % — "among all the slices".
 * - `empty as no data`: quiet slices leave the base; with 600 minutes with traffic, 60 / 600 =
 *   10 % bad → 90 % — "among the slices with a value" (unchanged).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

async function explained(rule: string): Promise<string> {
    const document = await parse(`agreement A "Slices" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset requests "Access log" from "requests.csv" {
        time   timestamp
        status integer
    }
    service Jira "Jira" {
        kpi ErrorRate "Share of requests resulting in an error" = share(requests where status >= 500 of requests)
        kpi Uptime "Minutes without downtime" = 100% - slices(every 1 minute: share where ErrorRate > 5%${rule})
        objective Uptime >= 99.9% per calendar month
    }
}
`);
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

const SHARE = 'Measured as 100% minus the share of the time of the one-minute slices of the window (fixed lengths of time from its start) where ErrorRate is more than 5%';

describe('the base of a share of slices follows the empty rule', () => {
    test('empty as good: among all the slices of the window (60 / 43,200, not 60 / minutes with traffic)', async () => {
        const text = await explained(', empty as good');
        expect(text).toContain(`${SHARE}, among all the slices of the window; a slice without data counts as good.`);
        expect(text).not.toContain('slices with a value');
    });

    test('empty as bad: a quiet slice is judged too, so all the slices of the window', async () => {
        expect(await explained(', empty as bad')).toContain(`${SHARE}, among all the slices of the window; a slice without data counts as bad.`);
    });

    test('empty as no data: quiet slices leave the base (60 / 600)', async () => {
        const text = await explained(', empty as no data');
        expect(text).toContain(`${SHARE}, among the slices with a value; a slice without data is left out.`);
        expect(text).not.toContain('among all the slices');
    });

    test('runs of bad slices: the base is still every slice (a short run is good, not left out)', async () => {
        expect(await explained(', at least 5 consecutive, empty as good')).toContain(
            `${SHARE}, counting only runs of at least 5 consecutive such slices (a run goes on into the window before or after), among all the slices of the window; a slice without data counts as good.`);
    });
});
