import {
    AstUtils, CstUtils, DefaultAstNodeDescriptionProvider, type AstNode, type AstNodeDescription, type AstNodeLocator,
    type DocumentSegment, type LangiumDocument, type NameProvider, type URI
} from 'langium';

/**
 * A description of a named node whose path and ranges are computed when first asked for
 * (scopes describe every KPI of an agreement; the linker reads only the node of the one
 * it finds), and which can be moved to the node that replaced its node when an edit
 * re-parsed one block without renaming anything (see SlaScopeProvider.carryOver).
 */
export class SlaNodeDescription implements AstNodeDescription {
    private pathMemo: string | undefined;
    private nameSegmentMemo: DocumentSegment | undefined;
    private selectionSegmentMemo: DocumentSegment | undefined;

    constructor(
        public node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        private readonly locator: AstNodeLocator,
        private readonly names: NameProvider
    ) {}

    get type(): string {
        return this.node.$type;
    }

    get path(): string {
        return this.pathMemo ??= this.locator.getAstNodePath(this.node);
    }

    get nameSegment(): DocumentSegment | undefined {
        return this.nameSegmentMemo ??= CstUtils.toDocumentSegment(this.names.getNameNode(this.node) ?? this.node.$cstNode);
    }

    get selectionSegment(): DocumentSegment | undefined {
        return this.selectionSegmentMemo ??= CstUtils.toDocumentSegment(this.node.$cstNode);
    }

    /** Describes `node` from now on (same name, same kind, new place in the tree). */
    moveTo(node: AstNode): void {
        this.node = node;
        this.pathMemo = undefined;
        this.nameSegmentMemo = undefined;
        this.selectionSegmentMemo = undefined;
    }
}

/** Langium's description provider, making SlaNodeDescriptions. */
export class SlaAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): SlaNodeDescription {
        const descriptionName = name ?? this.nameProvider.getName(node);
        if (!descriptionName) throw new Error(`Node at path ${this.astNodeLocator.getAstNodePath(node)} has no name.`);
        const uri = (document ?? AstUtils.getDocument(node)).uri;
        return new SlaNodeDescription(node, descriptionName, uri, this.astNodeLocator, this.nameProvider);
    }
}
