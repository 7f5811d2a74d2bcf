/**
 * A random portfolio for the differential test (portfolio-differential.test.ts): three shared
 * exports (requests, incidents, tickets) of several clients over March–November 2026, and client
 * agreements over them, each drawn from a seed. The data are messy on purpose: rows crowd around
 * month ends and DST changes (late March, late October, and Lord Howe's and New York's), rows are
 * out of order, timestamps are written with `Z` or an offset, clients are missing, differ from a
 * scoped one only by case, surrounding spaces or Unicode normalisation, some cells are invalid,
 * some incidents and tickets are open. Nothing here knows what the engine computes: the test
 * compares the engine with itself (a portfolio pass against each agreement alone).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgreementModel, CreditModel, CreditTier, Expr, FieldSpec, KpiModel, ObjectiveModel, WindowSpec } from '../../src/index.js';
import type { SeededRandom } from '../seeded-random.js';
import { agreement, aggregate, bin, count, DAY, HOUR, MINUTE, MONTH, num, percentile, ref, str } from '../evaluate/fixtures.js';

/**
 * Clients an agreement may be scoped to (each holds rows of every export, so no scope is unmatched): plain,
 * Unicode, one longer than 32 bytes with a quote and a comma (always quoted in the file), and two that are also
 * texts of other columns (a region, a priority).
 */
export const CLIENTS = ['northwind', 'contoso', 'zürich-ä', '東京', 'ünïcode "client", whose name is longer than 32 bytes', 'eu', 'P1'];
/** Cells that look like a scoped client but are not it (case, spaces, the decomposed ü, a longer name it begins), or another client, or none. */
export const LOOKALIKES = ['Northwind', 'NORTHWIND', ' northwind', 'northwind ', 'northwind2', 'Contoso', ' contoso ', 'zu\u0308rich-ä', '東京 ', 'fabrikam', ''];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe'];
const SERVICES = ['api', 'web', 'db'];
const REGIONS = ['eu', 'us', 'apac', ''];

const FIRST = Date.parse('2026-03-01T00:00:00Z');
const LAST = Date.parse('2026-11-20T00:00:00Z');
/** Instants where a zone's clock jumps (2026): New York, Berlin and Lord Howe in spring and autumn. */
const DST_CHANGES = ['2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', '2026-10-25T01:00:00Z', '2026-11-01T06:00:00Z'].map(Date.parse);
/** UTC offsets (minutes) of the zones above and others a file may write: a month starts at local midnight in each. */
const OFFSETS = [0, 60, 120, -240, -300, 540, 600, 630, 660, 345];

export const REQUEST_FIELDS: FieldSpec[] = [
    // Optional: a row without a time is in no window (`withoutEventTime`).
    { name: 'time', column: 'time', kind: 'timestamp', optional: true },
    { name: 'client', column: 'client', kind: 'text', optional: true },
    { name: 'service', column: 'service', kind: 'text', optional: false },
    { name: 'latency', column: 'latency_ms', kind: 'duration', optional: false },
    { name: 'status', column: 'status', kind: 'integer', optional: false },
    { name: 'region', column: 'region', kind: 'text', optional: true }
];
export const INCIDENT_FIELDS: FieldSpec[] = [
    { name: 'client', column: 'client', kind: 'text', optional: true },
    { name: 'service', column: 'service', kind: 'text', optional: false },
    { name: 'severity', column: 'severity', kind: 'enum', optional: false, enumValues: ['outage', 'degraded', 'minor'] },
    { name: 'started', column: 'started', kind: 'timestamp', optional: false },
    { name: 'resolved', column: 'resolved', kind: 'timestamp', optional: true }
];
export const TICKET_FIELDS: FieldSpec[] = [
    { name: 'client', column: 'client', kind: 'text', optional: true },
    { name: 'opened', column: 'opened', kind: 'timestamp', optional: false },
    { name: 'responded', column: 'responded', kind: 'timestamp', optional: true },
    { name: 'priority', column: 'priority', kind: 'enum', optional: false, enumValues: ['P1', 'P2', 'P3', 'P4'] }
];

