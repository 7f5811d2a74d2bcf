import {
    DefaultIndexManager, DefaultLinker, DefaultReferenceDescriptionProvider, type AstNode, type LangiumDocument,
    type Reference, type ReferenceDescription, type ReferenceInfo
} from 'langium';
import { shiftPosition, type PositionShift } from './cst-splice.js';

/** Langium's linker, able to link one reference (an edit re-links only what it touched). */
export class SlaLinker extends DefaultLinker {
    linkReference(info: ReferenceInfo, document: LangiumDocument): void {
        this.doLink(info, document);
    }

    /** Forgets a reference's target, so that linking it again looks it up afresh. */
    resetReference(reference: Reference): void {
        const storage = reference as unknown as { _ref?: unknown; _nodeDescription?: unknown };
        storage._ref = undefined;
        delete storage._nodeDescription;
    }
}

/** Langium's reference descriptions, one reference at a time. */
export class SlaReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    describe(info: ReferenceInfo): ReferenceDescription[] {
        return this.createInfoDescriptions(info);
    }
}

/** Langium's index, whose references of one document can be replaced by the incremental update. */
export class SlaIndexManager extends DefaultIndexManager {
    /**
     * After a unit was re-parsed: drops the descriptions of references inside the old unit and
     * of those re-linked (by their old offsets), moves the later ones, and adds `added`.
     */
    replaceUnitReferences(document: LangiumDocument, unit: { start: number; oldEnd: number }, relinkedOffsets: Set<number>,
        shift: PositionShift, added: ReferenceDescription[]): void {
        const uri = document.uri.toString();
        const kept: ReferenceDescription[] = [];
        for (const description of this.referenceIndex.get(uri) ?? []) {
            const offset = description.segment.offset;
            if ((offset >= unit.start && offset < unit.oldEnd) || relinkedOffsets.has(offset)) continue;
            kept.push(offset >= shift.oldEndOffset ? moved(description, shift) : description);
        }
        // The index is kept in text order: merge the few new descriptions into the kept ones.
        added.sort((a, b) => a.segment.offset - b.segment.offset);
        const merged: ReferenceDescription[] = [];
        let next = 0;
        for (const description of kept) {
            while (next < added.length && added[next].segment.offset < description.segment.offset) merged.push(added[next++]);
            merged.push(description);
        }
        while (next < added.length) merged.push(added[next++]);
        this.referenceIndex.set(uri, merged);
    }
}

function moved(description: ReferenceDescription, shift: PositionShift): ReferenceDescription {
    const { segment } = description;
    return {
        ...description,
        segment: {
            offset: segment.offset + shift.delta,
            end: segment.end + shift.delta,
            length: segment.length,
            range: { start: shiftPosition(segment.range.start, shift), end: shiftPosition(segment.range.end, shift) }
        }
    };
}

/** The node and property that hold a reference, found from its text in the CST. */
export function referenceInfo(reference: Reference): ReferenceInfo | undefined {
    const container: AstNode | undefined = reference.$refNode?.astNode;
    if (!container) return undefined;
    for (const [property, value] of Object.entries(container)) {
        if (value === reference) return { reference, container, property };
        if (Array.isArray(value)) {
            const index = value.indexOf(reference);
            if (index >= 0) return { reference, container, property, index };
        }
    }
    return undefined;
}
