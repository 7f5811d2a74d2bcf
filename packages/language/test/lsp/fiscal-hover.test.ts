import { describe, test } from 'vitest';
import { cursorBefore, hoverHarness } from './hover-harness.js';
import { FISCAL_CHAT as CHAT } from '../fiscal-agreement.js';

const { hover } = hoverHarness();

describe('hover on fiscal windows', () => {
    test('an objective per fiscal quarter names the quarters and budgets each by its length', async () => {
        // The validity's fiscal quarters: November–January 92 days, February–April 89, May–July 92, August–October 92.
        // 0.01 % of 92 days (132,480 min) = 13.248 min; of 89 days (128,160 min) = 12.816 min (the allowance is rounded down).
        await hover({
            text: cursorBefore(CHAT, '99.99% per'),
            index: 0,
            hover: /in every fiscal quarter \(of the fiscal year from 1 February: February–April, May–July, August–October, November–January\) \(UTC time\)\. That allows at most 13 min 14 s of downtime in a 92-day fiscal quarter \(12 min 48 s in an 89-day fiscal quarter\)\./
        });
    });

    test('the declaration says what the fiscal windows count', async () => {
        await hover({
            text: cursorBefore(CHAT, 'fiscal year from'),
            index: 0,
            hover: "**Fiscal year**: `per fiscal quarter` counts each quarter (of the fiscal year from 1 February: February–April, May–July, August–October, November–January), and `per fiscal year` each fiscal year (from 1 February to the end of January), in the agreement's time zone. Caps may count fiscal years too (`capped at … per fiscal year`, an exclusion's `at most … per fiscal year`); other windows (calendar months, fees) keep the calendar."
        });
    });

    test('without a declaration the promise says what is missing', async () => {
        await hover({
            text: cursorBefore(CHAT.replace('    fiscal year from february\n', ''), '99.99% per'),
            index: 0,
            hover: /'per fiscal quarter' \(a fiscal year the agreement does not declare: add e\.g\. 'fiscal year from february'\)/
        });
    });
});

describe('hover on a fee of the previous quarter in a fiscal agreement', () => {
    test('says a credit per fiscal quarter reads the fiscal quarter before', async () => {
        const billed = CHAT.replace('    fee 15000 USD per calendar year\n', `    fee from sum(billing.amount) of previous quarter
    dataset billing "Invoices" from "billing.csv" {
        paid timestamp
        amount number in USD
    }
`);
        await hover({
            text: cursorBefore(billed, 'of previous'),
            index: 0,
            hover: /in the calendar quarter before each credit window \(the fiscal quarter before, for a credit per fiscal quarter\)/
        });
    });
});
