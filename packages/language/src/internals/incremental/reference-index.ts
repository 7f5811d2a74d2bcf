import {
    AstUtils, CstUtils, DefaultIndexManager, DefaultLinker, DefaultReferenceDescriptionProvider, interruptAndCheck, isReference, UriUtils,
    type AstNode, type CstNode, type DocumentSegment, type LangiumDocument, type Reference, type ReferenceDescription,
    type LangiumCoreServices, type LangiumProfiler, type ReferenceInfo, type URI
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { forEachReference, walkAst } from '../../model/ast-walk.js';
import { forgetReferenceTarget, linkReference, referenceIndexOf } from '../langium-private.js';
import { parameterBehindReference } from '../../model/template-parameters.js';

/** Langium's linker, able to link one reference (an edit re-links only what it touched). */
export class SlaLinker extends DefaultLinker {
    /** Langium's profiler, when one is installed (public services); while it records linking, Langium's own walk runs. */
    private readonly linkingProfiler: LangiumProfiler | undefined;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.linkingProfiler = services.shared.profilers.LangiumProfiler;
    }

    /**
     * Langium's `link` (every reference, in the order of the tree), walking the tree without
     * streams. With a cancellation token it yields where Langium's does (before each node);
     * without one (the CLI's build) Langium's await per node did nothing but cost a promise.
     */
    override async link(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<void> {
        if (cancelToken !== CancellationToken.None || this.linkingProfiler?.isActive('linking')) return super.link(document, cancelToken);
        walkAst(document.parseResult.value, node => {
            forEachReference(node, info => linkReference(this, info, document));
        });
    }

    linkReference(info: ReferenceInfo, document: LangiumDocument): void {
        linkReference(this, info, document);
    }

    /** Forgets a reference's target, so that linking it again looks it up afresh. */
    resetReference(reference: Reference): void {
        forgetReferenceTarget(reference);
    }
}

/**
 * A reference in the index, whose place in the text is read from the syntax tree when asked.
 *
 * Langium stores each reference's segment (offset, length, range: five objects); on the
 * 400-file portfolio that was about 6 MB of the server's heap, and every edit had to copy the
 * segments of all later references to move them. The token nodes move with the text already
 * (the incremental splice shifts them), so a description that keeps its token node is always
 * where the reference is.
 */
class LiveReferenceDescription implements ReferenceDescription {
    constructor(
        readonly sourceUri: URI,
        readonly sourcePath: string,
        readonly targetUri: URI,
        readonly targetPath: string,
        readonly local: boolean,
        /** The reference's CST node (`$refNode`). */
        readonly refNode: CstNode
    ) {}

    get segment(): DocumentSegment {
        return CstUtils.toDocumentSegment(this.refNode);
    }

    /** Where the reference starts, without building a segment. */
    get offset(): number {
        return this.refNode.offset;
    }

    toJSON(): ReferenceDescription {
        const { sourceUri, sourcePath, targetUri, targetPath, segment, local } = this;
        return { sourceUri, sourcePath, targetUri, targetPath, segment, local };
    }
}

/** Langium's reference descriptions as live descriptions, also one reference at a time. */
export class SlaReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    /** Langium's descriptions of a document's references, in the order of the tree, walking it without streams. */
    override async createDescriptions(document: LangiumDocument, cancelToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const add = (info: ReferenceInfo) => {
            if (info.reference.error) return;
            for (const description of this.createInfoDescriptions(info)) descriptions.push(description);
        };
        if (cancelToken === CancellationToken.None) {
            walkAst(document.parseResult.value, node => forEachReference(node, add));
            return descriptions;
        }
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            await interruptAndCheck(cancelToken);
            forEachReference(node, add);
        }
        return descriptions;
    }

    describe(info: ReferenceInfo): ReferenceDescription[] {
        return this.createInfoDescriptions(info);
    }

    protected override createInfoDescriptions(info: ReferenceInfo): ReferenceDescription[] {
        const reference = info.reference;
        if (reference.error || !reference.$refNode || !isReference(reference) || !reference.$nodeDescription) return [];
        const target = reference.$nodeDescription;
        const sourceUri = AstUtils.getDocument(info.container).uri;
        // `during supportHours` in a template links to the parameter's default calendar, but names
        // the parameter: it is a reference of the parameter (find references, rename), not of the calendar.
        const parameter = parameterBehindReference(info.container, reference);
        if (parameter) {
            return [new LiveReferenceDescription(sourceUri, this.nodeLocator.getAstNodePath(info.container), sourceUri, this.nodeLocator.getAstNodePath(parameter),
                true, reference.$refNode)];
        }
        return [new LiveReferenceDescription(sourceUri, this.nodeLocator.getAstNodePath(info.container), target.documentUri, target.path,
            UriUtils.equals(target.documentUri, sourceUri), reference.$refNode)];
    }
}

/** Langium's index, whose references of one document can be replaced by the incremental update. */
export class SlaIndexManager extends DefaultIndexManager {
    /**
     * After a block was re-parsed: drops the descriptions of references inside the old block and
     * of those re-linked (`dropped`, their CST nodes), and adds `added`. The others stay as they
     * are: their CST nodes have moved with the text.
     */
    replaceBlockReferences(document: LangiumDocument, dropped: Set<CstNode | undefined>, added: ReferenceDescription[]): void {
        const uri = document.uri.toString();
        const index = referenceIndexOf(this);
        const kept = (index.get(uri) ?? []).filter(description => !dropped.has((description as LiveReferenceDescription).refNode));
        // The index is kept in text order: merge the few new descriptions into the kept ones.
        const offset = (description: ReferenceDescription) => (description as LiveReferenceDescription).offset;
        added.sort((a, b) => offset(a) - offset(b));
        const merged: ReferenceDescription[] = [];
        let next = 0;
        for (const description of kept) {
            while (next < added.length && offset(added[next]) < offset(description)) merged.push(added[next++]);
            merged.push(description);
        }
        while (next < added.length) merged.push(added[next++]);
        index.set(uri, merged);
    }
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
