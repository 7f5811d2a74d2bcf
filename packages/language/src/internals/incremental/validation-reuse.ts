import { AstUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { isClause, isKpi, isService } from '../../generated/ast.js';
import { bucketOf, isBucketContainer, type DiagnosticReuse } from '../../workspace/diagnostic-reuse.js';
import { shiftPosition, type PositionShift } from './cst-splice.js';

/**
 * Diagnostics are kept per top-level declaration ("bucket": a service, a calendar, a
 * dataset, … directly in an agreement or a file: workspace/diagnostic-reuse.ts). After an
 * edit re-parsed one block, the buckets that cannot see the change keep their diagnostics
 * instead of being checked again.
 * A bucket sees a change when
 * - it refers to the edited one, directly or through other buckets (a KPI's type flows
 *   through formulas);
 * - the edited one refers to it, before or after the edit (checks of a KPI's internal
 *   target look at the objectives on that KPI anywhere in the agreement);
 * - it refers to a KPI the edited one refers to, before or after the edit (the same
 *   objectives, seen from another internal target);
 * - it holds a clause (its quick fixes list the KPIs the agreement's objectives name).
 * Datasets are always checked again (a check reads the data file's first row, which may
 * have changed on disk), and so is everything that is not a block: the agreement itself,
 * parties, fee, time zone, agreement-level KPIs and objectives, the file.
 */
const REUSABLE_TYPES = new Set(['Service', 'Calendar', 'Maintenance', 'Credit']);

/** What the edited block referred to before the edit: the buckets and the KPIs. */
export interface EditedReferences {
    buckets: Set<AstNode>;
    kpis: Set<AstNode>;
}

/** What the validator may reuse after an edit, and how positions after the edit moved. */
class BlockEditReuse implements DiagnosticReuse {
    constructor(
        readonly oldText: string,
        private readonly reusable: Set<AstNode>,
        private readonly shift: PositionShift,
        /** The edited block's old range: a reused diagnostic must not touch it. */
        private readonly editedRange: Range
    ) {}

    mayKeep(bucket: AstNode, diagnostics: readonly Diagnostic[]): boolean {
        return this.reusable.has(bucket) && !diagnostics.some(diagnostic => touches(diagnostic.range, this.editedRange));
    }

    /** A kept diagnostic at its new place: its range and any range in its data (quick-fix edits). */
    moved(diagnostic: Diagnostic): Diagnostic {
        const shift = this.shift;
        if (shift.delta === 0 && shift.lineDelta === 0 && shift.columnDelta === 0) return diagnostic;
        return moveRanges(diagnostic, shift) as Diagnostic;
    }
}

/**
 * The buckets a reference goes from and to, remembered per reference: an edit leaves most
 * references as they are, and finding their buckets again for thousands of references (by
 * walking up the tree or asking the CST for offsets) cost more than the re-parse itself.
 * The target side is recomputed whenever the reference now resolves to another node.
 */
const referenceBuckets = new WeakMap<Reference, KnownBuckets>();

/** Where a reference is (`source`) and the bucket of what it points to (`target`). Read only. */
export interface ReferenceBuckets {
    readonly source: AstNode | undefined;
    readonly target: AstNode | undefined;
}

export function bucketsOfReference(reference: Reference): ReferenceBuckets {
    const node = reference.error ? undefined : reference.ref;
    let known = referenceBuckets.get(reference);
    if (!known) {
        known = { source: bucketOf(reference.$refNode?.astNode), node, target: bucketOf(node) };
        referenceBuckets.set(reference, known);
    } else if (known.node !== node) {
        known.node = node;
        known.target = bucketOf(node);
    }
    return known;
}

interface KnownBuckets {
    source: AstNode | undefined;
    /** The node the reference pointed to when `target` was found. */
    node: AstNode | undefined;
    target: AstNode | undefined;
}

/** Which buckets keep their diagnostics after `edited` (the new bucket around the edit) changed. */
export function planReuse(document: LangiumDocument, oldText: string, edited: AstNode, before: EditedReferences, shift: PositionShift, editedRange: Range): DiagnosticReuse {
    const root = document.parseResult.value;
    const recheck = new Set<AstNode>([edited, ...before.buckets]);
    const editedKpis = new Set<AstNode>(before.kpis);
    const dependents = new Map<AstNode, Set<AstNode>>();
    const kpiUsers = new Map<AstNode, Set<AstNode>>();
    for (const reference of document.references as Reference[]) {
        // A target in another file has a bucket there: it never leads back to `edited`.
        const { source, target } = bucketsOfReference(reference);
        if (!source || !target) continue;
        const node = reference.ref;
        if (isKpi(node)) {
            if (source === edited) editedKpis.add(node);
            let users = kpiUsers.get(node);
            if (!users) kpiUsers.set(node, users = new Set());
            users.add(source);
        }
        if (target === source) continue;
        if (source === edited) recheck.add(target);
        let sources = dependents.get(target);
        if (!sources) dependents.set(target, sources = new Set());
        sources.add(source);
    }
    for (const kpi of editedKpis) for (const user of kpiUsers.get(kpi) ?? []) recheck.add(user);
    // Everything that depends on the edited bucket, however indirectly (a KPI's type flows through formulas).
    const queue = [edited];
    while (queue.length > 0) {
        for (const source of dependents.get(queue.pop()!) ?? []) {
            if (!recheck.has(source)) {
                recheck.add(source);
                queue.push(source);
            }
        }
    }
    const reusable = new Set<AstNode>();
    const visit = (container: AstNode): void => {
        for (const child of AstUtils.streamContents(container)) {
            if (isBucketContainer(child)) visit(child);
            else if (REUSABLE_TYPES.has(child.$type) && !recheck.has(child) && !holdsClause(child)) reusable.add(child);
        }
    };
    visit(root);
    return new BlockEditReuse(oldText, reusable, shift, editedRange);
}

function holdsClause(bucket: AstNode): boolean {
    return isService(bucket) && bucket.members.some(isClause);
}

function touches(range: Range, other: Range): boolean {
    return !(before(range.end, other.start) || before(other.end, range.start));
}

function moveRanges(value: unknown, shift: PositionShift): unknown {
    if (Array.isArray(value)) return value.map(item => moveRanges(item, shift));
    if (typeof value !== 'object' || value === null) return value;
    if (isRange(value)) {
        if (before(value.start, { line: shift.oldEndLine, character: shift.oldEndColumn })) return value;
        return { start: shiftPosition(value.start, shift), end: shiftPosition(value.end, shift) };
    }
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = moveRanges(item, shift);
    return result;
}

function isRange(value: object): value is Range {
    const range = value as Partial<Range>;
    return typeof range.start?.line === 'number' && typeof range.end?.line === 'number';
}

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

