import type { OrderedTimes } from '../data/spec.js';
import type { DatasetScan } from './evaluation-plan.js';

/**
 * The pairs of timestamp fields whose `elapsed(start, end)` a scan measures: in every row where both
 * are present, the end must not be before the start (docs/language-reference.md § 8.6). A duration is
 * never negative: a resolution typed before the opening (swapped columns, a wrong zone) would otherwise
 * count as the fastest ticket of the month. The scanners reject such a row as invalid, as they reject an
 * invalid value (data/scan-context.ts): the evaluation stops at it, or skips and counts it with
 * `--skip-invalid`.
 */
export function orderedTimesOf(scan: DatasetScan): OrderedTimes[] {
    const pairs: OrderedTimes[] = [];
    const isTimestamp = (name: string): boolean => scan.spec.fields.some((field) => field.name === name && field.kind === 'timestamp');
    for (const node of scan.elapsed) {
        const { start, end } = node;
        if (start.type !== 'field' || end.type !== 'field' || start.dataset !== scan.name || end.dataset !== scan.name) continue;
        if (start.field === end.field || !isTimestamp(start.field) || !isTimestamp(end.field)) continue;
        if (!pairs.some((pair) => pair.start === start.field && pair.end === end.field)) pairs.push({ start: start.field, end: end.field });
    }
    return pairs;
}

/**
 * Gives the scan's spec the pairs its elapsed(…) measure (a copy: the model's dataset is not changed),
 * once the plan is complete: every pass reading the file — both threads, a portfolio's shared pass,
 * a re-read of a rejected record — then rejects the same rows.
 */
export function requireOrderedTimes(scan: DatasetScan): void {
    const pairs = orderedTimesOf(scan);
    if (pairs.length > 0) scan.spec = { ...scan.spec, orderedTimes: pairs };
}
