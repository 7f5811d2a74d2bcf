import { basename } from 'node:path';
import type { FieldSpec } from '../data/spec.js';
import type { Expr } from '../model.js';
import type { DatasetScan } from './evaluation-plan.js';
import type { ValueChannel } from './filter-group.js';

/*
 * A `percent` field reads its cells on the 0–100 scale: 99.5 and 99.5% are 0.995. An export
 * that writes shares (0.995 for 99.5 %) is read as 0.995 %, and `avg(…) >= 99.9 %` is
 * breached (a `<=` one met) with no error, since 0.995 is a valid percentage. The file cannot
 * say which was meant, so nothing is changed: the report says it, loudly, when every value of a
 * percent field the agreement reads lies between 0 and 1 — a column with one value above 1 (or
 * below 0) is written in percents and is left alone.
 *
 * Taken from the pass itself, never from a second read (in a portfolio one read of a shared file
 * feeds every client): the value channels of a percent field keep their minima and maxima
 * (evaluation-plan.ts sets `keepExtremes`), and their counts say how many values were read. SQL
 * push-downs never hold such a channel: a percent field is converted by the project's decoders,
 * so its dataset is read row by row (sql/pushdown.ts), into the same channels.
 */

/** Fewer values between 0 and 1 are as likely a few small percentages (0.2 % errors) as shares. */
export const MIN_FRACTION_VALUES = 5;

/** A cell of 1 in the file (1 %), as the decoder gives it: the largest a share can be. */
const LARGEST_SHARE = 0.01;

/** The percent field a value is when it reads one as it is (`avg(probes.availability)`), else undefined. */
export function percentFieldOf(value: Expr, scan: DatasetScan): FieldSpec | undefined {
    if (value.type !== 'field' || value.dataset !== scan.name) return undefined;
    const field = scan.spec.fields.find((candidate) => candidate.name === value.field);
    return field?.kind === 'percent' ? field : undefined;
}

/** The values the agreement read of one percent field, as decoded (a cell of 0.995 is 0.00995). */
interface PercentValues {
    name: string;
    /** The most values one channel read: two channels (a monthly and a quarterly KPI) may read the same rows. */
    count: number;
    min: number;
    max: number;
    /** A channel that read values without keeping their extremes (min > max there): nothing can be said. */
    unknown: boolean;
}

/** What a warning of this module is about: the field, its dataset and the dataset's file name (the portfolio report names each once for all clients). */
export interface FractionPercentSubject {
    field: string;
    dataset: string;
    file: string;
}

/** A warning of this module: its text for the agreement's report, and its subject as data (never read back from the text). */
export interface FractionPercentWarning {
    subject: FractionPercentSubject;
    note: string;
}

/**
 * One warning per percent field whose values read by the agreement — over every channel of the
 * field, every scope and segment — all lie between 0 and 1 in the file (at least
 * MIN_FRACTION_VALUES of them, not all 0). Called after the passes.
 */
export function fractionPercentWarnings(scans: readonly DatasetScan[]): FractionPercentWarning[] {
    const warnings: FractionPercentWarning[] = [];
    for (const scan of scans) {
        const byField = new Map<string, PercentValues>();
        for (const group of scan.groups) {
            for (const channel of group.channels) {
                const field = percentFieldOf(channel.valueExpr, scan);
                if (field === undefined) continue;
                let values = byField.get(field.name);
                if (values === undefined) byField.set(field.name, (values = { name: field.name, count: 0, min: Infinity, max: -Infinity, unknown: false }));
                addChannel(values, channel);
            }
        }
        for (const values of byField.values()) {
            if (values.unknown || values.count < MIN_FRACTION_VALUES || values.min < 0 || values.max > LARGEST_SHARE || values.max === 0) continue;
            const subject = { field: values.name, dataset: scan.name, file: basename(scan.spec.path) };
            warnings.push({ subject, note: fractionNote(subject, values) });
        }
    }
    return warnings;
}

function addChannel(values: PercentValues, channel: ValueChannel): void {
    let count = 0;
    for (const scope of channel.scopes) {
        if (scope === undefined) continue; // a hole: no row of that scope id
        for (let segment = 0; segment < scope.count.length; segment++) {
            if (scope.count[segment]! === 0) continue;
            count += scope.count[segment]!;
            if (scope.min[segment]! > scope.max[segment]!) values.unknown = true;
            if (scope.min[segment]! < values.min) values.min = scope.min[segment]!;
            if (scope.max[segment]! > values.max) values.max = scope.max[segment]!;
        }
    }
    if (count > values.count) values.count = count;
}

function fractionNote(subject: FractionPercentSubject, values: PercentValues): string {
    const { field: name, dataset } = subject;
    const [min, max] = [inFile(values.min), inFile(values.max)];
    const seen = min === max ? `${max}` : `${min} to ${max}`;
    const asPercent = inFile(values.max * 100);
    return `Warning: every value of percent field '${name}' of dataset '${dataset}' (${subject.file}) the agreement reads lies between 0 and 1 (${values.count.toLocaleString('en-US')} values, ${seen}): `
        + `a percent field reads ${max} as ${max} %, not ${asPercent} %. If the file writes shares (${max} for ${asPercent} %), export percentages (${asPercent} or ${asPercent}%), `
        + `or declare '${name}' a number and multiply it by 100% where the agreement reads it (avg(${dataset}.${name}) * 100%).`;
}

/** A value as read (0.009995) as the file wrote it (0.9995): 15 significant digits drop the noise of the × 100. */
function inFile(read: number): number {
    return Number((read * 100).toPrecision(15));
}
