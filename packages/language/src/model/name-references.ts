/** Finding names in formulas, for the scope provider (which dataset a selection reads) and the evaluation model. */
import { AstUtils, type AstNode } from 'langium';
import { isNameReference, type NameReference } from '../generated/ast.js';

/** The first name written in a formula part, in text order (`requests.latency` in `avg(requests.latency where …)`). */
export function firstNameReference(node: AstNode): NameReference | undefined {
    if (isNameReference(node)) return node;
    for (const child of AstUtils.streamAst(node)) {
        if (isNameReference(child)) return child;
    }
    return undefined;
}
