import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A clean agreement around one KPI formula `formula` (the data files are the validation corpus's). */
function agreement(formula: string, objective = '<= 43 per calendar month'): string {
    return `agreement Fixes "Slices" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"

    dataset requests "Access log" from "data/requests.csv" {
        time timestamp
        status integer
    }

    dataset answers "Two timestamps" from "data/slice-requests.csv" {
        time timestamp
        answered timestamp
        status integer
        region text
    }

    service Api "API" {
        kpi K "Sliced" = ${formula}
        objective K ${objective}
    }
}
`;
}

const COUNT = 'slices(every 1 minute: count where share(requests where status >= 500 of requests) > 5%)';
const AVG = 'slices(every 5 minutes: avg of share(requests where status >= 500 of requests))';

async function expectClean(text: string): Promise<void> {
    expect(codesOf((await validate(text)).diagnostics)).toEqual([]);
}

describe('timeslice quick fixes', () => {
    test('slice-empty-rule: each rule is offered, none preferred, and each one settles it', async () => {
        const before = agreement(COUNT);
        const { actions, apply } = await fixesFor(before, 'sla/slice-empty-rule');
        expect(actions.map(a => a.title)).toEqual(["Add ', empty as good'", "Add ', empty as bad'", "Add ', empty as no data'"]);
        expect(actions.some(a => a.isPreferred)).toBe(false);
        for (const rule of ['good', 'bad', 'no data']) {
            const fixed = apply(`Add ', empty as ${rule}'`);
            expect(fixed).toBe(agreement(COUNT.replace('> 5%)', `> 5%, empty as ${rule})`)));
            await expectClean(fixed);
        }
    });

    test('slice-empty-rule: an average is offered the zero of its unit or no data', async () => {
        const before = agreement(AVG, '<= 1% per calendar month');
        const { actions, apply } = await fixesFor(before, 'sla/slice-empty-rule');
        expect(actions.map(a => a.title)).toEqual(["Add ', empty as 0%'", "Add ', empty as no data'"]);
        await expectClean(apply("Add ', empty as 0%'"));
        // A verdict in an average is replaced by a value.
        const verdict = agreement(AVG.replace('))', '), empty as good)'), '<= 1% per calendar month');
        const fixed = (await fixesFor(verdict, 'sla/slice-empty-rule')).apply("Write '0%'");
        expect(fixed).toBe(agreement(AVG.replace('))', '), empty as 0%)'), '<= 1% per calendar month'));
        await expectClean(fixed);
    });

    test('slice-time-field: a dataset with two timestamps is offered each', async () => {
        const formula = 'slices(every 1 minute: count where share(answers where status >= 500 of answers) > 5%, empty as good)';
        const { actions, apply } = await fixesFor(agreement(formula), 'sla/slice-time-field');
        expect(actions.map(a => a.title)).toEqual(["Place rows by 'time'", "Place rows by 'answered'"]);
        const fixed = apply("Place rows by 'answered'");
        expect(fixed).toBe(agreement(formula.replace('every 1 minute', 'every 1 minute by answered')));
        await expectClean(fixed);
        // A misspelt field: the nearest timestamp.
        const misspelt = agreement(formula.replace('every 1 minute', 'every 1 minute by answerd'));
        await expectClean((await fixesFor(misspelt, 'sla/slice-time-field')).apply("Write 'answered'"));
    });

    test('slice-length: a bare number gets minutes', async () => {
        const before = agreement(COUNT.replace('every 1 minute', 'every 5').replace('> 5%)', '> 5%, empty as good)'));
        const fixed = (await fixesFor(before, 'sla/slice-length')).apply("Write '5 minutes'");
        expect(fixed).toBe(agreement(COUNT.replace('every 1 minute', 'every 5 minutes').replace('> 5%)', '> 5%, empty as good)')));
        await expectClean(fixed);
    });
});
