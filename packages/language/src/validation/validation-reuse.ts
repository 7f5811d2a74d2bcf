import { AstUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { isAgreement, isDocument } from '../generated/ast.js';
import { shiftPosition, type PositionShift } from '../workspace/incremental/cst-splice.js';

/**
 * Diagnostics are kept per top-level declaration ("bucket": a service, a calendar, a
 * dataset, … directly in an agreement or a file). After an edit re-parsed one block, the
 * buckets that cannot see the change keep their diagnostics instead of being checked again.
 * A bucket sees a change when it refers (directly or through other buckets) to the edited
 * one, or the edited one refers to it (some checks look at who uses a KPI); everything that
 * is not a block (the agreement itself, parties, fee, time zone, agreement-level KPIs and
 * objectives, the file) is always checked again.
 */
const REUSABLE_TYPES = new Set(['Service', 'Calendar', 'Maintenance', 'Dataset', 'Credit']);

/** What the validator may reuse after an edit, and how positions after the edit moved. */
export interface ReusePlan {
    /** The text before the edit: kept diagnostics must come from a validation of exactly this text. */
    oldText: string;
    reusable: Set<AstNode>;
    shift: PositionShift;
    /** The edited block's old range: a reused diagnostic must not touch it. */
    editedRange: Range;
}

export function isBucketContainer(node: AstNode): boolean {
    return isDocument(node) || isAgreement(node);
}

/** The top-level declaration a node belongs to (undefined for the file and agreements themselves). */
export function bucketOf(node: AstNode | undefined): AstNode | undefined {
    for (let current = node; current?.$container; current = current.$container) {
        if (isBucketContainer(current.$container)) return isBucketContainer(current) ? undefined : current;
    }
    return undefined;
}

/** Which buckets keep their diagnostics after `edited` (the new bucket around the edit) changed. */
export function planReuse(document: LangiumDocument, oldText: string, edited: AstNode, referencedBefore: Set<AstNode>, shift: PositionShift, editedRange: Range): ReusePlan {
    const root = document.parseResult.value;
    const buckets = new BucketFinder(root);
    const recheck = new Set<AstNode>([edited, ...referencedBefore]);
    const dependents = new Map<AstNode, Set<AstNode>>();
    for (const reference of document.references as Reference[]) {
        const target = reference.error ? undefined : reference.ref;
        if (!target?.$cstNode) continue;
        const targetBucket = buckets.at(target.$cstNode.offset);
        const source = buckets.at(reference.$refNode?.offset ?? -1);
        if (!source || !targetBucket || targetBucket === source || AstUtils.findRootNode(target) !== root) continue;
        if (source === edited) recheck.add(targetBucket);
        let sources = dependents.get(targetBucket);
        if (!sources) dependents.set(targetBucket, sources = new Set());
        sources.add(source);
    }
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
    const reusable = new Set<AstNode>(buckets.all.filter(bucket => REUSABLE_TYPES.has(bucket.$type) && !recheck.has(bucket)));
    return { oldText, reusable, shift, editedRange };
}

/** The top-level declarations of a file in text order, found by offset (binary search). */
class BucketFinder {
    readonly all: AstNode[] = [];
    private readonly starts: number[] = [];
    private readonly ends: number[] = [];

    constructor(root: AstNode) {
        const visit = (container: AstNode): void => {
            for (const child of AstUtils.streamContents(container)) {
                if (isBucketContainer(child)) visit(child);
                else if (child.$cstNode) {
                    this.all.push(child);
                    this.starts.push(child.$cstNode.offset);
                    this.ends.push(child.$cstNode.end);
                }
            }
        };
        visit(root);
        // streamContents follows properties, not text order (a file's imports come first anyway).
        const order = this.all.map((_, i) => i).sort((a, b) => this.starts[a] - this.starts[b]);
        const [all, starts, ends] = [order.map(i => this.all[i]), order.map(i => this.starts[i]), order.map(i => this.ends[i])];
        this.all.splice(0, this.all.length, ...all);
        this.starts.splice(0, this.starts.length, ...starts);
        this.ends.splice(0, this.ends.length, ...ends);
    }

    at(offset: number): AstNode | undefined {
        let low = 0;
        let high = this.starts.length - 1;
        while (low <= high) {
            const middle = (low + high) >> 1;
            if (this.starts[middle] > offset) high = middle - 1;
            else if (this.ends[middle] <= offset) low = middle + 1;
            else return this.all[middle];
        }
        return undefined;
    }
}

/** A kept diagnostic at its new place: its range and any range in its data (quick-fix edits). */
export function movedDiagnostic(diagnostic: Diagnostic, shift: PositionShift): Diagnostic {
    if (shift.delta === 0 && shift.lineDelta === 0 && shift.columnDelta === 0) return diagnostic;
    return moveRanges(diagnostic, shift) as Diagnostic;
}

export function touches(range: Range, other: Range): boolean {
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

