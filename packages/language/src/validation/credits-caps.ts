import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { WindowSpec } from '@sla/engine';
import { isAgreement, isCredit, isFiscalYear, isService, type Agreement, type Credit, type CreditCap, type CreditsCap, type Service, type SlaAstType } from '../generated/ast.js';
import { agreementFee, serviceFee, sumOfServiceFees } from '../model/fees.js';
import { fiscalYearStartMonth, windowKey, windowSpecOf } from '../model/windows.js';
import { fix, insertAfterNode, replaceNode } from './quick-fix.js';
import { quote, report } from './report.js';

/**
 * `credits capped at 12% of fee per calendar month`: a cap on all credits of the agreement
 * together in each calendar period (an outsourcing contract's at-risk amount); in a service, on
 * all credits of that service (a tower's at-risk amount). Each cap says its period — a calendar
 * (or fiscal) month, quarter or year —, is money in the fee's currency or a share of a fee
 * written as an amount (the service's own, for a service's cap), and every credit window it
 * covers lies inside one of its periods (else which period's cap would it count in?). A period
 * capped twice in one agreement or service is a duplicate.
 */
export function creditsCapChecks(): ValidationChecks<SlaAstType> {
    return {
        CreditsCap: (node, accept) => {
            const owner = node.$container;
            if (!isAgreement(owner) && !isService(owner)) return;
            for (const cap of node.caps) checkCap(cap, owner, accept);
            checkDuplicatePeriods(node, owner, accept);
        }
    };
}

/** Whose credits a cap on all credits together limits: the agreement's, or one service's. */
type CapOwner = Agreement | Service;

const CAP_UNITS = new Set(['month', 'quarter', 'year']);

/** The periods offered for a cap when none holds every credit window. */
const USUAL_CAP_PERIODS = [{ key: 'calendar month', text: 'per calendar month' }, { key: 'calendar year', text: 'per calendar year' }];

function checkCap(cap: CreditCap, owner: CapOwner, accept: ValidationAcceptor): void {
    const amount = cap.amount;
    if (!cap.window) {
        const end = cap.$cstNode;
        // The periods that hold every credit window (a quarterly credit fits no month), shortest first; else the usual two.
        const windows = creditWindowsOf(owner);
        const holding = capPeriodsOf(owner).filter(period => windows.every(window => window === undefined || nestsIn(window, period.spec)));
        // A period capped already would be capped twice (sla/duplicate-entry): only the others are offered.
        const capped = cappedPeriodKeys(owner);
        const periods = (holding.length > 0 ? holding : USUAL_CAP_PERIODS)
            .filter(period => !capped.has(period.key)).map(period => period.text);
        // Beside another cap, which of the periods left this one is for is the writer's choice: none is preferred.
        const preferred = capped.size === 0 || periods.length === 1;
        const written = cap.$cstNode?.text.trim() ?? 'capped at 12% of fee';
        report(accept, 'credit-cap',
            `${quote(cap)}: per which period? All credits together are capped per calendar month, quarter or year (the at-risk amount of each period): ${periods.length > 0
                ? `write e.g. '${written} ${periods[0]}'.`
                : 'each period this cap could be per is capped already: remove this cap, or write it in place of the cap of its period.'}`,
            { node: cap, keyword: 'capped' },
            { fixes: end ? periods.map((period, index) => fix(`Add '${period}'`, [insertAfterNode(end, ` ${period}`)], preferred && index === 0)) : [] });
    } else if (windowKey(cap.window) !== undefined) {
        const spec = windowSpecOf(cap.window);
        if (spec?.kind !== 'calendar' || !CAP_UNITS.has(spec.unit)) {
            report(accept, 'credit-cap',
                `All credits together are capped per calendar (or fiscal) month, quarter or year, not ${quote(cap.window)}: a cap per rolling window, day or week has no one amount per invoice period.`,
                { node: cap, property: 'window' });
        } else {
            checkNesting(cap, spec, owner, accept);
        }
    }
    if (!amount?.amount || amount.formula) return; // a formula cap: sla/credit-formula (credit-formulas.ts)
    if (amount.ofService) {
        report(accept, 'credit-cap', `${quote(amount)}: all credits together are capped at an amount of money or a share of the fee (e.g. '12% of fee'), not in days of service.`, { node: amount });
        return;
    }
    if (amount.ofFee || amount.amount.unit === '%') checkShareOfFee(cap, owner, accept);
    // Money in another currency than the fee's: sla/unit-mismatch (credits.ts, as for every credit amount).
}

