import { datasetFormat, timestampFormatProblem, type DataFormat } from '@sla/engine';
import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isDataset, type SlaAstType, type TimestampType } from '../generated/ast.js';
import { report } from './report.js';

/**
 * `timestamp format "DD.MM.YYYY HH:mm"`: the layout must be one the readers know (the engine's
 * timestamp-format.ts says why not), and only a file written as text has one: a table's or a
 * Parquet file's timestamps are typed. What the file's first record holds is checked with the
 * file (datasets.ts).
 */
export function timestampFormatChecks(): ValidationChecks<SlaAstType> {
    return { TimestampType: checkTimestampFormat };
}

function checkTimestampFormat(type: TimestampType, accept: ValidationAcceptor): void {
    if (type.format === undefined) return;
    const dataset = AstUtils.getContainerOfType(type, isDataset);
    const typed = dataset?.table !== undefined ? 'a table' : dataset?.path !== undefined && datasetFormat(dataset.formats[0] as DataFormat | undefined, dataset.path) === 'parquet' ? 'a Parquet file' : undefined;
    if (typed !== undefined) {
        report(accept, 'timestamp-format', `The dataset '${dataset!.name}' reads ${typed}, whose timestamps are typed values, not text: a format applies to CSV, JSON and NDJSON files only. Remove it.`, { node: type, keyword: 'format' });
        return;
    }
    const problem = timestampFormatProblem(type.format);
    if (problem === undefined) return;
    report(accept, 'timestamp-format', `The timestamp format "${type.format}" cannot be read: ${problem}.`, { node: type, property: 'format' });
}
