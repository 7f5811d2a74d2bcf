/**
 * A cap on all credits together as the report names it (`12% of fee per calendar month`,
 * `100000 EUR per calendar year`): the evaluation model writes it, the hover after an
 * evaluation finds the cap's entry in the report by it.
 */
import { windowSpecLabel } from '@sla/engine';
import type { CreditCap } from '../generated/ast.js';
import { windowSpecOf } from './windows.js';

export function creditCapText(cap: CreditCap): string | undefined {
    const quantity = cap.amount?.amount;
    const window = cap.window ? windowSpecOf(cap.window) : undefined;
    if (quantity?.value === undefined || window === undefined) return undefined;
    const amount = cap.amount!.ofFee || quantity.unit === '%' ? `${quantity.value}% of fee` : `${quantity.value} ${quantity.unit ?? ''}`;
    return `${amount} per ${windowSpecLabel(window)}`;
}
