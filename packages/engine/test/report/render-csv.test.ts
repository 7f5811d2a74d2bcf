import { describe, expect, it } from 'vitest';
import { csvRecordsOf } from '../../src/data/csv.js';
import { seededRandom } from '../seeded-random.js';
import { CSV_COLUMNS, csvPieces, renderCsv, type CreditReport, type DatasetReport, type ObjectiveReport, type PortfolioReport, type Report, type WindowReport } from '../../src/index.js';

/**
 * `--format csv`: one row per window of each objective, internal target and credit, in the JSON
 * report's units, RFC 4180 (CRLF, quotes doubled), text a spreadsheet would run as a formula
 * shown as text.
 */
const MARCH = { start: '2026-03-01T00:00:00+01:00', end: '2026-04-01T00:00:00+02:00' };
const APRIL = { start: '2026-04-01T00:00:00+02:00', end: '2026-05-01T00:00:00+02:00' };

function window(parts: Partial<WindowReport>): WindowReport {
    return { ...MARCH, partial: false, value: null, status: 'no data', margin: null, budgetConsumed: null, budgetRemaining: null, rows: 0, unresolved: 0, ...parts };
}

function objective(parts: Partial<ObjectiveReport>): ObjectiveReport {
    return { service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability', comparison: '>=', target: 0.999, unit: 'ratio', window: 'calendar month', windows: [], status: 'met', ...parts };
}

function credit(parts: Partial<CreditReport>): CreditReport {
    return { service: 'WebShop', kpi: 'Availability', kpiKey: 'WebShop.Availability', window: 'calendar month', unit: 'ratio', currency: 'EUR', thresholds: [0.999], feeProrated: false, total: 1200, provisionalTotal: 0, windows: [], ...parts };
}

function report(agreement: string, parts: Partial<Report>): Report {
    return {
        schemaVersion: 1, agreement, timezone: 'Europe/Berlin', period: { from: MARCH.start, to: APRIL.end }, generatedAt: APRIL.end,
        datasets: [], objectives: [], internalTargets: [], credits: [], openItems: [], notes: [], totals: { windows: 0, met: 0, breached: 0, noData: 0 }, ...parts
    };
}

const hosting = report('AcmeHosting', {
    customer: 'Acme Corp',
    objectives: [
        objective({
            windows: [
                // 0.99953 against >= 99.9 %: margin +0.00053, budget (1 − 0.99953) / 0.001 = 0.47.
                window({ value: 0.99953, status: 'met', margin: 0.00053, budgetConsumed: 0.47, budgetRemaining: 0.53, rows: 12 }),
                window({ ...APRIL, value: 0.99, status: 'breached', margin: -0.009, budgetConsumed: 10, budgetRemaining: -9, rows: 3, provisional: true })
            ]
        }),
        // A target that steps up: the window's own target, not the objective's first one.
        objective({ kpi: 'P95Latency', kpiKey: 'WebShop.P95Latency', comparison: '<=', target: 300, unit: 'ms', windows: [window({ value: 287, status: 'met', margin: -13, target: 250 })] })
    ],
    internalTargets: [objective({ service: undefined, owner: 'Platform team', target: 0.9995, windows: [window({})] })],
    credits: [credit({
        windows: [
            { ...MARCH, partial: false, value: 0.99953, provisional: false, tier: null, tierLabel: null, percentOfFee: null, fee: 12_000, amount: 0, uncappedAmount: 0, capped: false },
            { ...APRIL, partial: false, value: 0.99, provisional: false, tier: 1, tierLabel: 'below 99.9%', percentOfFee: 10, fee: 12_000, amount: 1200, uncappedAmount: 1200, capped: false, claimBy: '2026-05-31', earnedBack: 'pending' }
        ]
    })]
});

describe('one agreement', () => {
    const lines = renderCsv(hosting).split('\r\n');

    it('a header of the documented columns, then one line per window, each ended by CRLF', () => {
        expect(lines[0]).toBe(CSV_COLUMNS.join(','));
        expect(lines[0]).toBe('agreement,customer,kind,service,kpi,window,scopeValue,plan,start,end,partial,status,value,unit,comparison,target,margin,budgetConsumed,provisional,default,tier,tierLabel,currency,fee,amount,uncappedAmount,capped,claimBy,earnedBack,notPayable,belowMinimum,feeMissing,note');
        // 2 + 1 objective windows, 1 internal target window, 2 credit windows, and the empty text after the last CRLF.
        expect(lines).toHaveLength(1 + 6 + 1);
        expect(lines.at(-1)).toBe('');
    });

    it('objective windows: status, value, target, margin and budget as in the JSON report; no credit cells', () => {
        expect(lines[1]).toBe('AcmeHosting,Acme Corp,objective,WebShop,Availability,calendar month,,,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,met,0.99953,ratio,>=,0.999,0.00053,0.47,false,,,,,,,,,,,,,,');
        expect(lines[2]).toBe('AcmeHosting,Acme Corp,objective,WebShop,Availability,calendar month,,,2026-04-01T00:00:00+02:00,2026-05-01T00:00:00+02:00,false,breached,0.99,ratio,>=,0.999,-0.009,10,true,,,,,,,,,,,,,,');
        expect(lines[3]).toBe('AcmeHosting,Acme Corp,objective,WebShop,P95Latency,calendar month,,,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,met,287,ms,<=,250,-13,,false,,,,,,,,,,,,,,');
    });

    it('an internal target without service, its window without data: empty cells, not zeros', () => {
        expect(lines[4]).toBe('AcmeHosting,Acme Corp,internal target,,Availability,calendar month,,,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,no data,,ratio,>=,0.9995,,,false,,,,,,,,,,,,,,');
    });

    it('credit windows: tier, currency, fee, amount, claim deadline and earn-back; no tier, an empty tier cell', () => {
        expect(lines[5]).toBe('AcmeHosting,Acme Corp,credit,WebShop,Availability,calendar month,,,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,,0.99953,ratio,,,,,false,,,,EUR,12000,0,0,false,,,,,,');
        expect(lines[6]).toBe('AcmeHosting,Acme Corp,credit,WebShop,Availability,calendar month,,,2026-04-01T00:00:00+02:00,2026-05-01T00:00:00+02:00,false,,0.99,ratio,,,,,false,,1,below 99.9%,EUR,12000,1200,1200,false,2026-05-31,pending,,,,');
    });
});

describe('scope values and plans', () => {
    it('an objective per plan and per field value: the plan and the value in their columns', () => {
        const perPlan = report('Desk', {
            objectives: [objective({ plan: 'Premium', scope: 'region', windows: [window({ value: 0.5, status: 'breached', margin: -0.499, scopeValue: 'eu' })] })],
            credits: [credit({ plan: 'Premium', scope: 'region', windows: [{ ...MARCH, partial: false, value: 0.5, provisional: true, inProgress: true, tier: 1, tierLabel: 'below 99.9%', percentOfFee: 10, fee: 1000, amount: 100, uncappedAmount: 100, capped: false, scopeValue: 'eu' }] })]
        });
        const [, objectiveLine, creditLine] = renderCsv(perPlan).split('\r\n');
        expect(objectiveLine).toBe('Desk,,objective,WebShop,Availability,calendar month,eu,Premium,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,breached,0.5,ratio,>=,0.999,-0.499,,false,,,,,,,,,,,,,,');
        // A credit still in progress: provisional, its amount not yet owed.
        expect(creditLine).toBe('Desk,,credit,WebShop,Availability,calendar month,eu,Premium,2026-03-01T00:00:00+01:00,2026-04-01T00:00:00+02:00,false,,0.5,ratio,,,,,true,,1,below 99.9%,EUR,1000,100,100,false,,,,,,');
    });
});

describe('text cells', () => {
    const scoped = (scopeValue: string) => report('Desk', {
        objectives: [objective({ scope: 'region', windows: [window({ value: 0.5, status: 'breached', margin: -0.499, scopeValue })] })]
    });
    const scopeCell = (scopeValue: string) => {
        const line = renderCsv(scoped(scopeValue)).split('\r\n')[1]!;
        return line.slice('Desk,,objective,WebShop,Availability,calendar month,'.length, line.indexOf(',,2026-03-01'));
    };

    it('a comma, a quote or a line break is quoted, the quote doubled (RFC 4180)', () => {
        expect(scopeCell('eu, "west"')).toBe('"eu, ""west"""');
        expect(renderCsv(scoped('two\nlines'))).toContain(',"two\nlines",');
    });

    it('text a spreadsheet would run as a formula is shown as text: a leading apostrophe', () => {
        expect(scopeCell('=HYPERLINK("http://example.com","x")')).toBe('"\'=HYPERLINK(""http://example.com"",""x"")"');
        expect(scopeCell('+1')).toBe("'+1");
        expect(scopeCell('-eu')).toBe("'-eu");
        expect(scopeCell('@SUM(A1)')).toBe("'@SUM(A1)");
        // Harmless text is left as it is; a negative margin is a number, not text.
        expect(scopeCell('eu-west')).toBe('eu-west');
        expect(renderCsv(scoped('eu'))).toContain(',-0.499,');
    });
});

describe('read back by the engine\'s own CSV reader (RFC 4180)', () => {
    it('500 hostile texts — separators, quotes, CR, LF, CRLF, formula starts, non-ASCII — come back as written', () => {
        const random = seededRandom(2026_12_06);
        const pieces = [',', '"', '""', '\r', '\n', '\r\n', ' ', 'a', 'Zürich', '日本', '=', '+', '-', '@', '\t', "'", ';', '1.5'];
        const texts = Array.from({ length: 500 }, () => Array.from({ length: 1 + random.int(6) }, () => random.pick(pieces)).join(''));
        const report1 = report('Desk', {
            customer: 'Contoso, "the customer"',
            objectives: [objective({ scope: 'region', windows: texts.map(scopeValue => window({ value: 0.5, status: 'breached', margin: -0.499, scopeValue })) })]
        });
        const records = csvRecordsOf(Buffer.from(renderCsv(report1), 'utf8'), true, ',', 1_000);
        expect(records).toHaveLength(texts.length);
        records.forEach(({ record }, index) => {
            const written = texts[index]!;
            // A text a spreadsheet would run as a formula carries one apostrophe before it; nothing else changes.
            expect(record.scopeValue).toBe(/^[=+\-@\t\r]/.test(written) ? `'${written}` : written);
            expect(record.customer).toBe('Contoso, "the customer"');
            expect(record.kind).toBe('objective');
            expect(record.margin).toBe('-0.499');
        });
    });
});

describe('a portfolio', () => {
    it('each agreement\'s rows in the portfolio\'s order, one header', () => {
        const other = report('Northwind', { objectives: [objective({ windows: [window({ value: 1, status: 'met', margin: 0.001 })] })] });
        const portfolio = { kind: 'portfolio', entries: [{ report: other }, { report: hosting }], notes: [] } as unknown as PortfolioReport;
        const lines = renderCsv(portfolio).split('\r\n');
        expect(lines.filter(line => line.startsWith('agreement,'))).toHaveLength(1);
        expect(lines.slice(1, -1).map(line => line.split(',')[0])).toEqual(['Northwind', ...Array(6).fill('AcmeHosting')]);
        // Written as it is made: the header, then one piece per agreement.
        const pieces = [...csvPieces(portfolio)];
        expect(pieces).toHaveLength(3);
        expect(pieces[0]).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
        expect(pieces[1]!.startsWith('Northwind,')).toBe(true);
        expect(pieces.join('')).toBe(renderCsv(portfolio));
    });
});

describe('notes: what the other formats say beside the tables (nothing dropped silently)', () => {
    // The starter of `sla init` with February's two 503 statuses typed "5O3" and --skip-invalid:
    // February is measured on the 98 rows kept, 98/98 = 100 %, met, no credit. The table says
    // why under "Open and skipped rows" and in a note; the CSV has to say it as well.
    const SKIPPED = 'invalid value "5O3" for field status (integer) in column 2 (status): expected an integer';
    const requests: DatasetReport = {
        name: 'requests', path: '/p/data/requests.csv', timeField: 'time', rows: 298, rejected: 2, rejectedShare: 2 / 300, outsidePeriod: 0,
        firstTime: MARCH.start, lastTime: APRIL.end, unresolved: 0, openIncidents: 0,
        coverage: { declaredEnd: null, end: APRIL.end, basis: 'last event', knownUntil: APRIL.end },
        rejectedSamples: [
            { line: 119, column: 2, field: 'status', value: '5O3', message: `data/requests.csv:119:2: ${SKIPPED}` },
            { line: 163, column: 2, field: 'status', value: '5O3', message: `data/requests.csv:163:2: ${SKIPPED}` }
        ]
    };
    const skipped = report('Starter', {
        customer: 'Your customer',
        datasets: [requests],
        objectives: [objective({ kpi: 'Success', windows: [window({ value: 1, status: 'met', margin: 0.001, rows: 98 })] })],
        notes: ["2 invalid row(s) of dataset 'requests' were skipped (--skip-invalid); the first ones are listed."]
    });
    // A note row: agreement, customer, kind, the 29 columns from service to feeMissing empty (30 commas), the note.
    const noteRow = (agreement: string, customer: string, note: string) => `${agreement},${customer},note${','.repeat(30)}${note}`;

    it('after the windows: a row of kind note per note of the report, then one per skipped row the report lists', () => {
        const lines = renderCsv(skipped).split('\r\n');
        // Header, 1 window, 1 note, 2 skipped rows, and the empty text after the last CRLF.
        expect(lines).toHaveLength(1 + 1 + 1 + 2 + 1);
        expect(lines[1]!.split(',')[2]).toBe('objective');
        expect(lines[2]).toBe(noteRow('Starter', 'Your customer', "2 invalid row(s) of dataset 'requests' were skipped (--skip-invalid); the first ones are listed."));
        // The message holds quotes: the cell is quoted, its quotes doubled.
        expect(lines[3]).toBe(noteRow('Starter', 'Your customer', `"invalid row of dataset 'requests' skipped: data/requests.csv:119:2: invalid value ""5O3"" for field status (integer) in column 2 (status): expected an integer"`));
        expect(lines[4]).toBe(noteRow('Starter', 'Your customer', `"invalid row of dataset 'requests' skipped: data/requests.csv:163:2: invalid value ""5O3"" for field status (integer) in column 2 (status): expected an integer"`));
    });

    it('read back, a note row has its text in the note column and nothing in the columns a billing import sums', () => {
        const records = csvRecordsOf(Buffer.from(renderCsv(skipped), 'utf8'), true, ',', 1_000).map(({ record }) => record);
        const notes = records.filter(record => record.kind === 'note');
        expect(notes.map(record => record.note)).toEqual([
            "2 invalid row(s) of dataset 'requests' were skipped (--skip-invalid); the first ones are listed.",
            `invalid row of dataset 'requests' skipped: data/requests.csv:119:2: ${SKIPPED}`,
            `invalid row of dataset 'requests' skipped: data/requests.csv:163:2: ${SKIPPED}`
        ]);
        expect(notes.every(record => record.amount === '' && record.status === '' && record.currency === '')).toBe(true);
        // A window row has an empty note.
        expect(records.find(record => record.kind === 'objective')!.note).toBe('');
    });

    it('a portfolio: each agreement\'s notes after its rows; the portfolio\'s own notes last, with no agreement', () => {
        const leftOut = 'Not yet in force on 2026-04-15T00:00:00+00:00, so not evaluated: Renewal (valid from 2027-01-01).';
        const portfolio = { kind: 'portfolio', entries: [{ report: skipped }], notes: [leftOut] } as unknown as PortfolioReport;
        const pieces = [...csvPieces(portfolio)];
        // The header, the agreement's rows (1 window + 3 notes), the portfolio's notes.
        expect(pieces).toHaveLength(3);
        // The note holds commas: quoted.
        expect(pieces[2]).toBe(`${noteRow('', '', `"${leftOut}"`)}\r\n`);
        expect(pieces[1]!.split('\r\n').filter(line => line.startsWith('Starter,Your customer,note,'))).toHaveLength(3);
    });
});
