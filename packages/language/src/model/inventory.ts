import type { AstNode } from 'langium';
import { isDataset, type Agreement, type Dataset } from '../generated/ast.js';

/** The dataset an `uptime(…, across zone of <name>)` names: one of the agreement's, or of its file. */
export function inventoryDataset(agreement: Agreement, name: string): Dataset | undefined {
    const own = agreement.members.find((member): member is Dataset => isDataset(member) && member.name === name);
    if (own) return own;
    const root = agreement.$container as { elements?: AstNode[] } | undefined;
    return root?.elements?.find((element): element is Dataset => isDataset(element) && element.name === name);
}
