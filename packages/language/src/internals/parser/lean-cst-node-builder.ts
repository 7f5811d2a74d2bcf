import { CstNodeBuilder, type LeafCstNodeImpl } from 'langium';
import { asLangiumLeaf } from '../langium-private.js';
import { absorbPassThroughChildren } from './cst-compaction.js';
import { OffsetLeafCstNode } from './offset-leaf-nodes.js';

type Token = Parameters<CstNodeBuilder['buildLeafNode']>[0];

/**
 * Langium's CST builder, building a leaner tree as the parser goes: leaves that store only
 * offsets (offset-leaf-nodes.ts), and no composites that only pass a rule call through
 * (cst-compaction.ts). Doing both while parsing, not in a pass afterwards, keeps parsing as
 * fast as Langium's own builder.
 */
export class LeanCstNodeBuilder extends CstNodeBuilder {
    protected override createLeafNode(token: Token, hidden: boolean): LeafCstNodeImpl {
        // `| 0` keeps the numbers small integers: Chevrotain's positions are doubles, which V8
        // would box (as Langium's own leaf notes).
        return asLangiumLeaf(new OffsetLeafCstNode(token.startOffset | 0, token.image.length | 0, token.tokenType, hidden));
    }

    override construct(item: Parameters<CstNodeBuilder['construct']>[0]): void {
        const closing = this.current;
        super.construct(item);
        // Its children are closed (and compacted) already: merge the ones that only pass through.
        if (closing.content.length === 1) absorbPassThroughChildren(closing, item);
    }
}
