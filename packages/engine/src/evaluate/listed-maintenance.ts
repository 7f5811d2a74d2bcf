/**
 * Maintenance periods listed in a dataset (`periods(changes where …, from s to e, announced at a)`):
 * a change calendar or a status page's export names each maintenance as it is planned, where a
 * schedule names slots ahead. They are read before the pass, into a copy of the model's
 * schedule (`listed`), so that every reader of maintenance time — eligible time, capped
 * exclusions, credit formulas, SQL push-down — counts them as it counts a schedule's slots.
 * A dataset with a field the agreement scopes by (`for each database`) also gives each value
 * its own periods (`listedPerScope`, scoped-maintenance.ts).
 *
 * "Scheduled maintenance means maintenance announced at least 48 hours in advance": with a
 * notice and an announcement field, a period announced later than the notice before its start
 * (or not at all) is not maintenance. Its time counts as ordinary time, downtime in it
 * included, and the report lists it; nothing is dropped silently.
 */
import { DataError, displayPath, formatRowLocation } from '../data/data-error.js';
import { MAX_REJECTED_SAMPLES, type RowReader } from '../data/scan-context.js';
import { scanDataset } from '../data/scan-dataset.js';
import { requireUsableRows } from '../data/usable-rows.js';
import type { AgreementModel, DatasetModel, ListedPerScope, MaintenanceModel, MaintenanceRows } from '../model.js';
import type { LateMaintenance, ListedMaintenanceReport } from '../report/report-types.js';
import { formatDuration } from '../time/duration.js';
import { mergeIntervals, type Interval } from '../time/intervals.js';
import { clientScopeOf, clientValueMatches } from './client-scope.js';
import { datasetLookalikes, LookalikeCounts, type DatasetLookalikes } from './client-lookalikes.js';
import type { EvaluationPeriod } from './evaluation-period.js';
import { InstantFormatter } from './instant-format.js';
import { FieldReads } from './field-reads.js';
import { compileRowExpression } from './row-expression.js';
import { ListedPerScopeBuilder, scopeFieldsOf } from './scoped-maintenance.js';

/** The most periods one maintenance may list in the evaluation period (each is kept; a change log is far smaller). */
export const MAX_LISTED_PERIODS = 1_000_000;

export interface ListedMaintenanceOptions {
    skipInvalid?: boolean;
    signal?: AbortSignal;
    rowReader?: RowReader;
    /** The dataset as this evaluation reads it (`--data NAME=PATH`). */
    datasetSpec: (name: string, declared: DatasetModel) => DatasetModel;
}

/** Whether any maintenance of the model lists periods in a dataset. */
export function hasListedMaintenance(model: AgreementModel): boolean {
    return Object.values(model.maintenance).some((schedule) => schedule.periods !== undefined);
}

/**
 * The model with every listed maintenance's periods read (a copy: the model itself is not
 * changed, so that another evaluation with other data reads its own), and what was read:
 * per maintenance its report, and the rows of a lookalike of the client it left out.
 */
export async function readListedMaintenance(model: AgreementModel, period: EvaluationPeriod, options: ListedMaintenanceOptions): Promise<{ model: AgreementModel; reports: ListedMaintenanceReport[]; lookalikes: DatasetLookalikes[] }> {
    if (!hasListedMaintenance(model)) return { model, reports: [], lookalikes: [] };
    const maintenance: Record<string, MaintenanceModel> = { ...model.maintenance };
    const reports: ListedMaintenanceReport[] = [];
    const lookalikes: DatasetLookalikes[] = [];
    const times = new InstantFormatter(model.timezone);
    for (const [name, schedule] of Object.entries(model.maintenance)) {
        if (schedule.periods === undefined) continue;
        const declared = model.datasets[schedule.periods.dataset];
        if (declared === undefined) throw new Error(`unknown dataset '${schedule.periods.dataset}' of the maintenance '${name}'`);
        const read = await readPeriods(name, schedule.periods, options.datasetSpec(schedule.periods.dataset, declared), model, period, options, times);
        maintenance[name] = { ...schedule, listed: read.counted, ...(read.perScope === undefined ? {} : { listedPerScope: read.perScope }) };
        reports.push(read.report);
        if (read.lookalikes !== undefined) lookalikes.push(read.lookalikes);
    }
    return { model: { ...model, maintenance }, reports, lookalikes };
}

