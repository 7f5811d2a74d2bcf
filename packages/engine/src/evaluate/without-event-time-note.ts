import type { DatasetSpec } from '../data/spec.js';
import type { DatasetReport } from '../report/report-types.js';

/**
 * Rows with an empty event time (the dataset's first timestamp field, declared optional) are in
 * no window, and they are not outside the evaluation period either: counted apart
 * (`withoutEventTime`), and said here with what to do — date the rows by a timestamp every row
 * has, which the dataset may already declare (`resolved timestamp optional` before `opened
 * timestamp`: tickets still open have no `resolved`).
 */
export function withoutEventTimeNote(dataset: DatasetReport, spec: DatasetSpec): string | undefined {
    const count = dataset.withoutEventTime ?? 0;
    if (count === 0) return undefined;
    const dated = spec.fields.find((field) => field.kind === 'timestamp' && !field.optional && field.name !== dataset.timeField);
    const remedy = dated === undefined
        ? `give every row a '${dataset.timeField}', or declare first a timestamp field every row has`
        : `declare '${dated.name}' first if it is the time that dates a row (a dataset's first timestamp field is its event time)`;
    return `${count} row(s) of dataset '${dataset.name}' have no '${dataset.timeField}' (the event time): they are in no window, and not counted as outside the period; ${remedy}.`;
}
