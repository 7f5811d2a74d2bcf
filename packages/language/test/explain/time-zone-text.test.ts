/**
 * `sla explain` on time zones: the agreement's zone with its real clock changes in the validity
 * (none in UTC or Asia/Tokyo, half an hour in Australia/Lord_Howe), and the own zone of a
 * maintenance, calendar or dataset stated where its times are.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

async function explain(text: string): Promise<string> {
    const document = await parse(text);
    return explainDocument(document.parseResult.value, services.types.TypeComputer);
}

function agreement(zone: string, validity = 'valid from 2026-01-01 to 2026-12-31', members = ''): string {
    return `agreement A "a" {
    provider P "P"
    customer C "C"
    ${validity}
    timezone "${zone}"
    fee 1000 EUR per calendar month
${members}}
`;
}

describe('the agreement\'s time zone', () => {
    test('UTC and Asia/Tokyo have no clock change: every day lasts 24 hours', async () => {
        const utc = await explain(agreement('UTC'));
        expect(utc).toContain('**Time zone UTC**: calendar days, weeks, months and working hours are counted in this zone. '
            + 'Its clocks do not change in the validity period (2026-01-01 to 2026-12-31): every day lasts 24 hours.');
        expect(utc).not.toContain('23 or 25');
        const tokyo = await explain(agreement('Asia/Tokyo'));
        expect(tokyo).toContain('Its clocks do not change in the validity period (2026-01-01 to 2026-12-31): every day lasts 24 hours.');
    });

    test('Europe/Berlin names its two changes of 2026', async () => {
        // EU rule: forward on the last Sunday of March (29 March 2026: 02:00 → 03:00, 23 hours),
        // back on the last Sunday of October (25 October 2026: 03:00 → 02:00, 25 hours).
        const text = await explain(agreement('Europe/Berlin'));
        expect(text).toContain('Its clocks change in the validity period (2026-01-01 to 2026-12-31): '
            + 'in 2026 they go forward on 29 March (a 23-hour day) and back on 25 October (a 25-hour day).');
    });

    test('Australia/Lord_Howe changes by half an hour: 24.5- and 23.5-hour days', async () => {
        // Lord Howe: back on the first Sunday of April (5 April 2026, +11:00 → +10:30: 24.5 hours),
        // forward on the first Sunday of October (4 October 2026, +10:30 → +11:00: 23.5 hours).
        const text = await explain(agreement('Australia/Lord_Howe'));
        expect(text).toContain('in 2026 they go back on 5 April (a 24.5-hour day) and forward on 4 October (a 23.5-hour day).');
    });

    test('a validity across a new year: the changes inside it, year by year', async () => {
        // 1 July 2026 to 30 June 2027: back on 25 October 2026; forward on 28 March 2027
        // (31 March 2027 is a Wednesday, so the last Sunday is the 28th).
        const text = await explain(agreement('Europe/Berlin', 'valid from 2026-07-01 to 2027-06-30'));
        expect(text).toContain('Its clocks change in the validity period (2026-07-01 to 2027-06-30): '
            + 'in 2026 they go back on 25 October (a 25-hour day); in 2027 they go forward on 28 March (a 23-hour day).');
    });

    test('the glossary no longer says every zone has 23- or 25-hour days', async () => {
        const text = await explain(agreement('UTC'));
        expect(text).toContain('- **Time zone**: An IANA zone name (`Europe/Berlin`); all calendar arithmetic uses its real clock changes. '
            + 'In a zone without daylight saving time (`UTC`, `Asia/Tokyo`) every day lasts 24 hours;');
    });
});

describe('the own zone of a maintenance, a calendar and a dataset', () => {
    const maintenance = (own: string) => `    maintenance NY "New York patching" {
${own}        every sunday 01:00 to 03:00
        notice 72 hours
    }
    dataset inc "i" from "inc.csv" {
        started timestamp
        resolved timestamp optional
    }
    kpi Up "up" = uptime(inc, from started to resolved) excluding NY
    objective Up >= 99% per calendar month
`;

    test('a maintenance with its own zone says its times are of that zone, not the agreement\'s', async () => {
        const text = await explain(agreement('Europe/Berlin', undefined, maintenance('        timezone "America/New_York"\n')));
        expect(text).toContain('- Every Sunday, 01:00 to 03:00\n- Announced 72 hours in advance\n\n'
            + 'Times are America/New\\_York time (its own zone; the agreement\'s is Europe/Berlin).');
    });

    test('a maintenance without one: its times are the agreement\'s zone', async () => {
        const text = await explain(agreement('Europe/Berlin', undefined, maintenance('')));
        expect(text).toContain('- Announced 72 hours in advance\n\nTimes are Europe/Berlin time.\n');
        expect(text).not.toContain('its own zone');
    });

    test('a calendar with its own zone says so the same way', async () => {
        const calendar = `    calendar Desk "Desk" {
        monday to friday 09:00 to 17:00
        timezone "Asia/Tokyo"
    }
    dataset tickets "t" from "t.csv" {
        opened timestamp
        answered timestamp optional
    }
    kpi Answer "a" = max(elapsed(opened, answered) during Desk of tickets)
    objective Answer <= 4 hours per calendar month
`;
        const text = await explain(agreement('Europe/Berlin', undefined, calendar));
        expect(text).toContain('Times are Asia/Tokyo time (its own zone; the agreement\'s is Europe/Berlin). Time outside these hours does not count');
    });

    test('a dataset without a zone says local times are rejected; one with a zone says where they are read', async () => {
        const withoutZone = await explain(agreement('Europe/Berlin', undefined, maintenance('')));
        expect(withoutZone).toContain('- Timestamps need a UTC offset or `Z`: the dataset names no time zone, so a row with a local time is rejected');
        const withZone = await explain(agreement('Europe/Berlin', undefined, maintenance('').replace('        started timestamp', '        timezone "Europe/Berlin"\n        started timestamp')));
        expect(withZone).toContain('- Timestamps without an offset are read in Europe/Berlin time');
        expect(withZone).not.toContain('Timestamps need a UTC offset');
    });
});
