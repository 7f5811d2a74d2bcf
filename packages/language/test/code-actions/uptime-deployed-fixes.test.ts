import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A clean agreement around one `uptime(…)` option list (the data files are the validation corpus's). */
function agreement(options: string): string {
    return `agreement Databases "Databases while deployed" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "UTC"

    dataset outages "Database outages" from "data/database-outages.csv" {
        database text
        region   text
        started  timestamp
        ended    timestamp optional
        status   text
        affected percent optional
    }

    dataset deployments "One row per deployment of a database" from "data/database-deployments.csv" {
        database text
        region   text
        created  timestamp
        deleted  timestamp optional
        owner    text
        plan     text
    }

    kpi Availability "Each database while deployed" = uptime(outages, from started to ended, ${options})
    objective Availability >= 99.99% per calendar month
}
`;
}

const CLEAN = 'deployed in deployments by database from created to deleted';

async function expectClean(text: string): Promise<void> {
    expect(codesOf((await validate(text)).diagnostics)).toEqual([]);
}

describe('uptime(…, deployed in …) quick fixes', () => {
    test('the clean option needs none', async () => {
        await expectClean(agreement(CLEAN));
    });

    test.each([
        ['a misspelt inventory', 'deployed in deployment by database from created to deleted', "Write 'deployments'"],
        ['a misspelt resource field', 'deployed in deployments by databse from created to deleted', "Write 'database'"],
        ['a misspelt start', 'deployed in deployments by database from create to deleted', "Write 'created'"],
        ['a text as the end, the one other timestamp', 'deployed in deployments by database from created to owner', "Write 'deleted'"]
    ])('%s: the nearest name, preferred, settles it', async (_name, written, title) => {
        const { actions, apply } = await fixesFor(agreement(written), 'sla/uptime-deployed');
        expect(actions.find(action => action.title === title)?.isPreferred).toBe(true);
        const fixed = apply(title);
        expect(fixed).toBe(agreement(CLEAN));
        await expectClean(fixed);
    });

    test('the option twice: the repeat is removed with its comma', async () => {
        const { apply } = await fixesFor(agreement(`${CLEAN}, whole minutes, ${CLEAN}`), 'sla/uptime-option');
        const fixed = apply('Remove the repeated option');
        expect(fixed).toBe(agreement(`${CLEAN}, whole minutes`));
        await expectClean(fixed);
    });
});
