/**
 * Hovers on `timezone` lines and maintenance rules: the zone's real clock changes in the
 * validity, and whose zone a maintenance's times are.
 */
import { describe, test } from 'vitest';
import { cursorBefore, hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

function agreement(zone: string, maintenanceZone = '', slot = 'every sunday 01:00 to 03:00'): string {
    return `agreement MZ "m" {
    provider P "P"
    customer C "C"
    valid from 2026-01-01 to 2026-12-31
    timezone "${zone}"
    fee 1000 EUR per calendar month

    maintenance NY "New York patching" {
${maintenanceZone}        ${slot}
        notice 72 hours
    }
}
`;
}

describe('hover on a timezone line', () => {
    test('UTC: every day lasts 24 hours', async () => {
        await hover({
            text: cursorBefore(agreement('UTC'), '"UTC"'),
            index: 0,
            hover: '**Time zone UTC**: calendar days, weeks, months and working hours are counted in this zone. '
                + 'Its clocks do not change in the validity period (2026-01-01 to 2026-12-31): every day lasts 24 hours.'
        });
    });

    test('the keyword shows the zone\'s changes, then the glossary entry', async () => {
        // Australia/Lord_Howe 2026: back half an hour on 5 April (24.5 h), forward on 4 October (23.5 h).
        await hover({
            text: cursorBefore(agreement('Australia/Lord_Howe'), 'timezone'),
            index: 0,
            hover: /^\*\*Time zone Australia\/Lord\\_Howe\*\*: [^\n]*in 2026 they go back on 5 April \(a 24\.5-hour day\) and forward on 4 October \(a 23\.5-hour day\)\.\n\n---\n\n\*\*Time zone\*\*: An IANA zone name/
        });
    });

    test('a maintenance\'s own zone: its times, not the agreement\'s, with that zone\'s changes', async () => {
        // America/New_York 2026: forward on the second Sunday of March (8 March), back on the first Sunday of November (1 November).
        await hover({
            text: cursorBefore(agreement('Europe/Berlin', '        timezone "America/New_York"\n'), '"America/New_York"'),
            index: 0,
            hover: '**Time zone America/New\\_York**: the times of the maintenance NY are read in this zone, not in the agreement\'s Europe/Berlin. '
                + 'Its clocks change in the validity period (2026-01-01 to 2026-12-31): in 2026 they go forward on 8 March (a 23-hour day) and back on 1 November (a 25-hour day).'
        });
    });
});

describe('hover on a maintenance and its rules: whose time', () => {
    test('a maintenance in its own zone says so', async () => {
        await hover({
            text: cursorBefore(agreement('Europe/Berlin', '        timezone "America/New_York"\n'), 'NY "'),
            index: 0,
            hover: /- Announced 72 hours in advance\n\nTimes are America\/New\\_York time \(its own zone; the agreement's is Europe\/Berlin\)\.\n\n/
        });
    });

    test('a maintenance in the agreement\'s zone names that zone only', async () => {
        await hover({
            text: cursorBefore(agreement('Europe/Berlin'), 'NY "'),
            index: 0,
            hover: /- Announced 72 hours in advance\n\nTimes are Europe\/Berlin time\.\n\n/
        });
    });

    test('a rule slot in the maintenance\'s own zone: that zone, and its clock changes in the occurrences', async () => {
        // Every other Sunday from 8 March 2026: 8 March (01:00 EST to 03:00 EDT: 1 real hour) … 1 November
        // (8 March + 17 × 14 days; 01:00 EDT to 03:00 EST: 3 real hours).
        await hover({
            text: cursorBefore(agreement('Europe/Berlin', '        timezone "America/New_York"\n', 'every other sunday starting 2026-03-08 01:00 to 03:00'), 'other sunday'),
            index: 0,
            hover: /^\*\*Every other Sunday from 2026-03-08, 01:00 to 03:00\*\* \(America\/New\\_York time, the maintenance's own zone; [\s\S]*- 2026: 8 Mar \(1 h real time: the clocks change\),[\s\S]* 1 Nov \(3 h real time: the clocks change\)/
        });
    });

    test('a rule slot in the agreement\'s zone: that zone', async () => {
        await hover({
            text: cursorBefore(agreement('Europe/Berlin', '', 'every other sunday starting 2026-03-08 01:00 to 03:00'), 'other sunday'),
            index: 0,
            hover: /^\*\*Every other Sunday from 2026-03-08, 01:00 to 03:00\*\* \(Europe\/Berlin time; a slot whose end/
        });
    });
});
