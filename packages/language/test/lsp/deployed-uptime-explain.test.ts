import { describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { cursorBefore, hoverHarness } from './hover-harness.js';

const { services, hover, parse } = hoverHarness();

const AGREEMENT = `agreement AzureSql "Databases measured while deployed" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"

    dataset outages "Database outages" from "outages.csv" {
        database text
        started  timestamp
        ended    timestamp optional
    }

    dataset deployments "One row per deployment of a database" from "deployments.csv" {
        database text
        created  timestamp
        deleted  timestamp optional
    }

    service Sql "SQL Database" {
        kpi Availability "Monthly uptime" = uptime(outages, from started to ended, deployed in deployments by database from created to deleted)
        objective Availability >= 99.99% per calendar month
        objective Availability >= 99.9% per calendar month for each database
    }
}
`;

const SENTENCE = "measured over each database's deployed time, summed over the databases (each deployment a row of deployments, "
    + 'from created to deleted, an empty deleted still deployed; an outage of a database not deployed at the time is no downtime)';

describe('uptime(…, deployed in …) in plain language', () => {
    test('sla explain: the option\'s sentence, the inventory read, and whose deployed time the budget is a share of', async () => {
        const document = await parse(AGREEMENT);
        expect(document.parseResult.parserErrors).toEqual([]);
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        expect(text).toContain(`Measured as the share of time not covered by the intervals of outages, each from started to ended, ${SENTENCE}.`);
        expect(text).toContain('- Reads: outages (`outages.csv`) and deployments (`deployments.csv`)');
        // 0.01 % of a 31-day month (44,640 minutes) is 4.464 minutes = 4 min 27.84 s (4 min 27 s shown); 30 days: 4.32 minutes
        // = 4 min 19 s; February (40,320 minutes): 4.032 minutes = 4 min 1 s.
        expect(text).toContain('That allows at most 4 min 27 s of downtime in a 31-day month (4 min 19 s in a 30-day month, 4 min 1 s in February 2026). '
            + "The budget is a share of the databases' deployed time summed: that allowance is for one database deployed throughout the window; ten such databases allow ten times it in all.");
        // 0.1 % of 44,640 minutes = 44.64 minutes = 44 min 38 s; of 43,200: 43 min 12 s; of 40,320: 40 min 19 s.
        expect(text).toContain('That allows at most 44 min 38 s of downtime in a 31-day month (43 min 12 s in a 30-day month, 40 min 19 s in February 2026). '
            + 'Each database is measured over its own deployed time: that allowance is for a database deployed throughout the window, and proportionally less for one deployed for part of it.');
    });

    test('hover on the KPI: the same sentence', async () => {
        await hover({
            text: cursorBefore(AGREEMENT, 'Availability "Monthly uptime"'),
            index: 0,
            hover: new RegExp(SENTENCE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        });
    });
});