async function readPeriods(
    name: string,
    rows: MaintenanceRows,
    spec: DatasetModel,
    model: AgreementModel,
    period: EvaluationPeriod,
    options: ListedMaintenanceOptions,
    times: InstantFormatter
): Promise<{ counted: Interval[]; perScope?: Record<string, ListedPerScope>; report: ListedMaintenanceReport; lookalikes?: DatasetLookalikes }> {
    // Notes every field looked up (the filter's, the client scope's): the scan converts those.
    const fieldIndex = new FieldReads(spec.fields.map((field, index) => [field.name, index]));
    const indexOf = (field: string): number => {
        const index = fieldIndex.get(field);
        if (index === undefined) throw new Error(`the dataset '${spec.name}' of the maintenance '${name}' has no field '${field}'`);
        return index;
    };
    const fromIndex = indexOf(rows.from);
    const toIndex = indexOf(rows.to);
    const announcedIndex = rows.announced === undefined ? undefined : indexOf(rows.announced);
    const checksNotice = announcedIndex !== undefined && rows.noticeMs !== undefined;
    const where = rows.where === undefined ? undefined : compileRowExpression(rows.where, { dataset: spec.name, fieldIndex, calendars: model.calendars });
    // A shared change log: only this client's maintenance excuses its downtime.
    const client = clientScopeOf(spec, fieldIndex);
    // Other clients' rows whose client only looks like this one (`Northwind`), counted unless this reader would reject them.
    const lookalikes = client === undefined ? undefined : new LookalikeCounts(client.value);
    /** A row the maintenance selects without a period (no start or end, or it ends before it starts): rejected below. */
    const rejectsPeriod = (row: readonly unknown[]): boolean => {
        if (where !== undefined && where(row) !== true) return false;
        const start = row[fromIndex];
        const end = row[toIndex];
        return typeof start !== 'number' || typeof end !== 'number' || !(end > start);
    };
    // A change log with the agreement's `for each` field: each value is excused only its own periods.
    const scopes = [...scopeFieldsOf(model)].filter((field) => fieldIndex.has(field)).map((field) => ({ field, index: indexOf(field), periods: new ListedPerScopeBuilder() }));
    const counted: Interval[] = [];
    const lateNotice: LateMaintenance[] = [];
    const rejectedSamples: DataError[] = [];
    let rejected = 0;
    let selected = 0;
    let inPeriod = 0;
    const reject = (error: DataError): void => {
        if (options.skipInvalid !== true) throw error;
        rejected++;
        if (rejectedSamples.length < MAX_REJECTED_SAMPLES) rejectedSamples.push(error);
    };
    const result = await scanDataset(spec, (row, line) => {
        if (client !== undefined && !clientValueMatches(row[client.index], client.value)) {
            // The lookalike test first: the filter runs on lookalikes only.
            const cell = row[client.index];
            const lookalike = typeof cell === 'string' ? lookalikes!.idOf(cell) : -1;
            if (lookalike >= 0 && !rejectsPeriod(row)) lookalikes!.countId(lookalike);
            return;
        }
        if (where !== undefined && where(row) !== true) return;
        selected++;
        const start = row[fromIndex];
        const end = row[toIndex];
        // A required field's missing value is rejected by the scanner; an optional one's is not a period.
        if (typeof start !== 'number' || typeof end !== 'number') {
            const field = typeof start !== 'number' ? rows.from : rows.to;
            reject(new DataError(`${displayPath(spec.path)}:${line}: the maintenance period of '${name}' has no ${field === rows.from ? 'start' : 'end'} (${field}): a period excuses downtime only between known times; fill it in or remove the row`, { file: spec.path, line, column: null, field, value: '' }));
            return;
        }
        if (!(end > start)) {
            reject(new DataError(`${displayPath(spec.path)}:${line}: the maintenance period of '${name}' ends (${rows.to}) before it starts (${rows.from}); correct the row or remove it`, { file: spec.path, line, column: null, field: rows.to, value: String(row[toIndex]) }));
            return;
        }
        if (end <= period.start || start >= period.end) return;
        if (++inPeriod > MAX_LISTED_PERIODS) {
            throw new Error(`the maintenance '${name}' lists more than ${MAX_LISTED_PERIODS.toLocaleString('en')} periods in the evaluation period (dataset '${spec.name}'): check its filter`);
        }
        if (checksNotice) {
            const announced = row[announcedIndex!];
            const ahead = typeof announced === 'number' ? start - announced : null;
            if (ahead === null || ahead < rows.noticeMs!) {
                lateNotice.push({
                    line,
                    start: times.format(start),
                    end: times.format(end),
                    announced: typeof announced === 'number' ? times.format(announced) : null,
                    ahead: ahead === null ? null : formatDuration(ahead)
                });
                return;
            }
        }
        counted.push([start, end]);
        for (const scope of scopes) scope.periods.add(row[scope.index], [start, end]);
    }, {
        skipInvalid: options.skipInvalid ?? false,
        ...(options.rowReader === undefined ? {} : { rowReader: options.rowReader }),
        readFields: fieldIndex.read,
        ...(options.signal === undefined ? {} : { onProgress: () => options.signal!.throwIfAborted() })
    });
    const allRejected = [...result.rejectedSamples, ...rejectedSamples].slice(0, MAX_REJECTED_SAMPLES);
    requireUsableRows(spec, result.rows - rejected, result.rejected + rejected, allRejected[0]);
    lateNotice.sort((a, b) => a.line - b.line);
    const report: ListedMaintenanceReport = {
        maintenance: name,
        dataset: spec.name,
        path: spec.path,
        rows: selected - rejected,
        rejected: result.rejected + rejected,
        rejectedSamples: allRejected.map((error) => ({ line: error.line, column: error.column, field: error.field, value: error.value, message: error.message })),
        periods: inPeriod,
        counted: counted.length,
        lateNotice
    };
    if (checksNotice) report.notice = rows.noticeText ?? formatDuration(rows.noticeMs!);
    const perScope = scopes.length === 0 ? undefined : Object.fromEntries(scopes.map((scope) => [scope.field, scope.periods.build()]));
    const left = datasetLookalikes(spec, lookalikes);
    return { counted: mergeIntervals(counted), ...(perScope === undefined ? {} : { perScope }), report, ...(left === undefined ? {} : { lookalikes: left }) };
}

/** What the reader of the report must know of a listed maintenance: periods that did not count, rows skipped. */
export function listedMaintenanceNotes(listed: ListedMaintenanceReport): string[] {
    const notes: string[] = [];
    const late = listed.lateNotice;
    if (late.length > 0) {
        const shown = late.slice(0, 3).map((period) => `${period.start} to ${period.end} (${formatRowLocation(listed.path, period.line)}, ${period.announced === null ? 'never announced' : period.ahead!.startsWith('-') ? `announced ${period.ahead!.slice(1)} after it started` : `announced ${period.ahead} ahead`})`);
        notes.push(`Maintenance ${listed.maintenance}: ${late.length} of the ${listed.periods} period(s) listed in '${listed.dataset}' were announced less than the notice of ${listed.notice} ahead and are not maintenance (their time counts as ordinary time, downtime in it included): ${shown.join('; ')}${late.length > shown.length ? `; and ${late.length - shown.length} more` : ''}.`);
    }
    if (listed.rejected > 0) notes.push(`${listed.rejected} invalid row(s) of dataset '${listed.dataset}' listing periods of maintenance ${listed.maintenance} were skipped (--skip-invalid); the first ones are listed.`);
    return notes;
}
