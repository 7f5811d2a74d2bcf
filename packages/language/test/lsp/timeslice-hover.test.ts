import { describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { cursorBefore, hoverHarness } from './hover-harness.js';

const { services, hover, parse } = hoverHarness();

const AGREEMENT = `agreement Slices "Timeslice KPIs" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"

    dataset requests "Access log" from "requests.csv" {
        time timestamp
        status integer
    }

    service Api "API" {
        kpi Uptime "100% minus the average error rate of 5-minute periods" =
            100% - slices(every 5 minutes: avg of share(requests where status >= 500 of requests), empty as 0%)
        kpi DowntimeMinutes "Minutes above 5% errors" =
            slices(every 1 minute: count where share(requests where status >= 500 of requests) > 5%, empty as good)
        kpi Periods "Runs of 5 bad minutes" =
            slices(every 1 minute: duration where share(requests where status >= 500 of requests) > 10%, at least 5 consecutive, empty as no data)
        objective Uptime >= 99.9% per calendar month
        objective DowntimeMinutes <= 43 per calendar month
        objective Periods <= 43 minutes per calendar month
    }
}
`;

const at = (needle: string): string => cursorBefore(AGREEMENT, needle);

// Europe/Berlin 2026, five-minute slices (12 an hour): 31 days × 288 = 8,928; 30 days 8,640;
// February 28 × 288 = 8,064; March 743 h × 12 = 8,916; October 745 h × 12 = 8,940.
// One-minute slices: × 5 → 44,640, 43,200, 40,320, 44,580, 44,700.
describe('hover on objectives of KPIs measured in slices', () => {
    test('an average of slices: slices per month and the budget in slices', async () => {
        // 0.1% of 8,928 = 8.928 slices' worth of errors: 8 whole slices failing completely.
        await hover({
            text: at('>= 99.9% per calendar month'),
            index: 0,
            hover: 'Api promises that Uptime is at least 99.9% in every calendar month (Europe/Berlin time). '
                + 'A calendar month has 8,928 five-minute slices in a 31-day month (8,640 in a 30-day month, 8,064 in February 2026, '
                + '8,916 in March 2026 with the change to summer time, 8,940 in October 2026 with the change back to standard time). '
                + 'Its error budget, 0.1% of them, is 8.928 slices in a 31-day month: 8 whole five-minute slices failing completely.'
        });
    });

    test('a count of bad slices: at most the target of them', async () => {
        await hover({
            text: at('<= 43 per calendar month'),
            index: 0,
            hover: 'Api promises that DowntimeMinutes is at most 43 in every calendar month (Europe/Berlin time). '
                + 'A calendar month has 44,640 one-minute slices in a 31-day month (43,200 in a 30-day month, 40,320 in February 2026, '
                + '44,580 in March 2026 with the change to summer time, 44,700 in October 2026 with the change back to standard time). '
                + 'At most 43 of them may be bad in a 31-day month.'
        });
    });

    test('a duration of bad slices: the target in slices', async () => {
        // 43 minutes / 1 minute = 43 slices.
        await hover({
            text: at('<= 43 minutes per calendar month'),
            index: 0,
            hover: 'Api promises that Periods is at most 43 minutes in every calendar month (Europe/Berlin time). '
                + 'A calendar month has 44,640 one-minute slices in a 31-day month (43,200 in a 30-day month, 40,320 in February 2026, '
                + '44,580 in March 2026 with the change to summer time, 44,700 in October 2026 with the change back to standard time). '
                + '43 minutes is 43 bad one-minute slices of the 44,640 in a 31-day month.'
        });
    });

    test('the KPI says how slices are cut, aggregated and what an empty one counts as', async () => {
        const document = await parse(AGREEMENT);
        const explained = explainDocument(document.parseResult.value, services.types.TypeComputer);
        expect(explained).toContain('Measured as 100% minus the average, over the five-minute slices of the window (fixed lengths of time from its start), '
            + 'of the share of requests where status is at least 500 among requests in each slice; a slice without data counts as 0%.');
        expect(explained).toContain('Measured as the number of one-minute slices of the window (fixed lengths of time from its start) where the share of requests '
            + 'where status is at least 500 among requests is more than 5%; a slice without data counts as good.');
        expect(explained).toContain('where the share of requests where status is at least 500 among requests is more than 10%, counting only runs of at least 5 consecutive such slices (a run goes on into the window before or after); a slice without data is left out.');
        expect(explained).toContain('**Timeslices**');
    });

    test('the slices keyword shows the glossary entry', async () => {
        await hover({ text: at('slices(every 1 minute: count'), index: 0, hover: /^\*\*Timeslices\*\*: `slices\(every 5 minutes: …\)` cuts each window/ });
    });
});
