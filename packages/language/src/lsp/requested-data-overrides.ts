import type { AgreementModel } from '@sla/engine';
import type { LangiumDocuments } from 'langium';
import { describeRequestProblem, nearestFirst, unknownDatasetProblem } from '../evaluation/evaluation-request.js';
import { isAgreement, isDataset, isDocument } from '../generated/ast.js';

/** The replacement files an evaluation reads, or why the request is refused. */
export type RequestedDataOverrides = { ok: true; overrides: Record<string, string> } | { ok: false; message: string };

/**
 * The replacement files of `sla.evaluate`, from its two kinds of overrides:
 * - `own`, the caller's for this very agreement (as `sla evaluate --data`): each must name a
 *   dataset the agreement has. A misspelt name, or a dataset of another agreement of the file,
 *   was ignored and the declared file read, with nothing said;
 * - `shared`, an editor's settings that hold for every agreement of the workspace: each applies
 *   to the agreement when it has that dataset (another agreement's dataset is no mistake), and
 *   one naming a dataset no agreement of the workspace declares is refused (a misspelt name).
 * `own` wins over `shared`. `workspaceDatasets`: the names every document declares, asked for
 * only when a shared name is not the agreement's.
 */
export function requestedDataOverrides(
    model: Pick<AgreementModel, 'id' | 'datasets'>, own: Record<string, string>, shared: Record<string, string>, workspaceDatasets: () => ReadonlySet<string>
): RequestedDataOverrides {
    const unknown = unknownDatasetProblem(model as AgreementModel, own);
    if (unknown) return { ok: false, message: describeRequestProblem(unknown, model.id) };
    const applying: Record<string, string> = {};
    for (const [name, path] of Object.entries(shared)) {
        if (name in own) continue;
        if (Object.hasOwn(model.datasets, name)) {
            applying[name] = path;
            continue;
        }
        const declared = workspaceDatasets();
        if (declared.has(name)) continue;
        const nearest = nearestFirst(name, [...declared]).slice(0, 5);
        return {
            ok: false,
            message: `The data overrides of the editor's settings name a dataset '${name}' (to read from ${path}) that no agreement of the workspace declares.`
                + (nearest.length > 0 ? ` Did you mean '${nearest[0]}'? The workspace's datasets, nearest first: ${nearest.join(', ')}.` : ' The workspace declares no dataset.')
        };
    }
    return { ok: true, overrides: { ...applying, ...own } };
}

/** The names of the datasets every loaded document declares: in an agreement, a template or outside both (a catalogue's shared ones). */
export function workspaceDatasetNames(documents: LangiumDocuments): Set<string> {
    const names = new Set<string>();
    for (const document of documents.all) {
        const root = document.parseResult.value;
        if (!isDocument(root)) continue;
        for (const element of root.elements) {
            if (isDataset(element)) names.add(element.name);
            else if (isAgreement(element)) for (const member of element.members) if (isDataset(member)) names.add(member.name);
        }
    }
    return names;
}