export interface PortfolioFiles {
    requests: string;
    incidents: string;
    tickets: string;
    /** rows written per file (invalid ones included) */
    rows: { requests: number; incidents: number; tickets: number };
    /** per client cell as written (unquoted), the requests rows written without an invalid cell */
    validRequests: Map<string, number>;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** An instant between March and November: a third of them within hours of a month's start in some zone or of a DST change. */
function instant(random: SeededRandom): number {
    const draw = random.next();
    if (draw < 0.15) return random.pick(DST_CHANGES) + Math.round((random.next() - 0.5) * 6 * HOUR / 1000) * 1000;
    if (draw < 0.35) {
        const monthStart = Date.UTC(2026, 3 + random.int(8), 1) - random.pick(OFFSETS) * MINUTE;
        return monthStart + Math.round((random.next() - 0.5) * 4 * HOUR / 1000) * 1000;
    }
    return FIRST + Math.floor(random.next() * (LAST - FIRST) / 1000) * 1000;
}

/** The zone of the requests' naive timestamps (`2026-03-29T02:30:00`, in the gap, is 03:30). */
export const REQUESTS_ZONE = 'Europe/Berlin';

/**
 * The instant as a file may write it: `Z` with or without milliseconds, or another offset (the same
 * instant); `naive`: one in ten as a wall time in REQUESTS_ZONE (a repeated hour read as its first time).
 */
function timestamp(random: SeededRandom, ms: number, naive = false): string {
    if (naive && random.chance(0.1)) {
        const wall = new Date(ms + random.pick([60, 120]) * MINUTE).toISOString().slice(0, 19);
        return random.chance(0.5) ? wall : wall.replace('T', ' ');
    }
    const form = random.next();
    if (form < 0.45) return new Date(ms).toISOString();
    if (form < 0.6) return `${new Date(ms).toISOString().slice(0, 19)}Z`;
    const offset = random.pick(OFFSETS);
    const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    return `${local}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** A client cell: mostly a scoped client, else a lookalike, another client or none. */
function clientCell(random: SeededRandom): string {
    return random.chance(0.7) ? random.pick(CLIENTS) : random.pick(LOOKALIKES);
}

/** A CSV cell, quoted when it must be or (sometimes) when it need not. */
function cell(random: SeededRandom, text: string): string {
    return /[",\r\n]/.test(text) || random.chance(0.03) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows sorted by `time`, then some moved a little (neighbours swapped) and a few far. */
function shuffleSome<T>(random: SeededRandom, rows: T[]): T[] {
    for (let i = 0; i < rows.length; i++) {
        if (random.chance(0.05)) {
            const j = Math.min(rows.length - 1, Math.max(0, i + random.int(41) - 20));
            [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        } else if (random.chance(0.005)) {
            const j = random.int(rows.length);
            [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        }
    }
    return rows;
}

function writeRows(path: string, header: string[], rows: string[][], random: SeededRandom): string {
    writeFileSync(path, [header.join(','), ...rows.map((row) => row.map((text) => cell(random, text)).join(','))].join('\n') + '\n');
    return path;
}

/** Every client of CLIENTS first (a few rows each, so each matches rows of every export), then random ones. */
function clientsFor(random: SeededRandom, rows: number): string[] {
    return Array.from({ length: rows }, (_, i) => (i < 3 * CLIENTS.length ? CLIENTS[i % CLIENTS.length]! : clientCell(random)));
}

export function writePortfolioFiles(random: SeededRandom, folder: string): PortfolioFiles {
    const requestCount = 1500 + random.int(2000);
    const incidentCount = 120 + random.int(150);
    const ticketCount = 300 + random.int(400);
    const invalidShare = random.pick([0, 0.005, 0.02]);
    const invalid = (): boolean => random.chance(invalidShare);

    const requestClients = clientsFor(random, requestCount);
    const validRequests = new Map<string, number>();
    const requests = shuffleSome(random, requestClients.map((client) => ({ time: instant(random), client })).sort((a, b) => a.time - b.time)).map(({ time, client }) => {
        const row = [
            random.chance(0.005) ? '' : timestamp(random, time, true),
            client,
            random.pick(SERVICES),
            String(random.chance(0.2) ? random.int(5000) + random.pick([0, 0.5, 0.25, 0.125]) : 20 + random.int(400)),
            String(random.pick([200, 200, 200, 200, 200, 204, 404, 500, 503])),
            random.pick(REGIONS)
        ];
        if (invalid()) {
            const column = random.int(3);
            if (column === 0) row[0] = random.pick(['yesterday', '2026-02-30T10:00:00Z', '2026-03-01T25:00:00Z']);
            if (column === 1) row[3] = random.pick(['n/a', 'fast', '--3']);
            if (column === 2) row[4] = random.pick(['5xx', '200.5']);
        } else validRequests.set(client, (validRequests.get(client) ?? 0) + 1);
        return row;
    });

    const incidentClients = clientsFor(random, incidentCount);
    const incidents = shuffleSome(random, incidentClients.map((client) => ({ time: instant(random), client })).sort((a, b) => a.time - b.time)).map(({ time, client }) => {
        // 1 minute to 8 hours; one in twenty still open (no resolution).
        const resolved = random.chance(0.05) ? '' : timestamp(random, time + (1 + random.int(480)) * MINUTE);
        const row = [client, random.pick(SERVICES), random.pick(['outage', 'outage', 'outage', 'degraded', 'minor']), timestamp(random, time), resolved];
        if (invalid()) {
            if (random.chance(0.5)) row[2] = 'major';
            else row[4] = 'soon';
        }
        return row;
    });

    const ticketClients = clientsFor(random, ticketCount);
    const tickets = shuffleSome(random, ticketClients.map((client) => ({ time: instant(random), client })).sort((a, b) => a.time - b.time)).map(({ time, client }) => {
        // 1 minute to 3 days; one in ten not answered yet.
        const responded = random.chance(0.1) ? '' : timestamp(random, time + (1 + random.int(3 * 24 * 60)) * MINUTE);
        const row = [client, timestamp(random, time), responded, random.pick(['P1', 'P2', 'P3', 'P4'])];
        if (invalid()) {
            // An unknown priority, or an answer before the opening (rejected: every tickets KPI measures elapsed(opened, responded)).
            if (random.chance(0.5)) row[3] = 'P9';
            else row[2] = timestamp(random, time - HOUR);
        }
        return row;
    });

    return {
        requests: writeRows(join(folder, 'requests.csv'), ['time', 'client', 'service', 'latency_ms', 'status', 'region'], requests, random),
        incidents: writeRows(join(folder, 'incidents.csv'), ['client', 'service', 'severity', 'started', 'resolved'], incidents, random),
        tickets: writeRows(join(folder, 'tickets.csv'), ['client', 'opened', 'responded', 'priority'], tickets, random),
        rows: { requests: requestCount, incidents: incidentCount, tickets: ticketCount },
        validRequests
    };
}

type DatasetName = 'requests' | 'incidents' | 'tickets';

/** A KPI shape: its formula, unit, the dataset it reads, the `for each` fields that fit, and a target with the comparison that makes sense for it. */
interface KpiShape {
    dataset: DatasetName;
    formula: Expr;
    unitKind: KpiModel['unitKind'];
    scopeFields: string[];
    comparison: ObjectiveModel['comparison'];
    target: number;
}

const WEEK: WindowSpec = { kind: 'calendar', unit: 'week' };
const ROLLING_7_DAYS: WindowSpec = { kind: 'rolling', lengthMs: 7 * DAY, label: '7 days' };
const ROLLING_36_HOURS: WindowSpec = { kind: 'rolling', lengthMs: 36 * HOUR, label: '36 hours' };

function requestFilter(random: SeededRandom): Expr {
    const status = ref('requests', 'status');
    const region = ref('requests', 'region');
    const latency = ref('requests', 'latency');
    const simple = (): Expr => random.pick<() => Expr>([
        () => bin('<', status, num(500)),
        () => bin('>=', status, num(500)),
        () => bin('=', region, str('eu')),
        () => ({ type: 'in', value: region, list: [str('eu'), str('us')] }),
        () => bin('=', ref('requests', 'service'), str(random.pick(SERVICES))),
        () => bin('<=', latency, num(250, 'duration'))
    ])();
    return random.pick<() => Expr>([
        simple,
        simple,
        () => ({ type: 'not', operand: simple() }),
        () => bin('and', simple(), simple()),
        () => bin('or', simple(), simple()),
        () => bin('and', simple(), { type: 'not', operand: bin('or', simple(), simple()) })
    ])();
}

function requestShape(random: SeededRandom): KpiShape {
    const latency = ref('requests', 'latency');
    const shape = (formula: Expr, unitKind: KpiModel['unitKind'], comparison: ObjectiveModel['comparison'], target: number): KpiShape =>
        ({ dataset: 'requests', formula, unitKind, scopeFields: ['service', 'region', 'client'], comparison, target });
    return random.pick<() => KpiShape>([
        () => shape(count('requests'), 'count', '>=', 5),
        () => shape(count('requests', requestFilter(random)), 'count', '<=', 40),
        () => shape(bin('/', count('requests', bin('<', ref('requests', 'status'), num(500))), count('requests')), 'ratio', '>=', random.pick([0.8, 0.85, 0.9])),
        () => shape({ type: 'share', dataset: 'requests', part: requestFilter(random) }, 'ratio', '>=', 0.5),
        () => shape({ type: 'share', dataset: 'requests', part: bin('<', ref('requests', 'status'), num(500)), whole: requestFilter(random) }, 'ratio', '>=', 0.85),
        () => shape(aggregate(random.pick(['avg', 'min', 'max', 'sum'] as const), 'requests', latency, random.chance(0.5) ? requestFilter(random) : undefined), 'duration', '<=', random.pick([300, 1000, 5000])),
        () => shape(percentile(random.pick([50, 90, 95, 99, 99.9]), 'requests', latency, random.chance(0.5) ? requestFilter(random) : undefined), 'duration', '<=', random.pick([250, 400, 2500]))
    ])();
}

function incidentShape(random: SeededRandom): KpiShape {
    const severity = ref('incidents', 'severity');
    const where = random.pick<Expr | undefined>([
        undefined,
        bin('=', severity, str('outage')),
        bin('and', bin('=', severity, str('outage')), bin('=', ref('incidents', 'service'), str(random.pick(SERVICES)))),
        bin('!=', severity, str('minor'))
    ]);
    const formula: Expr = { type: 'uptime', dataset: 'incidents', from: 'started', to: 'resolved', excluding: [], ...(where === undefined ? {} : { where }) };
    return { dataset: 'incidents', formula, unitKind: 'ratio', scopeFields: ['service', 'client'], comparison: '>=', target: random.pick([0.99, 0.995, 0.999]) };
}

function ticketShape(random: SeededRandom): KpiShape {
    const elapsed: Expr = { type: 'elapsed', start: ref('tickets', 'opened'), end: ref('tickets', 'responded'), ...(random.chance(0.5) ? { calendar: 'Support' } : {}) };
    const priority = ref('tickets', 'priority');
    const where = random.pick<Expr | undefined>([undefined, bin('=', priority, str('P1')), { type: 'in', value: priority, list: [str('P1'), str('P2')] }, { type: 'not', operand: bin('=', priority, str('P4')) }]);
    const shape = (formula: Expr, unitKind: KpiModel['unitKind'], comparison: ObjectiveModel['comparison'], target: number): KpiShape =>
        ({ dataset: 'tickets', formula, unitKind, scopeFields: ['priority', 'client'], comparison, target });
    return random.pick<() => KpiShape>([
        () => shape(percentile(random.pick([50, 90, 95]), 'tickets', elapsed, where), 'duration', '<=', random.pick([4 * HOUR, 24 * HOUR])),
        () => shape(aggregate(random.pick(['avg', 'max', 'min'] as const), 'tickets', elapsed, where), 'duration', '<=', random.pick([8 * HOUR, 36 * HOUR])),
        () => {
            const inTime = bin('<=', elapsed, num(random.pick([4, 24]) * HOUR, 'duration'));
            return shape(bin('/', count('tickets', where === undefined ? inTime : bin('and', where, inTime)), count('tickets', where)), 'ratio', '>=', random.pick([0.5, 0.8]));
        }
    ])();
}

/** Tiers for a ratio or count objective (bad below the target) or a duration (bad above it): money or % of fee, sometimes capped. */
function creditFor(random: SeededRandom, kpi: string, shape: KpiShape, window: WindowSpec): CreditModel {
    const below = shape.comparison === '>=';
    const steps = below ? [shape.target, shape.unitKind === 'count' ? Math.max(0, shape.target - 3) : shape.target - 0.05] : [shape.target, shape.target * 2];
    const tiers: CreditTier[] = steps.map((bound, index) => ({
        ...(below ? { upper: { value: bound, inclusive: false } } : { lower: { value: bound, inclusive: false } }),
        amount: random.chance(0.7) ? { kind: 'percentOfFee', percent: [10, 25][index]! } : { kind: 'money', amount: [100, 250.55][index]!, currency: 'EUR' },
        label: `${below ? 'below' : 'above'} ${bound}`
    }));
    return {
        kpi,
        window,
        tiers,
        ...(random.chance(0.4) ? { capPerWindow: { kind: 'percentOfFee', percent: 15 } } : {}),
        ...(random.chance(0.3) ? { capPerYear: { kind: 'money', amount: 1234.56, currency: 'EUR' } } : {})
    };
}

export interface RandomAgreement {
    model: AgreementModel;
    datasets: DatasetName[];
}

/**
 * An agreement of `client` (undefined: every row of the exports) with 2–5 KPIs drawn from the
 * shapes above, each with an objective per calendar month, week or a rolling window, some `for
 * each` a field, some with a credit; its zone, validity (whole months or starting and ending mid-month)
 * and support calendar drawn too. It declares only the exports its KPIs read, all with the same fields.
 */
export function randomAgreement(random: SeededRandom, id: string, client: string | undefined, files: PortfolioFiles): RandomAgreement {
    const zone = random.pick(ZONES);
    const shapes = Array.from({ length: 2 + random.int(4) }, () => random.pick([requestShape, requestShape, incidentShape, ticketShape])(random));
    const kpis: KpiModel[] = shapes.map((shape, k) => ({ key: `K${k}`, name: `K${k}`, unitKind: shape.unitKind, formula: shape.formula }));
    const objectives: ObjectiveModel[] = [];
    const credits: CreditModel[] = [];
    shapes.forEach((shape, k) => {
        const window = random.pick([MONTH, MONTH, WEEK, ROLLING_7_DAYS, ROLLING_36_HOURS]);
        const scopeField = random.chance(0.3) ? random.pick(shape.scopeFields) : undefined;
        objectives.push({ kpi: `K${k}`, kpiName: `K${k}`, comparison: shape.comparison, target: shape.target, unitKind: shape.unitKind, window, ...(scopeField === undefined ? {} : { scopeField }) });
        if (window.kind === 'calendar' && random.chance(0.5)) credits.push({ ...creditFor(random, `K${k}`, shape, window), ...(scopeField === undefined ? {} : { scopeField }) });
    });
    const used = [...new Set(shapes.map((shape) => shape.dataset))];
    const fieldsOf = { requests: REQUEST_FIELDS, incidents: INCIDENT_FIELDS, tickets: TICKET_FIELDS };
    const datasets = Object.fromEntries(used.map((name) => [name, {
        name,
        path: files[name],
        format: 'csv' as const,
        fields: fieldsOf[name],
        ...(name === 'requests' ? { timezone: REQUESTS_ZONE } : {}),
        ...(client === undefined ? {} : { clientScope: { field: 'client', value: client } })
    }]));
    const model = agreement({
        id,
        timezone: zone,
        validity: { from: random.pick(['2026-03-01', '2026-03-12', '2026-04-17', '2026-01-01']), to: random.pick(['2026-10-31', '2026-10-26', '2026-11-09', '2026-12-31']) },
        fee: { amount: random.pick([12_000, 999.99]), currency: 'EUR', period: MONTH },
        calendars: { Support: { zone, rules: [{ weekdays: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 18 * 60 }], holidays: ['2026-05-01', '2026-10-03'] } },
        datasets,
        kpis,
        objectives,
        credits
    });
    return { model, datasets: used };
}
