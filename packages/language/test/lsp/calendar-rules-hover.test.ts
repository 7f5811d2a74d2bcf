import { describe, test } from 'vitest';
import { hoverHarness } from './hover-harness.js';

const { hover } = hoverHarness();

const PARIS = `agreement Paris "ERP" {
    provider P "Provider SAS"
    customer C "Client SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"

    calendar Desk "Service desk hours" {
        monday to friday 09:00 to 18:00
        holidays "FR" without "Whit Monday"
        except 24 december from 12:00 "Christmas Eve"
    }
    maintenance Patching "Monthly patching" {
        first sunday of each month 02:00 to 06:00
        last sunday of each quarter 02:00 to 04:00
        every other tuesday starting 2026-01-13 22:00 to 23:00
        every sunday 05:00 to 06:00
        notice 72 hours
    }
}
`;
const at = (needle: string, text = PARIS) => text.replace(needle, `<|>${needle}`);

describe('hover on holiday sets', () => {
    test('lists the days off of the validity, without the removed one', async () => {
        // French public holidays 2026 (Easter 5 April): 11 days; without Whit Monday (25 May) 10;
        // on Monday to Friday: all but Saturday 15 August and Sunday 1 November → 8.
        await hover({
            text: at('"FR"'),
            index: 0,
            hover: '**Public holidays of France ("FR")**, without "Whit Monday": whole days off, computed for each year (Easter-based ones included) by the date-holidays library.\n\n'
                + '10 days off in the validity period (2026-01-01 to 2026-12-31), 8 of them Monday to Friday:\n'
                + "- 2026: Thu 1 Jan (New Year's Day), Mon 6 Apr (Easter Monday), Fri 1 May (Labour Day), Fri 8 May (Victory Day), Thu 14 May (Ascension Day), "
                + "Tue 14 Jul (Bastille Day), Sat 15 Aug (Assumption), Sun 1 Nov (All Saints' Day), Wed 11 Nov (Armistice Day), Fri 25 Dec (Christmas Day)"
        });
    });

    test('an unknown region lists nothing and says so', async () => {
        await hover({
            text: at('"XX"', PARIS.replace('"FR"', '"XX"')),
            index: 0,
            hover: /^\*\*Public holidays of "XX" \(not a region code the holiday library knows\)\*\*/
        });
    });

    test('a validity of 6,001 years (a typo for 2026): the days off of its first five years, as the label says', async () => {
        // Counted and listed for every year of the validity, they took seconds per hover and explanation (found fuzzing).
        const long = PARIS.replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 8026-12-31');
        await hover({
            text: at('"FR"', long),
            index: 0,
            // 10 days off a year (the 11 French public holidays without Whit Monday) × 5 years.
            hover: /\n\n50 days off in 2026–2030, the first 5 years of the validity period \(2026-01-01 to 8026-12-31\), \d+ of them Monday to Friday:\n- 2026: [^\n]*\n- 2027: [^\n]*\n- 2028: [^\n]*\n- 2029: [^\n]*\n- 2030: [^\n]*$/
        });
        await hover({
            text: at('Desk "', long),
            index: 0,
            hover: /Public holidays in 2026–2030, the first 5 years of the validity period \(2026-01-01 to 8026-12-31\): Thu 1 Jan 2026 \(New Year's Day\), [^\n]* Wed 25 Dec 2030 \(Christmas Day\)\.$/
        });
    });

    test('the calendar lists its half days and public holidays', async () => {
        await hover({
            text: at('Desk "'),
            index: 0,
            hover: /- Half days, working hours end at the time given: 24 December every year from 12:00 \(Christmas Eve\)[\s\S]*Public holidays in the validity period \(2026-01-01 to 2026-12-31\): Thu 1 Jan 2026 \(New Year's Day\), Mon 6 Apr 2026/
        });
    });
});

describe('hover on maintenance rules', () => {
    test('the first sunday of each month: its twelve dates', async () => {
        // 1 January 2026 is a Thursday; see packages/engine/test/time/recurrence.test.ts for the dates.
        await hover({
            text: at('first sunday'),
            index: 0,
            hover: '**The first Sunday of each month, 02:00 to 06:00** (Europe/Paris time; a slot whose end is not after its start ends the next day).\n\n'
                + '12 occurrences in the validity period (2026-01-01 to 2026-12-31):\n'
                + '- 2026: 4 Jan, 1 Feb, 1 Mar, 5 Apr, 3 May, 7 Jun, 5 Jul, 2 Aug, 6 Sep, 4 Oct, 1 Nov, 6 Dec'
        });
    });

    test('a validity of 6,001 years (a typo for 2026) counts every occurrence and lists five years, quickly', async () => {
        // 12 first Sundays a year × 6,001 years (2026 to 8026) = 72,012; the years after the
        // first five are counted, not listed (their texts took 17 s of zone arithmetic: found fuzzing).
        await hover({
            text: at('first sunday', PARIS.replace('valid from 2026-01-01 to 2026-12-31', 'valid from 2026-01-01 to 8026-12-31')),
            index: 0,
            hover: /72012 occurrences in the validity period \(2026-01-01 to 8026-12-31\):\n- 2026: 4 Jan, 1 Feb, [^\n]*\n- 2027: [^\n]*\n- 2028: [^\n]*\n- 2029: [^\n]*\n- 2030: [^\n]*\n- … and 5996 more years$/
        });
    });

    test('a slot that daylight saving time shortens says so', async () => {
        // Last Sundays of the quarters 2026: 29 March (clocks go forward at 02:00: 03:00–04:00 CEST is one
        // real hour), 28 June, 27 September, 27 December.
        await hover({
            text: at('last sunday'),
            index: 0,
            hover: /4 occurrences in the validity period \(2026-01-01 to 2026-12-31\):\n- 2026: 29 Mar \(1 h real time: the clocks change\), 28 Jun, 27 Sep, 27 Dec$/
        });
    });

    test('every other tuesday from its first date', async () => {
        // 13 January + 14 days … : 26 Tuesdays from 13 January to 29 December 2026 (13 Jan + 25 × 14 = 29 Dec).
        await hover({
            text: at('other tuesday'),
            index: 0,
            hover: /^\*\*Every other Tuesday from 2026-01-13, 22:00 to 23:00\*\*[\s\S]*26 occurrences in the validity period[\s\S]*- 2026: 13 Jan, 27 Jan, 10 Feb,[\s\S]*, 15 Dec, 29 Dec$/
        });
    });

    test('a plain weekly slot has no hover of its own', async () => {
        await hover({ text: at('every sunday'), index: 0, hover: undefined });
    });
});

describe('hover on a maintenance the customer requests', () => {
    const requested = PARIS.replace('    maintenance Patching', `    maintenance CustomerPlanned "Customer Planned Downtime" {
        on 2026-03-14 01:00 to 03:00
        requested by customer
    }
    maintenance Patching`);

    test('says who sets the time, and no notice period is asked for', async () => {
        await hover({
            text: at('CustomerPlanned "', requested),
            index: 0,
            hover: '**Maintenance CustomerPlanned** — Customer Planned Downtime\n\n'
                + '- Once, from 2026-03-14 01:00 to 2026-03-14 03:00\n'
                + '- Requested by the customer: the customer sets these times (downtime it plans, not the provider\'s maintenance)\n\n'
                + 'Times are Europe/Paris time.\n\n'
                + 'Where a KPI says `excluding CustomerPlanned` or an exclusion says `during CustomerPlanned`, this time counts neither as downtime nor as eligible time. '
                + 'Counted as available instead (`counting CustomerPlanned as available`, `during CustomerPlanned, counted as available`), it stays eligible time and no outage in it is downtime.'
        });
    });

    test('the provider\'s maintenance says nothing of the kind', async () => {
        await hover({ text: at('Patching "', requested), index: 0, hover: /^(?![\s\S]*Requested by the customer)\*\*Maintenance Patching\*\*[\s\S]*- Announced 72 hours in advance/ });
    });
});
