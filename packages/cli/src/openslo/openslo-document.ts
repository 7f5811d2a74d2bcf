/**
 * OpenSLO v1 objects as `sla export openslo` writes them and `sla import openslo` reads
 * them (the published v1 specification: apiVersion `openslo/v1`, kinds Service, SLO, SLI,
 * DataSource). Only the fields this project writes are typed; others are kept as unknown.
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/**
 * The prefix of this project's annotations: what OpenSLO has no field for (credits,
 * calendars, maintenance, parties, validity…) travels in `metadata.annotations` under it.
 */
export const ANNOTATION_PREFIX = 'sla-language/';

/** Each object's place in the export (1, 2, …): a folder is listed by file name, the import puts them back in this order. */
export const ORDER_ANNOTATION = `${ANNOTATION_PREFIX}order`;

/** The metric source `type` of a query in the SLA formula language. */
export const SLA_SOURCE_TYPE = 'SLA';

export interface Metadata {
    name: string;
    displayName?: string;
    labels?: Record<string, string | string[]>;
    annotations?: Record<string, string>;
}

export interface OpenSloObject {
    apiVersion: string;
    kind: 'Service' | 'SLO' | 'SLI' | 'DataSource' | string;
    metadata: Metadata;
    spec: Record<string, unknown>;
}

export interface MetricSource {
    metricSourceRef?: string;
    type?: string;
    spec: { query?: string; [key: string]: unknown };
}

export interface SliSpec {
    description?: string;
    thresholdMetric?: { metricSource: MetricSource };
    ratioMetric?: {
        counter: boolean;
        good?: { metricSource: MetricSource };
        bad?: { metricSource: MetricSource };
        total?: { metricSource: MetricSource };
    };
}

export interface TimeWindow {
    duration: string;
    isRolling: boolean;
    calendar?: { startTime: string; timeZone: string };
}

export interface SloObjective {
    displayName?: string;
    op?: 'lte' | 'gte' | 'lt' | 'gt';
    value?: number;
    target?: number;
    targetPercent?: number;
    timeSliceTarget?: number;
    timeSliceWindow?: string;
}

export interface SloSpec {
    description?: string;
    service: string;
    indicatorRef?: string;
    timeWindow: TimeWindow[];
    budgetingMethod: 'Occurrences' | 'Timeslices' | 'RatioTimeslices';
    objectives: SloObjective[];
}

/** `lte` ⇄ `<=`: OpenSLO's operators are words. */
export const OPERATORS = { '<=': 'lte', '<': 'lt', '>=': 'gte', '>': 'gt' } as const;
export type Comparison = keyof typeof OPERATORS;

export function comparisonOf(op: string): Comparison | undefined {
    return (Object.keys(OPERATORS) as Comparison[]).find(key => OPERATORS[key] === op);
}

/** Window units of the SLA language ⇄ OpenSLO duration-shorthand postfixes. */
export const CALENDAR_UNITS: Record<string, string> = { day: 'd', week: 'w', month: 'M', quarter: 'Q', year: 'Y' };
export const ROLLING_UNITS: Record<string, string> = { minute: 'm', hour: 'h', day: 'd', week: 'w' };

/**
 * An RFC 1123 label, as OpenSLO requires of `metadata.name`: lower-case letters, digits
 * and `-`, at most 63 characters, starting and ending with a letter or digit.
 * `WebShop` → `web-shop`, `P95Latency` → `p95-latency`.
 */
export function objectName(...parts: string[]): string {
    const words = parts
        .map(part => part.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2'))
        .join('-')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    const name = words === '' ? 'x' : words;
    if (name.length <= 63) return name;
    // Too long: cut, and keep names distinct with a short digest of the whole.
    let hash = 0;
    for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return `${name.slice(0, 56).replace(/-+$/, '')}-${hash.toString(36).slice(0, 6)}`;
}
