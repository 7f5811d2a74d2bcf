/** Facts of the agreement around a declaration that every explanation needs: zone, validity, fee. */
import { escapeMarkdown as md } from '@sla/engine';
import { AstUtils, type AstNode } from 'langium';
import { isAgreement, isFee, isParty, isTimezoneDeclaration, isValidity, type Agreement, type Fee, type Party, type Validity } from '../generated/ast.js';
import { parseDate } from './wording.js';

export interface AgreementContext {
    agreement?: Agreement;
    zone?: string;
    validity?: Validity;
    /** First and last civil day of validity (inclusive), when both dates are well-formed. */
    firstDay?: [number, number, number];
    lastDay?: [number, number, number];
    fee?: Fee;
    provider?: Party;
    customer?: Party;
}

/** While a whole document is explained: each agreement's context, once (see rememberingAgreementContexts). */
let remembered: WeakMap<Agreement, AgreementContext> | undefined;

/**
 * Runs `explain` with each agreement's context worked out once: every promise and credit
 * asks for it, and each time it walked all the agreement's members, so explaining an
 * agreement of 4,000 services took 2.9 s (n²; found fuzzing). Only for the time of one
 * explanation: an edit may replace members in place, so nothing is kept beyond it.
 */
export function rememberingAgreementContexts<T>(explain: () => T): T {
    const outer = remembered;
    remembered = new WeakMap();
    try {
        return explain();
    } finally {
        remembered = outer;
    }
}

export function agreementContext(node: AstNode): AgreementContext {
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    if (!agreement) return {};
    const known = remembered?.get(agreement);
    if (known) return known;
    const context: AgreementContext = { agreement };
    for (const member of agreement.members) {
        if (isTimezoneDeclaration(member)) context.zone ??= member.zone;
        else if (isValidity(member)) context.validity ??= member;
        else if (isFee(member)) context.fee ??= member;
        else if (isParty(member) && member.role === 'provider') context.provider ??= member;
        else if (isParty(member) && member.role === 'customer') context.customer ??= member;
    }
    context.firstDay = parseDate(context.validity?.from);
    context.lastDay = parseDate(context.validity?.to);
    remembered?.set(agreement, context);
    return context;
}

/** `(Europe/Berlin time)`, or a note that the agreement names no zone. */
export function zoneNote(context: AgreementContext): string {
    return context.zone ? `(${md(context.zone)} time)` : '(the agreement names no time zone: add `timezone "…"`)';
}

/**
 * `Times are America/New_York time (its own zone; the agreement's is Europe/Berlin).`: the zone
 * the times of day of a calendar or maintenance are read in, its own (`timezone "…"` inside it)
 * or else the agreement's.
 */
export function timesOfDayZoneSentence(ownZone: string | undefined, agreementZone: string | undefined): string {
    const zone = ownZone ?? agreementZone;
    if (zone === undefined) return 'Times are in the agreement\'s time zone.';
    const differs = ownZone !== undefined && agreementZone !== undefined && ownZone !== agreementZone;
    return `Times are ${md(zone)} time${differs ? ` (its own zone; the agreement's is ${md(agreementZone)})` : ''}.`;
}
