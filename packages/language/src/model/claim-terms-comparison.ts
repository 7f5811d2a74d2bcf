/**
 * The procedural terms of a credit in two versions (`sla diff`, a client against its template), from the customer's side: less
 * time to claim, a higher amount below which nothing is paid, a smaller or lower-capped repeat
 * escalation, or an earn-back after fewer met windows gives the customer less (looser, +1); the
 * opposite more (tighter, −1). A term added that takes from the customer (a deadline, a minimum,
 * an earn-back) loosens, one that gives (an escalation) tightens; removed, the other way round.
 * Settlement on the next invoice, added or removed, or amounts in units that cannot be compared,
 * are another credit (not comparable).
 */
import type { AstNode } from 'langium';
import {
    isClaimDeadline, isCreditSettlement, isEarnBack, isMinimumCredit, isRepeatEscalation, type Credit, type CreditClaimTerm, type Quantity
} from '../generated/ast.js';
import { quantityValue } from '../types/type-computer.js';
import { unitKind } from './unit-kinds.js';
import { normalizedText } from './written-text.js';

export interface ClaimTermChanges {
    /** +1 looser, −1 tighter per term that differs; undefined when not comparable. */
    aspects: number[] | undefined;
    /** The new version's terms that differ, as written (`no claim deadline` for one removed). */
    newer: string[];
    /** The old version's. */
    older: string[];
}

/** The kinds of term, each with what it is called when absent and whether adding it takes from the customer. */
const KINDS: ReadonlyArray<{ is: (term: AstNode) => boolean; absent: string; addedLoosens: boolean }> = [
    { is: isClaimDeadline, absent: 'no claim deadline', addedLoosens: true },
    { is: isMinimumCredit, absent: 'no minimum credit', addedLoosens: true },
    { is: isEarnBack, absent: 'no earn-back', addedLoosens: true },
    { is: isRepeatEscalation, absent: 'no repeat escalation', addedLoosens: false },
    { is: isCreditSettlement, absent: 'no settlement on the next invoice', addedLoosens: true }
];

export function claimTermChanges(before: Credit, after: Credit): ClaimTermChanges {
    const newer: string[] = [];
    const older: string[] = [];
    let aspects: number[] | undefined = [];
    for (const kind of KINDS) {
        const was = before.claimTerms.find(kind.is);
        const is = after.claimTerms.find(kind.is);
        if (normalizedText(was) === normalizedText(is)) continue;
        newer.push(is ? normalizedText(is) : kind.absent);
        older.push(was ? normalizedText(was) : kind.absent);
        const judged = !was || !is ? (isCreditSettlement(was ?? is) ? undefined : [(!was) === kind.addedLoosens ? 1 : -1]) : termAspects(was, is);
        aspects = judged && aspects ? [...aspects, ...judged] : undefined;
    }
    return { aspects, newer, older };
}

/** Two versions of one kind of term; undefined when they cannot be compared. */
function termAspects(was: CreditClaimTerm, is: CreditClaimTerm): number[] | undefined {
    if (isClaimDeadline(was) && isClaimDeadline(is)) return compared(was.period, is.period, -1);
    if (isMinimumCredit(was) && isMinimumCredit(is)) return compared(was.amount, is.amount, 1);
    if (isEarnBack(was) && isEarnBack(is)) {
        if (was.windows === undefined || is.windows === undefined) return undefined;
        return was.windows === is.windows ? [] : [is.windows < was.windows ? 1 : -1];
    }
    if (isRepeatEscalation(was) && isRepeatEscalation(is)) {
        const step = compared(was.step, is.step, -1);
        // No limit: the escalation grows without end, more than any limit.
        const limit = was.limit && is.limit ? compared(was.limit, is.limit, -1) : was.limit === is.limit ? [] : [is.limit ? 1 : -1];
        return step && limit ? [...step, ...limit] : undefined;
    }
    return undefined;
}

/** `higher`: +1 when a higher value gives the customer less, −1 when more. Undefined across units. */
function compared(was: Quantity | undefined, is: Quantity | undefined, higher: 1 | -1): number[] | undefined {
    if (!was || !is || !sameKind(was, is)) return undefined;
    const [a, b] = [quantityValue(was).value, quantityValue(is).value];
    return a === b ? [] : [b > a ? higher : -higher];
}

function sameKind(a: Quantity, b: Quantity): boolean {
    return unitKind(a) === unitKind(b);
}