/** `12% of fee`: a share of the agreement's fee written as an amount (or the sum of its services' fees); in a service, of the service's own. */
function checkShareOfFee(cap: CreditCap, owner: CapOwner, accept: ValidationAcceptor): void {
    if (isService(owner)) {
        const fee = serviceFee(owner);
        if (fee?.source) {
            report(accept, 'credit-cap',
                `${quote(cap.amount)}: the fee of the service ${owner.name} is read from billing data, and a cap on all its credits together is a share of a fee written as an amount. Write the service's at-risk amount in money (e.g. '1200 EUR').`,
                { node: cap.amount! });
        } else if (!fee) {
            report(accept, 'fee-missing',
                `${quote(cap.amount)} is a share of the service's fee, but the service ${owner.name} states no fee of its own: the cap cannot be computed. Add e.g. 'fee 4000 EUR per calendar month' to the service, or write the cap in money.`,
                { node: cap.amount! });
        }
        return;
    }
    const agreement = owner;
    const fee = agreementFee(agreement);
    if (fee?.source) {
        report(accept, 'credit-cap',
            `${quote(cap.amount)}: the agreement's fee is read from billing data, and a cap on all credits together is a share of a fee written as an amount ('fee 10000 EUR per calendar month'). Write the at-risk amount in money (e.g. '1200 EUR').`,
            { node: cap.amount! });
    } else if (!fee && !sumOfServiceFees(agreement)) {
        report(accept, 'fee-missing',
            `${quote(cap.amount)} is a share of the fee, but the agreement states no fee: the cap cannot be computed. Add e.g. 'fee 10000 EUR per calendar month', or write the cap in money.`,
            { node: cap.amount! });
    }
}

/** Every credit window inside one period of the cap: a quarterly credit under a monthly cap would count in which month? */
function checkNesting(cap: CreditCap, spec: Extract<WindowSpec, { kind: 'calendar' }>, owner: CapOwner, accept: ValidationAcceptor): void {
    const creditWindows = creditsOf(owner).map(credit => ({ credit, window: creditWindow(credit) }));
    for (const { credit, window } of creditWindows) {
        if (window === undefined || nestsIn(window, spec)) continue;
        const service = AstUtils.getContainerOfType(credit, isService);
        // The credit's own period holds it, when a cap may be per that period (a month, quarter or year).
        const periodCst = cap.window?.$cstNode;
        const fixes = periodCst && window.kind === 'calendar' && CAP_UNITS.has(window.unit) && credit.window?.$cstNode
            ? [fix(`Cap all credits ${credit.window.$cstNode.text}`, [replaceNode(periodCst, credit.window.$cstNode.text)])] : [];
        const holdsAll = capPeriodsOf(owner).find(period => period.key !== windowKey(cap.window)
            && creditWindows.every(other => other.window === undefined || nestsIn(other.window, period.spec)));
        const advice = holdsAll
            ? `Cap all credits per a period that holds every credit window ('${holdsAll.text}'), or pay that credit per calendar month.`
            : window.kind === 'calendar' && window.unit === 'week'
                ? `A calendar week can begin in one month, quarter or year and end in the next, so no period of a cap holds every week: pay that credit per calendar month (with its objective per calendar month).`
                : `No calendar or fiscal month, quarter or year holds every credit window: pay that credit per calendar month (with its objective per calendar month).`;
        report(accept, 'credit-cap',
            `The credit for '${service ? `${service.name}.` : ''}${credit.kpi?.$refText ?? ''}' ${quote(credit.window)} does not fit inside one period of ${quote(cap.window)}: in which period's cap would its credit count? ${advice}`,
            { node: cap, property: 'window' }, { fixes });
    }
}

