import { describe, expect, test } from 'vitest';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** A clean agreement around `service` members; `head` replaces the agreement's settings. */
function agreement(members: string, head = '    timezone "Europe/Berlin"\n    fee 1000 EUR per calendar month'): string {
    return `agreement Fixes "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
${head}

    calendar Office "Office hours" {
        monday to friday 08:00 to 18:00
    }

    dataset requests "Access log" from "data/requests.csv" {
        time timestamp
        latency duration ms column "latency_ms"
        status integer
    }

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened timestamp
        responded timestamp optional
    }

    service Web "Web shop" {
        kpi Latency "95th percentile latency" = percentile(95, requests.latency)
        kpi Success "Share of successful requests" = count(requests where status < 500) / count(requests)
        kpi Response "Time to respond" = percentile(90, elapsed(tickets.opened, tickets.responded) during Office)
        objective Success >= 99.9% per calendar month
        objective Response <= 30 minutes per calendar month
${members}
    }
}
`;
}

/**
 * Applies the fix titled `title` to the only `code` diagnostic of `before`, checks the text
 * it yields, and that the result has that diagnostic no more and no new one (a fix may
 * also settle related diagnostics: binding a clause to a KPI also measures the clause).
 */
async function expectFix(before: string, code: string, title: string, after: string): Promise<void> {
    const { apply } = await fixesFor(before, code);
    const fixed = apply(title);
    expect(fixed).toBe(after);
    const beforeCodes = codesOf((await validate(before)).diagnostics);
    const afterCodes = codesOf((await validate(fixed)).diagnostics);
    expect(afterCodes).not.toContain(code);
    const remaining = [...beforeCodes];
    remaining.splice(remaining.indexOf(code), 1);
    for (const afterCode of afterCodes) {
        const index = remaining.indexOf(afterCode);
        expect(index, `the fix introduced ${afterCode}`).toBeGreaterThanOrEqual(0);
        remaining.splice(index, 1);
    }
}

