import { AstUtils, EmptyFileSystemProvider, UriUtils, type FileSystemProvider, type URI, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isTimezoneDeclaration, type Dataset, type SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { hasOffset, peekFirstRow } from './data-peek.js';
import { fix, insertAfterNode } from './quick-fix.js';
import { keywordNode, report } from './report.js';

/** Datasets: the file exists, and its timestamps say which time zone they are in. */
export function datasetChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const fileSystem = services.shared.workspace.FileSystemProvider;
    return {
        Dataset: async (dataset, accept) => {
            const file = dataFile(dataset, fileSystem);
            if (!file) return;
            if (!await fileSystem.exists(file)) {
                report(accept, 'dataset-missing-file',
                    `The data file "${dataset.path}" of the dataset '${dataset.name}' does not exist (looked for ${file.fsPath}). Check the path (it is relative to this .sla file), or pass the data when evaluating: --data ${dataset.name}=<path>.`,
                    { node: dataset, property: 'path' });
                return;
            }
            await checkNaiveTimestamps(dataset, file, accept);
        }
    };
}

/** The dataset's file on disk, or undefined where files cannot be seen (in-memory documents, tests). */
export function dataFile(dataset: Dataset, fileSystem: FileSystemProvider): URI | undefined {
    if (!dataset.path || fileSystem instanceof EmptyFileSystemProvider) return undefined;
    let documentUri: URI;
    try {
        documentUri = AstUtils.getDocument(dataset).uri;
    } catch {
        return undefined;
    }
    if (documentUri.scheme !== 'file') return undefined;
    return UriUtils.resolvePath(UriUtils.dirname(documentUri), dataset.path);
}

function formatOf(dataset: Dataset, file: URI): 'csv' | 'json' | 'ndjson' {
    const declared = dataset.formats[0];
    if (declared === 'csv' || declared === 'json' || declared === 'ndjson') return declared;
    const extension = UriUtils.extname(file).toLowerCase();
    return extension === '.json' ? 'json' : extension === '.ndjson' || extension === '.jsonl' ? 'ndjson' : 'csv';
}

async function checkNaiveTimestamps(dataset: Dataset, file: URI, accept: ValidationAcceptor): Promise<void> {
    if (dataset.timezones.length > 0) return;
    const timestampFields = dataset.fields.filter(f => f.type?.$type === 'TimestampType' && f.name);
    if (timestampFields.length === 0) return;
    const row = await peekFirstRow(file.fsPath, formatOf(dataset, file));
    if (!row) return;
    const naive = timestampFields.find(field => {
        const value = row[field.column ?? field.name];
        return value !== undefined && value !== null && value !== '' && !hasOffset(value);
    });
    if (!naive) return;
    const value = String(row[naive.column ?? naive.name]);
    const agreement = AstUtils.getContainerOfType(dataset, isAgreement);
    const agreementZone = agreement?.members.find(isTimezoneDeclaration)?.zone;
    const zone = agreementZone ? agreementZone.replace(/^"|"$/g, '') : 'UTC';
    const brace = keywordNode(dataset, '{');
    const indent = ' '.repeat((dataset.$cstNode?.range.start.character ?? 0) + 4);
    report(accept, 'naive-timestamps',
        `The timestamps of '${dataset.name}' carry no UTC offset (e.g. ${naive.name} = "${value}") and the dataset declares no time zone: the same row means different instants to different readers, and evaluation will stop. Add 'timezone "${zone}"' to the dataset.`,
        { node: dataset, property: 'name' },
        { fixes: brace ? [fix(`Add timezone "${zone}"`, [insertAfterNode(brace, `\n${indent}timezone "${zone}"`)], true)] : [] });
}
