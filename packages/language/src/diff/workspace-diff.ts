/**
 * `sla diff`: the agreements (and templates) of two versions of a set of files, matched by name
 * (by file and name where a name is used twice), each with what changed (agreement-diff.ts).
 */
import * as path from 'node:path';
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import { isAgreement, isDocument, type Agreement } from '../generated/ast.js';
import { diffAgreements, type AgreementChange, type ChangeKind } from './agreement-diff.js';

/** Where a node is: a file relative to its version's root, with its line and column (1-based). */
export interface ChangePlace {
    file: string;
    line: number;
    column: number;
}

export interface DiffChange {
    member: string;
    kind: ChangeKind;
    text: string;
    loosens: boolean;
    /** The member in the new version (absent when removed). */
    at?: ChangePlace;
    /** The member in the old version (absent when added). */
    was?: ChangePlace;
}

export interface AgreementDiff {
    /** The agreement's (or template's) name. */
    agreement: string;
    template: boolean;
    /** The file of the new version (the old one's when removed), relative to its root. */
    file: string;
    status: 'changed' | 'unchanged' | 'added' | 'removed';
    changes: DiffChange[];
}

export interface WorkspaceDiff {
    agreements: AgreementDiff[];
    totals: { compared: number; changed: number; added: number; removed: number; loosening: number };
}

/** The JSON of `sla diff --format json` (docs/cli.md): the labels of the two versions with their diff. */
export interface DiffReport extends WorkspaceDiff {
    schemaVersion: 1;
    /** The old version: the file or folder as given, or the revision of `--base`. */
    before: string;
    /** The new version: the file or folder as given, or `working tree` with `--base`. */
    after: string;
}

/** A version: its documents and the folder their paths are written relative to. */
export interface DiffVersion {
    documents: readonly LangiumDocument[];
    root: string;
}

/** The agreements of `after` against those of `before`, in the new version's order, removed ones last. */
export function diffWorkspaces(before: DiffVersion, after: DiffVersion): WorkspaceDiff {
    const oldOnes = agreementsWithKeys(before);
    const newOnes = agreementsWithKeys(after);
    const unmatched = new Map(oldOnes.map(entry => [entry.key, entry]));
    const agreements: AgreementDiff[] = [];
    for (const entry of newOnes) {
        const previous = unmatched.get(entry.key);
        unmatched.delete(entry.key);
        const base = { agreement: entry.agreement.name, template: entry.agreement.isTemplate, file: entry.file };
        if (!previous) {
            agreements.push({ ...base, status: 'added', changes: [] });
            continue;
        }
        const changes = diffAgreements(previous.agreement, entry.agreement).map(change => placed(change, before.root, after.root));
        agreements.push({ ...base, status: changes.length > 0 ? 'changed' : 'unchanged', changes });
    }
    for (const entry of unmatched.values()) {
        agreements.push({ agreement: entry.agreement.name, template: entry.agreement.isTemplate, file: entry.file, status: 'removed', changes: [] });
    }
    return { agreements, totals: diffTotals(agreements) };
}

/** The counts of agreements compared, changed, added and removed, and of those with a promise loosened or removed. */
export function diffTotals(agreements: readonly AgreementDiff[]): WorkspaceDiff['totals'] {
    const count = (status: AgreementDiff['status']) => agreements.filter(diff => diff.status === status).length;
    return {
        compared: count('changed') + count('unchanged'),
        changed: count('changed'),
        added: count('added'),
        removed: count('removed'),
        // An agreement removed promises nothing any more (a template promises nothing itself).
        loosening: agreements.filter(diff => diff.status === 'removed' ? !diff.template : diff.changes.some(change => change.loosens)).length
    };
}

/** Each agreement with its key: its name (a template's marked), or its file and name when the name is used twice in the version. */
function agreementsWithKeys(version: DiffVersion): Array<{ key: string; agreement: Agreement; file: string }> {
    const found = version.documents.flatMap(document => {
        const root = document.parseResult.value;
        const file = relativeFile(version.root, document);
        return isDocument(root) ? root.elements.filter(isAgreement).map(agreement => ({ agreement, file })) : [];
    });
    // A template and an agreement of one name are two things.
    const nameOf = (agreement: Agreement) => `${agreement.isTemplate ? 'template ' : ''}${agreement.name}`;
    const names = new Map<string, number>();
    for (const { agreement } of found) names.set(nameOf(agreement), (names.get(nameOf(agreement)) ?? 0) + 1);
    return found.map(entry => ({ ...entry, key: names.get(nameOf(entry.agreement))! > 1 ? `${entry.file}#${nameOf(entry.agreement)}` : nameOf(entry.agreement) }));
}

function placed(change: AgreementChange, beforeRoot: string, afterRoot: string): DiffChange {
    const result: DiffChange = { member: change.member, kind: change.kind, text: change.text, loosens: change.loosens };
    const at = change.node && placeOf(change.node, afterRoot);
    const was = change.before && placeOf(change.before, beforeRoot);
    if (at) result.at = at;
    if (was) result.was = was;
    return result;
}

function placeOf(node: AstNode, root: string): ChangePlace | undefined {
    const start = node.$cstNode?.range.start;
    if (!start) return undefined;
    return { file: relativeFile(root, AstUtils.getDocument(node)), line: start.line + 1, column: start.character + 1 };
}

/** A document's path relative to `root`, with forward slashes. */
function relativeFile(root: string, document: LangiumDocument): string {
    const relative = path.relative(root, document.uri.fsPath) || path.basename(document.uri.fsPath);
    return relative.split(path.sep).join('/');
}