function creditsOf(owner: CapOwner): Credit[] {
    return AstUtils.streamAllContents(owner).filter(isCredit).toArray();
}

/** A credit's window, when it is written and unambiguous. */
function creditWindow(credit: Credit): WindowSpec | undefined {
    return credit.window && windowKey(credit.window) !== undefined ? windowSpecOf(credit.window) : undefined;
}

function creditWindowsOf(owner: CapOwner): Array<WindowSpec | undefined> {
    return creditsOf(owner).map(creditWindow);
}

/** The periods all credits together may be capped per, shortest first: calendar ones, then the agreement's fiscal ones. */
function capPeriodsOf(owner: CapOwner): Array<{ key: string; text: string; spec: Extract<WindowSpec, { kind: 'calendar' }> }> {
    const agreement = isAgreement(owner) ? owner : AstUtils.getContainerOfType(owner, isAgreement);
    const yearStartMonth = fiscalYearStartMonth(agreement?.members.find(isFiscalYear));
    const units = ['month', 'quarter', 'year'] as const;
    return [
        ...units.map(unit => ({ key: `calendar ${unit}`, text: `per calendar ${unit}`, spec: { kind: 'calendar' as const, unit } })),
        ...(yearStartMonth === undefined ? [] : (['quarter', 'year'] as const).map(unit => ({
            key: `fiscal ${unit}`, text: `per fiscal ${unit}`, spec: { kind: 'calendar' as const, unit, yearStartMonth }
        })))
    ];
}

const UNIT_RANK: Record<string, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/** Whether every window of `credit` lies inside one period of `cap` (fiscal periods start on the 1st of their month). */
export function nestsIn(credit: WindowSpec, cap: Extract<WindowSpec, { kind: 'calendar' }>): boolean {
    if (credit.kind !== 'calendar') return false;
    if (credit.unit === 'day') return true;
    if (credit.unit === 'week') return cap.unit === 'week';
    if (UNIT_RANK[credit.unit]! > UNIT_RANK[cap.unit]!) return false;
    if (credit.unit === 'month') return true;
    // Quarters and years start in their year's first month (January unless fiscal).
    const creditStart = credit.yearStartMonth ?? 1;
    const capStart = cap.yearStartMonth ?? 1;
    const step = credit.unit === 'quarter' ? 3 : 12;
    return (((capStart - creditStart) % step) + step) % step === 0;
}

/** The periods the owner's caps are written per (`calendar month`, …). */
function cappedPeriodKeys(owner: CapOwner): Set<string> {
    const statements = (owner.members as AstNode[]).filter((member): member is CreditsCap => member.$type === 'CreditsCap');
    return new Set(statements.flatMap(statement => statement.caps.flatMap(cap => {
        const key = cap.window ? windowKey(cap.window) : undefined;
        return key === undefined ? [] : [key];
    })));
}

/** A second cap on the same period (of one agreement, or one service): which one applies? */
function checkDuplicatePeriods(node: CreditsCap, owner: CapOwner, accept: ValidationAcceptor): void {
    const earlier = (owner.members as AstNode[]).filter((member): member is CreditsCap => member.$type === 'CreditsCap');
    const seen = new Set<string>();
    for (const statement of earlier) {
        for (const cap of statement.caps) {
            const key = cap.window ? windowKey(cap.window) : undefined;
            if (key === undefined) continue;
            if (seen.has(key) && statement === node) {
                report(accept, 'duplicate-entry', `All credits together are capped twice ${quote(cap.window)}: which cap applies? Keep one.`, { node: cap });
            }
            seen.add(key);
        }
    }
}