describe('quick fixes', () => {
    test('the clean document has no diagnostics (baseline for every fix below)', async () => {
        const { diagnostics } = await validate(agreement('        objective Latency <= 300 ms per calendar month'));
        expect(diagnostics.map(d => d.message)).toEqual([]);
    });

    test('window-missing: add per calendar month', async () => {
        await expectFix(agreement('        objective Latency <= 300 ms'), 'sla/window-missing', "Add 'per calendar month'",
            agreement('        objective Latency <= 300 ms per calendar month'));
    });

    test('window-ambiguous: both readings are offered, and each one fixes it', async () => {
        const before = agreement('        objective Latency <= 300 ms monthly');
        const { actions } = await fixesFor(before, 'sla/window-ambiguous');
        expect(actions.map(a => a.title)).toEqual(["Write 'per calendar month'", "Write 'per rolling 30 days'"]);
        await expectFix(before, 'sla/window-ambiguous', "Write 'per calendar month'", agreement('        objective Latency <= 300 ms per calendar month'));
        await expectFix(before, 'sla/window-ambiguous', "Write 'per rolling 30 days'", agreement('        objective Latency <= 300 ms per rolling 30 days'));
        await expectFix(agreement('        objective Latency <= 300 ms per 7 days'), 'sla/window-ambiguous', "Write 'per calendar week'",
            agreement('        objective Latency <= 300 ms per calendar week'));
    });

    test('timezone-missing: add timezone "UTC"', async () => {
        const head = '    fee 1000 EUR per calendar month';
        await expectFix(agreement('        objective Latency <= 300 ms per calendar month', head), 'sla/timezone-missing', 'Add timezone "UTC"',
            agreement('        objective Latency <= 300 ms per calendar month', head).replace('agreement Fixes "Hosting" {\n', 'agreement Fixes "Hosting" {\n    timezone "UTC"\n'));
    });

    test('timezone-unknown: the nearest zone names', async () => {
        const members = '        objective Latency <= 300 ms per calendar month';
        const typo = agreement(members, '    timezone "Europe/Berln"\n    fee 1000 EUR per calendar month');
        await expectFix(typo, 'sla/timezone-unknown', 'Use "Europe/Berlin"', agreement(members));
        const abbreviation = agreement(members, '    timezone "CET"\n    fee 1000 EUR per calendar month');
        await expectFix(abbreviation, 'sla/timezone-unknown', 'Use "Europe/Berlin"', agreement(members));
    });

    test('unit-missing: ms or s on a duration target, % on a percentage, a unit on a formula literal', async () => {
        await expectFix(agreement('        objective Latency <= 300 per calendar month'), 'sla/unit-missing', "Add 'ms'",
            agreement('        objective Latency <= 300 ms per calendar month'));
        await expectFix(agreement('        objective Latency <= 2 per calendar month'), 'sla/unit-missing', "Add 's'",
            agreement('        objective Latency <= 2 s per calendar month'));
        await expectFix(agreement('        objective Success >= 99 per rolling 7 days\n        objective Latency <= 300 ms per calendar month'), 'sla/unit-missing', "Add '%'",
            agreement('        objective Success >= 99% per rolling 7 days\n        objective Latency <= 300 ms per calendar month'));
        const formula = (literal: string) => agreement(`        kpi Slow "Slow requests" = count(requests where latency > ${literal})\n        objective Slow <= 10 per calendar month\n        objective Latency <= 300 ms per calendar month`);
        await expectFix(formula('300'), 'sla/unit-missing', "Add 'ms'", formula('300 ms'));
    });

    test('unit-missing: a fraction where a percentage is meant is written as that percentage first, % added second', async () => {
        // '0.95%' would promise almost nothing: 95% is the preferred fix, the literal reading stays on offer.
        const target = (value: string) => agreement(`        objective Success >= ${value} per rolling 7 days\n        objective Latency <= 300 ms per calendar month`);
        const { actions } = await fixesFor(target('0.95'), 'sla/unit-missing');
        expect(actions.map(a => [a.title, a.isPreferred ?? false])).toEqual([["Write '95%'", true], ["Add '%'", false]]);
        await expectFix(target('0.95'), 'sla/unit-missing', "Write '95%'", target('95%'));
        await expectFix(target('0.95'), 'sla/unit-missing', "Add '%'", target('0.95%'));
        // Exact decimal text, not 99.94999…: a tier threshold, and a share of the fee.
        const credit = (threshold: string, cap: string) => agreement(`        objective Latency <= 300 ms per calendar month
        credit for Success per calendar month, capped at ${cap} of fee {
            below ${threshold} : 10% of fee
        }`);
        await expectFix(credit('0.9985', '50%'), 'sla/unit-missing', "Write '99.85%'", credit('99.85%', '50%'));
        const cap = await fixesFor(credit('99.9%', '0.5'), 'sla/unit-missing');
        expect(cap.actions.map(a => [a.title, a.isPreferred ?? false])).toEqual([["Write '50%'", true], ["Add '%'", false]]);
        expect(cap.apply("Write '50%'")).toBe(credit('99.9%', '50%'));
        // Above 1 the number is a percentage already missing its sign.
        expect((await fixesFor(target('99'), 'sla/unit-missing')).actions.map(a => [a.title, a.isPreferred ?? false])).toEqual([["Add '%'", true]]);
    });

    test('unresolved-reference: a zone without quotes gets them', async () => {
        const head = (zone: string) => `    timezone ${zone}\n    fee 1000 EUR per calendar month`;
        const members = '        objective Latency <= 300 ms per calendar month';
        const { actions } = await fixesFor(agreement(members, head('UTC')), 'sla/unresolved-reference');
        expect(actions.map(a => [a.title, a.isPreferred ?? false])).toEqual([[`Write '"UTC"'`, true]]);
        await expectFix(agreement(members, head('UTC')), 'sla/unresolved-reference', `Write '"UTC"'`, agreement(members, head('"UTC"')));
        await expectFix(agreement(members, head('Berlin')), 'sla/unresolved-reference', `Write '"Europe/Berlin"'`, agreement(members, head('"Europe/Berlin"')));
    });

    test('member-misplaced: the window is moved before for each', async () => {
        const regions = (objective: string, credit: string) => `agreement Regions "Compute" {
    provider P "Provider Inc."
    customer C "Customer LLC"
    timezone "UTC"
    fee 1000 USD per calendar month

    dataset outages "Outages per zone" from "data/zone-outages.csv" {
        region   text
        started  timestamp
        ended    timestamp optional
    }

    service Compute "Compute" {
        kpi Uptime "Uptime" = uptime(outages, from started to ended)
        objective Uptime >= 99.99% ${objective}
        credit for Uptime ${credit}, capped at 100% of fee {
            below 99.99% : 10% of fee
        }
    }
}
`;
        const right = 'per calendar month for each region';
        await expectFix(regions('for each  region per calendar month', right), 'sla/member-misplaced', `Write '${right}'`, regions(right, right));
        await expectFix(regions(right, 'for each region per calendar month'), 'sla/member-misplaced', `Write '${right}'`, regions(right, right));
    });

    test('unit-unknown: the nearest units', async () => {
        await expectFix(agreement('        objective Latency <= 300 msec per calendar month'), 'sla/unit-unknown', "Write 'ms'",
            agreement('        objective Latency <= 300 ms per calendar month'));
    });

    test("unresolved-reference: a misspelt function gets the nearest function", async () => {
        const before = agreement('').replace('count(requests where status < 500)', 'cuont(requests where status < 500)');
        await expectFix(before, 'sla/unresolved-reference', "Write 'count'", agreement(''));
    });

    test("unknown-type: a field's misspelt type gets the nearest type", async () => {
        const before = agreement('').replace('        status integer', '        status integr');
        await expectFix(before, 'sla/unknown-type', "Write 'integer'", agreement(''));
    });

    test("unit-unknown: a duration field's misspelt unit gets the nearest duration unit", async () => {
        const before = agreement('').replace('latency duration ms column', 'latency duration msec column');
        await expectFix(before, 'sla/unit-unknown', "Write 'ms'", agreement(''));
    });

    test("unit-missing: a duration field without a unit gets the unit its numbers are in", async () => {
        const before = agreement('').replace('latency duration ms column', 'latency duration column');
        await expectFix(before, 'sla/unit-missing', "Numbers in minutes: write 'duration minutes'", agreement('').replace('latency duration ms column', 'latency duration minutes column'));
        await expectFix(before, 'sla/unit-missing', "Numbers in milliseconds: write 'duration ms'", agreement(''));
    });

    test('comparison-missing: >= for a percentage, <= offered first for a duration', async () => {
        await expectFix(agreement('        objective Success 99.5% per rolling 7 days\n        objective Latency <= 300 ms per calendar month'), 'sla/comparison-missing', "Write '>='",
            agreement('        objective Success >= 99.5% per rolling 7 days\n        objective Latency <= 300 ms per calendar month'));
        const { actions } = await fixesFor(agreement('        objective Latency 300 ms per calendar month'), 'sla/comparison-missing');
        expect(actions.map(a => a.title)).toEqual(["Write '<='", "Write '>='"]);
        expect(actions[0].isPreferred).toBe(true);
    });

    test('vague-term: bind the clause to a measured objective', async () => {
        const before = agreement('        objective Latency <= 300 ms per calendar month\n        clause Speed "Pages load quickly."');
        await expectFix(before, 'sla/vague-term', "Measure by 'Latency'",
            agreement('        objective Latency <= 300 ms per calendar month\n        clause Speed "Pages load quickly." measured by Latency'));
    });

    test('tier-range-ambiguous: rewrite between as explicit bounds', async () => {
        const credit = (condition: string) => agreement(`        objective Latency <= 300 ms per calendar month
        credit for Success per calendar month, capped at 50% of fee {
            ${condition} : 10% of fee
            below 99.0% : 25% of fee
        }`);
        await expectFix(credit('between 99.0% and 99.9%'), 'sla/tier-range-ambiguous', "Write 'at least 99.0% and below 99.9%'",
            credit('at least 99.0% and below 99.9%'));
    });

    test('unit-mismatch: a credit formula giving a percentage is multiplied by the fee', async () => {
        const credit = (amount: string) => agreement(`        objective Latency <= 300 ms per calendar month
        credit for Success per calendar month, capped at 50% of fee {
            below 99.9% : ${amount}
        }`);
        await expectFix(credit('10 * (100% - Success)'), 'sla/unit-mismatch', "Multiply by the fee: '10 * (100% - Success) * fee'",
            credit('(10 * (100% - Success)) * fee'));
    });

    test('credit-formula: eligible on a KPI that is no uptime becomes window', async () => {
        const credit = (amount: string) => agreement(`        objective Latency <= 300 ms per calendar month
        credit for Success per calendar month, capped at 50% of fee {
            below 99.9% : ${amount}
        }`);
        await expectFix(credit('10 * (100% - Success) * eligible / window * fee'), 'sla/credit-formula', "Use 'window', the window's length",
            credit('10 * (100% - Success) * window / window * fee'));
    });

    test('unit-missing: a claim deadline gets days', async () => {
        const credit = (period: string) => agreement(`        objective Latency <= 300 ms per calendar month
        credit for Success per calendar month, capped at 50% of fee {
            below 99.9% : 10% of fee
            claim within ${period}
        }`);
        await expectFix(credit('30'), 'sla/unit-missing', "Add 'days'", credit('30 days'));
    });

    test('business-clock-unclear: during a calendar, or wall-clock', async () => {
        const kpi = (clock: string) => agreement(`        kpi Resolve "Time to resolve" = percentile(90, elapsed(tickets.opened, tickets.responded)${clock})
        objective Resolve <= 4 hours per calendar month
        objective Latency <= 300 ms per calendar month`);
        await expectFix(kpi(''), 'sla/business-clock-unclear', "Measure during 'Office'", kpi(' during Office'));
        await expectFix(kpi(''), 'sla/business-clock-unclear', 'Measure wall-clock time', kpi(' wall-clock'));
    });

    test('naive-timestamps: add the agreement\'s time zone to the dataset', async () => {
        const dataset = (zone: string) => agreement(`        kpi Naive "Naive tickets" = count(naive)
        objective Naive >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset naive "Naive" from "data/naive-tickets.csv" {${zone}
        opened timestamp
    }

    service Web`);
        await expectFix(dataset(''), 'sla/naive-timestamps', 'Add timezone "Europe/Berlin"', dataset('\n        timezone "Europe/Berlin"'));
    });

    test('column-missing: read the nearest column of the header', async () => {
        // data/column-tickets.csv has the header id,priority,opened_at,resolved_at.
        const dataset = (fields: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/column-tickets.csv" {
${fields}
    }

    service Web`);
        // A misspelt column string is replaced by the nearest header name.
        await expectFix(dataset('        id text\n        opened timestamp column "opened_on"'), 'sla/column-missing', 'Read the column "opened_at"',
            dataset('        id text\n        opened timestamp column "opened_at"'));
        // A field without `column` (its name is the column) gets one.
        await expectFix(dataset('        id text\n        opened timestamp'), 'sla/column-missing', 'Read the column "opened_at"',
            dataset('        id text\n        opened timestamp column "opened_at"'));
        await expectFix(dataset('        id text\n        priorty text optional'), 'sla/column-missing', 'Read the column "priority"',
            dataset('        id text\n        priorty text column "priority" optional'));
        // A header name holding U+FFFD (valid UTF-8 here) is quoted but not written into the agreement, where U+FFFD means lost bytes (sla/text-encoding).
        const replacement = dataset('        id text\n        priority text').replace('column-tickets.csv', 'column-replacement-char.csv');
        const { actions: none } = await fixesFor(replacement, 'sla/column-missing');
        expect(none).toEqual([]);
        expect(codesOf((await validate(replacement)).diagnostics)).toContain('sla/column-missing');
        // A file none of whose columns is declared may be no data file: its names are neither quoted nor offered.
        const { actions } = await fixesFor(dataset('        opened timestamp column "opened_on"'), 'sla/column-missing');
        expect(actions).toEqual([]);
    });

    test('data-file-format: declare the format that reads the file', async () => {
        // data/format-lines.json holds one object per line; data/format-array.ndjson is one JSON array; data/encoding-windows1252.csv: `Ticket;Priorität;Eröffnet`.
        const dataset = (file: string, format: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/${file}" {${format}
        id text${file.includes('1252') ? ' column "Ticket"' : ''}
        opened timestamp column "${file.includes('1252') ? 'Eröffnet' : 'opened_at'}"
    }

    service Web`);
        await expectFix(dataset('format-lines.json', ''), 'sla/data-file-format', 'Declare format ndjson', dataset('format-lines.json', '\n        format ndjson'));
        await expectFix(dataset('format-array.ndjson', ''), 'sla/data-file-format', 'Declare format json', dataset('format-array.ndjson', '\n        format json'));
        // A format written already is replaced.
        await expectFix(dataset('format-lines.json', '\n        format json'), 'sla/data-file-format', 'Declare format ndjson', dataset('format-lines.json', '\n        format ndjson'));
        // Records wrapped in an object: no format reads them, none is offered.
        expect((await fixesFor(dataset('format-wrapped.json', ''), 'sla/data-file-format')).actions).toEqual([]);
        // A CSV file in UTF-16, or with a header in Windows-1252: the encoding that reads it (replacing one written).
        await expectFix(dataset('encoding-utf16.csv', ''), 'sla/data-file-format', 'Declare encoding "utf-16"', dataset('encoding-utf16.csv', '\n        encoding "utf-16"'));
        await expectFix(dataset('encoding-windows1252.csv', '\n        separator ";"'), 'sla/data-file-format', 'Declare encoding "windows-1252"', dataset('encoding-windows1252.csv', '\n        encoding "windows-1252"\n        separator ";"'));
        await expectFix(dataset('encoding-windows1252.csv', '\n        encoding "utf-8"\n        separator ";"'), 'sla/data-file-format', 'Declare encoding "windows-1252"', dataset('encoding-windows1252.csv', '\n        encoding "windows-1252"\n        separator ";"'));
        // UTF-16 as NDJSON: JSON is UTF-8 by its standard, no encoding is offered.
        expect((await fixesFor(dataset('encoding-utf16be.ndjson', ''), 'sla/data-file-format')).actions).toEqual([]);
    });

    test('column-missing: declare the separator (and decimal mark) that reads the file', async () => {
        // data/column-semicolon.csv: semicolons, no numbers; data/dialect-excel.csv: semicolons and a decimal comma (cost 1,5).
        const dataset = (file: string, dialect: string, fields = '        id text\n        opened timestamp column "opened_at"') => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/${file}" {${dialect}
${fields}
    }

    service Web`);
        await expectFix(dataset('column-semicolon.csv', ''), 'sla/column-missing', 'Declare separator ";"', dataset('column-semicolon.csv', '\n        separator ";"'));
        const offered = async (text: string) => (await fixesFor(text, 'sla/column-missing')).actions.map(action => ({ title: action.title, preferred: action.isPreferred }));
        expect(await offered(dataset('column-semicolon.csv', ''))).toEqual([{ title: 'Declare separator ";"', preferred: true }]);
        // A number written with a decimal comma in the first record: both lines, preferred; the separator alone too.
        const excel = (dialect: string) => dataset('dialect-excel.csv', dialect, '        id text\n        cost number in EUR');
        expect(await offered(excel(''))).toEqual([{ title: 'Declare separator ";" and decimal ","', preferred: true }, { title: 'Declare separator ";"' }]);
        await expectFix(excel(''), 'sla/column-missing', 'Declare separator ";" and decimal ","', excel('\n        separator ";"\n        decimal ","'));
        // Another separator declared: it is replaced.
        await expectFix(excel('\n        separator "|"'), 'sla/column-missing', 'Declare separator ";" and decimal ","', excel('\n        decimal ","\n        separator ";"'));
        // A comma file declared with semicolons: the separator line goes.
        await expectFix(dataset('column-tickets.csv', '\n        separator ";"'), 'sla/column-missing', 'Remove the separator line', dataset('column-tickets.csv', ''));
    });

    test('timestamp-format: declare the layout the first record is written in', async () => {
        // data/layout-excel.csv: 04.12.2026 13:05; data/layout-ambiguous.csv: 04/12/2026 13:05.
        const dataset = (file: string, type: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/${file}" {
        separator ";"
        timezone "Europe/Berlin"
        id text
        opened ${type} column "opened_at"
    }

    service Web`);
        await expectFix(dataset('layout-excel.csv', 'timestamp'), 'sla/timestamp-format', 'Declare format "DD.MM.YYYY HH:mm"', dataset('layout-excel.csv', 'timestamp format "DD.MM.YYYY HH:mm"'));
        // A layout declared that does not read the file: replaced.
        await expectFix(dataset('layout-excel.csv', 'timestamp format "MM/DD/YYYY HH:mm"'), 'sla/timestamp-format', 'Declare format "DD.MM.YYYY HH:mm"', dataset('layout-excel.csv', 'timestamp format "DD.MM.YYYY HH:mm"'));
        // Day or month first: both offered, neither preferred.
        const ambiguous = dataset('layout-ambiguous.csv', 'timestamp').replace('        separator ";"\n', '');
        const offered = (await fixesFor(ambiguous, 'sla/timestamp-format')).actions.map(action => ({ title: action.title, preferred: action.isPreferred }));
        expect(offered).toEqual([{ title: 'Declare format "DD/MM/YYYY HH:mm"', preferred: undefined }, { title: 'Declare format "MM/DD/YYYY HH:mm"', preferred: undefined }]);
        await expectFix(ambiguous, 'sla/timestamp-format', 'Declare format "MM/DD/YYYY HH:mm"', ambiguous.replace('opened timestamp column', 'opened timestamp format "MM/DD/YYYY HH:mm" column'));
    });

    test('csv-dialect: declare the decimal mark the first record is written with, or remove it', async () => {
        // data/dialect-excel.csv: cost 1,5; data/dialect-points.csv: cost 1.5.
        const dataset = (file: string, dialect: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/${file}" {
        separator ";"${dialect}
        id text
        cost number in EUR
    }

    service Web`);
        await expectFix(dataset('dialect-excel.csv', ''), 'sla/csv-dialect', 'Declare decimal ","', dataset('dialect-excel.csv', '').replace('{\n        separator', '{\n        decimal ","\n        separator'));
        await expectFix(dataset('dialect-excel.csv', '\n        decimal "."'), 'sla/csv-dialect', 'Declare decimal ","', dataset('dialect-excel.csv', '\n        decimal ","'));
        await expectFix(dataset('dialect-points.csv', '\n        decimal ","'), 'sla/csv-dialect', 'Remove decimal ","', dataset('dialect-points.csv', ''));
    });

    test('csv-dialect: a separator written by name becomes the character', async () => {
        const dataset = (separator: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/dialect-excel.csv" {
        separator ${separator}
        id text
    }

    service Web`);
        await expectFix(dataset('"semicolon"'), 'sla/csv-dialect', 'Write separator ";"', dataset('";"'));
        await expectFix(dataset('"tab"').replace('dialect-excel.csv', 'dialect-tabs.tsv'), 'sla/csv-dialect', 'Write separator "\\t"', dataset('"\\t"').replace('dialect-excel.csv', 'dialect-tabs.tsv'));
        expect((await fixesFor(dataset('";;"'), 'sla/csv-dialect')).actions).toEqual([]);
    });

    test('csv-dialect: an encoding written by another name, or one the file is not in', async () => {
        // data/encoding-windows1252.csv and encoding-utf8.csv: `Ticket;Priorität;…`; data/encoding-utf16.csv: `id,priority,opened_at`.
        const dataset = (file: string, encoding: string) => agreement(`        kpi Open "Opened tickets" = count(desk)
        objective Open >= 1 per calendar month
        objective Latency <= 300 ms per calendar month`).replace('    service Web', `    dataset desk "Desk" from "data/${file}" {
        encoding ${encoding}
${file.includes('utf16') ? '        id text' : '        separator ";"\n        id text column "Ticket"'}
    }

    service Web`);
        await expectFix(dataset('encoding-windows1252.csv', '"latin1"'), 'sla/csv-dialect', 'Write encoding "windows-1252"', dataset('encoding-windows1252.csv', '"windows-1252"'));
        await expectFix(dataset('encoding-utf16.csv', '"UTF-16LE"'), 'sla/csv-dialect', 'Write encoding "utf-16"', dataset('encoding-utf16.csv', '"utf-16"'));
        expect((await fixesFor(dataset('encoding-windows1252.csv', '"ebcdic"'), 'sla/csv-dialect')).actions).toEqual([]);
        // A UTF-8 file declared Windows-1252: the line goes; a UTF-16 file so declared: UTF-16.
        await expectFix(dataset('encoding-utf8.csv', '"windows-1252"'), 'sla/csv-dialect', 'Remove encoding "windows-1252"', dataset('encoding-utf8.csv', '"windows-1252"').replace('        encoding "windows-1252"\n', ''));
        await expectFix(dataset('encoding-utf16.csv', '"windows-1252"'), 'sla/csv-dialect', 'Write encoding "utf-16"', dataset('encoding-utf16.csv', '"utf-16"'));
    });

    test('fixed-month-duration: 30 days, or a calendar month for a window', async () => {
        await expectFix(agreement('        objective Latency <= 1 month per calendar quarter\n        objective Latency <= 300 ms per calendar month'), 'sla/fixed-month-duration', "Write '30 days'",
            agreement('        objective Latency <= 30 days per calendar quarter\n        objective Latency <= 300 ms per calendar month'));
        await expectFix(agreement('        objective Latency <= 300 ms per rolling 1 month'), 'sla/fixed-month-duration', "Write 'per calendar month'",
            agreement('        objective Latency <= 300 ms per calendar month'));
    });

    test('kpi-name-ambiguous: qualify with the service', async () => {
        const doc = (reference: string) => agreement('        objective Latency <= 300 ms per calendar month')
            .replace(/\n}\n$/, `
    service Api "API" {
        kpi Latency "API latency" = percentile(99, requests.latency)
        objective Latency <= 300 ms per calendar month
    }
    internal target ${reference} <= 250 ms per calendar month owner "Ops"
}
`);
        const { actions } = await fixesFor(doc('Latency'), 'sla/kpi-name-ambiguous');
        expect(actions.map(a => a.title)).toEqual(["Write 'Web.Latency'", "Write 'Api.Latency'"]);
        await expectFix(doc('Latency'), 'sla/kpi-name-ambiguous', "Write 'Api.Latency'", doc('Api.Latency'));
    });

    test('unresolved-reference: the nearest declared names', async () => {
        await expectFix(agreement('        objective Latncy <= 300 ms per calendar month'), 'sla/unresolved-reference', "Write 'Latency'",
            agreement('        objective Latency <= 300 ms per calendar month'));
    });
    test('business-days-unclear: business days, or the explicit working hours (10 h a day in Office)', async () => {
        const kpi = (limit: string) => `        kpi Quick "Responded quickly" = share(tickets where elapsed(opened, responded) during Office <= ${limit} of tickets)\n        objective Quick >= 90% per calendar month`;
        const before = agreement(kpi('2 days'));
        const { actions } = await fixesFor(before, 'sla/business-days-unclear');
        // 2 days meant as 2 working days of 08:00–18:00: 2 × 10 = 20 hours.
        expect(actions.map(a => a.title)).toEqual(["Write '2 business days'", "Write '20 hours' (2 × 10 working hours)"]);
        await expectFix(before, 'sla/business-days-unclear', "Write '2 business days'", agreement(kpi('2 business days')));
        await expectFix(before, 'sla/business-days-unclear', "Write '20 hours' (2 × 10 working hours)", agreement(kpi('20 hours')));
        // A week of Office is its 5 working days: 5 business days, or 50 hours.
        await expectFix(agreement(kpi('1 week')), 'sla/business-days-unclear', "Write '5 business days'", agreement(kpi('5 business days')));
        // On an objective only the hours: business days are counted per row, inside a formula.
        const objective = agreement('        objective Response <= 1.5 days per rolling 7 days');
        expect((await fixesFor(objective, 'sla/business-days-unclear')).actions.map(a => a.title)).toEqual(["Write '15 hours' (1.5 × 10 working hours)"]);
        await expectFix(objective, 'sla/business-days-unclear', "Write '15 hours' (1.5 × 10 working hours)", agreement('        objective Response <= 15 hours per rolling 7 days'));
    });
    // A fee inside a service is now the service's own fee (not misplaced): the validity stands for the agreement-level lines.
    test('member-misplaced: a validity inside a service moves to the agreement, before the service', async () => {
        const head = '    timezone "Europe/Berlin"\n    fee 1000 EUR per calendar month';
        const before = agreement('        valid from 2026-01-01 to 2026-06-30', head);
        const after = agreement('', head).replace('    service Web "Web shop" {', '    valid from 2026-01-01 to 2026-06-30\n\n    service Web "Web shop" {').replace('per calendar month\n\n    }\n}', 'per calendar month\n    }\n}');
        await expectFix(before, 'sla/member-misplaced', 'Move it to the agreement', after);
    });
});
