import { datasetFormat, FIRST_RECORD_PREFIX_BYTES, firstRecordOfPrefix, isNaiveTimestamp, pathCharacterProblem, resolveDatasetPath } from '@sla/engine';
import { AstUtils, EmptyFileSystemProvider, URI, type FileSystemProvider, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isAgreement, isTimestampType, isTimezoneDeclaration, type Dataset, type SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { dataFileProblem, readFilePrefix } from '../workspace/file-prefix.js';
import { dataAccessOf } from './sla-validation-module.js';
import { fix, insertAfterNode } from './quick-fix.js';
import { keywordNode, report } from './report.js';

/**
 * Datasets: the path is well-formed and stays in the allowed folders, the file is a
 * regular file, and its timestamps say which time zone they are in. In an untrusted
 * workspace no data file is read: the first dataset of the document says so, once.
 */
export function datasetChecks(services: SlaServices): ValidationChecks<SlaAstType> {
    const fileSystem = services.shared.workspace.FileSystemProvider;
    const access = dataAccessOf(services);
    return {
        Dataset: async (dataset, accept) => {
            const characters = dataset.path ? pathCharacterProblem(dataset.path) : undefined;
            if (characters) {
                report(accept, 'path-invalid', `The data file path of the dataset '${dataset.name}' cannot name a file: ${characters}.`, { node: dataset, property: 'path' });
                return;
            }
            const file = dataFile(dataset, fileSystem);
            if (!file) return;
            if (!access.trusted) {
                if (isFirstDatasetOfDocument(dataset)) {
                    report(accept, 'data-not-read', 'The data files of this document were not checked because the workspace is not trusted: trust the workspace to check and evaluate them.', { node: dataset, property: 'path' });
                }
                return;
            }
            const documentFile = AstUtils.getDocument(dataset).uri.fsPath;
            const outside = access.problem(file.fsPath, documentFile);
            if (outside) {
                report(accept, 'path-outside-workspace',
                    `The data file "${dataset.path}" of the dataset '${dataset.name}' is not read: ${outside}. Move the data into the workspace, or allow its folder explicitly (editor setting sla.data.allowedFolders; CLI --allow-data-outside DIR).`,
                    { node: dataset, property: 'path' });
                return;
            }
            const problem = await dataFileProblem(fileSystem, file);
            if (problem === 'does not exist') {
                report(accept, 'dataset-missing-file',
                    `The data file "${dataset.path}" of the dataset '${dataset.name}' does not exist (looked for ${file.fsPath}). Check the path (it is relative to this .sla file), or pass the data when evaluating: --data ${dataset.name}=<path>.`,
                    { node: dataset, property: 'path' });
                return;
            }
            if (problem) {
                report(accept, 'dataset-unreadable-file', `The data file "${dataset.path}" of the dataset '${dataset.name}' cannot be read as data: it ${problem.replace(/^is /, 'is ')} (${file.fsPath}).`, { node: dataset, property: 'path' });
                return;
            }
            await checkNaiveTimestamps(dataset, file, fileSystem, accept);
        }
    };
}

function isFirstDatasetOfDocument(dataset: Dataset): boolean {
    const root = AstUtils.findRootNode(dataset);
    return AstUtils.streamAllContents(root).find(node => node.$type === dataset.$type) === dataset;
}

/** The dataset's file on disk (resolved as evaluation resolves it), or undefined where files cannot be seen (in-memory documents, tests). */
function dataFile(dataset: Dataset, fileSystem: FileSystemProvider): URI | undefined {
    if (!dataset.path || fileSystem instanceof EmptyFileSystemProvider) return undefined;
    let documentUri: URI;
    try {
        documentUri = AstUtils.getDocument(dataset).uri;
    } catch {
        return undefined;
    }
    if (documentUri.scheme !== 'file') return undefined;
    return URI.file(resolveDatasetPath(documentUri.fsPath, dataset.path));
}

/** The first data record of the file (read from its start only), or undefined when it has none or cannot be read. */
async function firstRecord(dataset: Dataset, file: URI, fileSystem: FileSystemProvider): Promise<Record<string, unknown> | undefined> {
    let prefix: Uint8Array;
    try {
        // One byte more than the record reader looks at tells whether the file goes on.
        prefix = await readFilePrefix(fileSystem, file, FIRST_RECORD_PREFIX_BYTES + 1);
    } catch {
        return undefined; // unreadable (a folder, no permission): evaluation says why
    }
    const wholeFile = prefix.length <= FIRST_RECORD_PREFIX_BYTES;
    return firstRecordOfPrefix(prefix.subarray(0, FIRST_RECORD_PREFIX_BYTES), datasetFormat(dataset.formats[0], file.fsPath), wholeFile);
}

async function checkNaiveTimestamps(dataset: Dataset, file: URI, fileSystem: FileSystemProvider, accept: ValidationAcceptor): Promise<void> {
    if (dataset.timezones.length > 0) return;
    const timestampFields = dataset.fields.filter(f => isTimestampType(f.type) && f.name);
    if (timestampFields.length === 0) return;
    const row = await firstRecord(dataset, file, fileSystem);
    if (!row) return;
    // Quote nothing from a file that is not data of the declared shape (a path pointing at
    // a credentials file): only once every required column of the dataset is in the record.
    const columns = dataset.fields.filter(f => f.name && !f.optional).map(f => f.column ?? f.name);
    if (!columns.every(column => Object.hasOwn(row, column))) return;
    const naive = timestampFields.find(field => isNaiveTimestamp(row[field.column ?? field.name]));
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
