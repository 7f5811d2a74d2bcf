/**
 * What a new version of an agreement changes (`sla diff`): its members matched with the old
 * version's — by KPI and window for objectives, internal targets and credits, by name for named
 * members, by role for parties, one each of the validity, zone, fee — and each change judged from
 * the customer's side as template deviations are (member-comparison.ts): a promise tightened,
 * loosened or replaced, added or removed; a term that is not a promise (a fee, a party, a
 * dataset) changed. A client agreement is compared as resolved from its template, so a change
 * of the catalogue shows in every client it reaches, and a change that an argument overrides in
 * none. Comments and layout are not changes.
 */
import { AstUtils, type AstNode } from 'langium';
import {
    isAgreement, isCalendar, isClause, isCredit, isCreditsCap, isExclusion, isFee, isFiscalYear, isInternalTarget, isKpi, isMaintenance,
    isDataset, isObjective, isParameter, isParty, isPlanChoice, isPlanList, isService, isTermination, isTimezoneDeclaration, isValidity,
    type Agreement, type Calendar, type Dataset, type Kpi, type Maintenance
} from '../generated/ast.js';
import { astNodes, forEachReference, refersTo, walkAst } from '../model/ast-walk.js';
import { resolveClient } from '../model/client-resolution.js';
import { asWritten, compareTargets, compareTerminations, memberName, type Verdict } from '../model/member-comparison.js';
import { windowKey } from '../model/windows.js';
import { compareCredits } from '../model/credit-comparison.js';
import { businessTimeVerdict, calendarText } from '../model/calendar-comparison.js';
import { datasetChanges } from './dataset-changes.js';
import { exclusionChange } from '../model/exclusion-comparison.js';
import { maintenanceChange } from '../model/maintenance-comparison.js';
import { compareCreditsCapsThroughFee } from '../model/credits-caps-in-money.js';
import { meaningKey } from '../model/meaning-key.js';
import { normalizedText, textWithoutLayout } from '../model/written-text.js';

export type ChangeKind = 'tightened' | 'loosened' | 'replaced' | 'added' | 'removed' | 'changed';

/** One change of an agreement, with the node that shows it (the new version's; the old one's when removed). */
export interface AgreementChange {
    /** How a reader names the member: `objective Hosting.Availability`, `fee`, `calendar SupportHours`. */
    member: string;
    kind: ChangeKind;
    /** Plain text: `99.95 % instead of 99.9 %`. */
    text: string;
    /** The member in the new version (the original node: a client's, or its template's); absent when removed. */
    node?: AstNode;
    /** The member in the old version; absent when added. */
    before?: AstNode;
    /** The change gives the customer less: a promise loosened, or one removed. */
    loosens: boolean;
}

/** Promises: their removal gives the customer less. */
const isPromise = (node: AstNode): boolean => isObjective(node) || isCredit(node) || isTermination(node) || isService(node) || isClause(node);

/** The changes from `before` to `after` (both agreements; a client agreement is resolved from its template), in the new version's order. */
export function diffAgreements(before: Agreement, after: Agreement): AgreementChange[] {
    const old = resolved(before);
    const now = resolved(after);
    const changes: AgreementChange[] = [];
    const outside: Outside = { before: sharedDefinitions(old.agreement), after: sharedDefinitions(now.agreement), paired: new Set(), now: now.agreement };
    diffMembers(old.agreement.members, now.agreement.members, undefined, changes, outside);
    diffSharedDefinitions(outside, changes);
    // Positions: the nodes the user wrote (a client's, or its template's), not the resolved copies.
    return changes.map(change => ({
        ...change,
        ...(change.node ? { node: now.originOf(change.node) } : {}),
        ...(change.before ? { before: old.originOf(change.before) } : {})
    }));
}

function resolved(agreement: Agreement): { agreement: Agreement; originOf(node: AstNode): AstNode } {
    const client = resolveClient(agreement);
    if (!client) return { agreement, originOf: node => node };
    return {
        agreement: client.agreement,
        originOf: node => {
            // A copy's original, or its nearest copied ancestor's: every copy traces back to a node written somewhere.
            const origin = client.originOf(node) ?? node;
            if (AstUtils.getContainerOfType(origin, (candidate): candidate is Agreement => candidate === agreement)) return origin;
            // A template's member moved by this client's argument (`with responseTime = 25 minutes`): the change is the argument's, in the client's file;
            // by a default in effect, the template's line (its default changed).
            return client.valuesUsedIn(node).find(value => value.argument)?.argument ?? origin;
        }
    };
}

/**
 * The calendars, maintenances and datasets each version reads from outside its own members (by
 * kind and name), and the keys of those that one version declares itself and the other reads from
 * outside: a client's calendar from its catalogue against the same calendar written into the
 * agreement (an OpenSLO round trip, an agreement written out from its template) is one calendar,
 * compared, not one removed and one added.
 */
interface Outside {
    before: Map<string, SharedDefinition>;
    after: Map<string, SharedDefinition>;
    paired: Set<string>;
    /** The new version (resolved): the promises a changed dataset's rows are counted in. */
    now: Agreement;
}

function diffMembers(beforeMembers: readonly AstNode[], afterMembers: readonly AstNode[], service: string | undefined, changes: AgreementChange[], outside: Outside): void {
    const unmatched = [...beforeMembers];
    for (const member of afterMembers) {
        const key = memberKey(member);
        const index = key === undefined ? -1 : unmatched.findIndex(candidate => memberKey(candidate) === key);
        if (index < 0) {
            const elsewhere = key === undefined ? undefined : outside.before.get(key);
            if (elsewhere) {
                outside.paired.add(key!);
                compareMember(elsewhere, member, service, changes, outside);
            } else {
                added(member, service, changes);
            }
            continue;
        }
        const [previous] = unmatched.splice(index, 1);
        if (isService(previous) && isService(member)) diffMembers(previous.members, member.members, member.name, changes, outside);
        else compareMember(previous!, member, service, changes, outside);
    }
    for (const member of unmatched) {
        const key = memberKey(member);
        const elsewhere = key === undefined ? undefined : outside.after.get(key);
        if (elsewhere) {
            outside.paired.add(key!);
            compareMember(member, elsewhere, service, changes, outside);
        } else {
            removed(member, service, changes);
        }
    }
}

/** What matches a member across versions; undefined for what is not compared (imports, template arguments). */
function memberKey(node: AstNode): string | undefined {
    if (isObjective(node) || isInternalTarget(node) || isCredit(node)) {
        const kpi = node.kpi?.ref;
        const owner = kpi ? AstUtils.getContainerOfType(kpi, isService)?.name : undefined;
        const name = kpi ? `${owner ? `${owner}.` : ''}${kpi.name}` : node.kpi?.$refText;
        return `${node.$type}|${name}|${windowKey(node.window) ?? normalizedText(node.window)}|${isObjective(node) && node.items ? 'each' : ''}`;
    }
    if (isParty(node)) return `Party|${node.role ?? ''}|${node.customRole ?? ''}`;
    if (isValidity(node) || isTimezoneDeclaration(node) || isFiscalYear(node) || isFee(node) || isPlanChoice(node) || isPlanList(node) || isCreditsCap(node) || node.$type === 'ClientScope') return node.$type;
    const name = (node as { name?: string }).name;
    return name === undefined ? undefined : `${node.$type}|${name}`;
}

function added(node: AstNode, service: string | undefined, changes: AgreementChange[]): void {
    const member = memberName(node, service) ?? termName(node);
    if (member === undefined) return;
    // An exclusion or a cap on all credits the old version did not have gives the customer less.
    const loosens = isExclusion(node) || isCreditsCap(node);
    changes.push({ member, kind: loosens ? 'loosened' : 'added', text: `added: ${shortText(node)}`, node, loosens });
}

function removed(node: AstNode, service: string | undefined, changes: AgreementChange[]): void {
    const member = memberName(node, service) ?? termName(node);
    if (member === undefined) return;
    // Without an exclusion or a cap the customer gets more.
    const tightens = isExclusion(node) || isCreditsCap(node);
    changes.push({ member, kind: tightens ? 'tightened' : 'removed', text: `removed: ${shortText(node)}`, before: node, loosens: !tightens && isPromise(node) });
}

function compareMember(before: AstNode, after: AstNode, service: string | undefined, changes: AgreementChange[], outside: Outside): void {
    const member = memberName(after, service) ?? termName(after);
    // Layout is no change: `99.9 %` is `99.9%`.
    if (member === undefined || textWithoutLayout(before) === textWithoutLayout(after)) return;
    // An internal target is the provider's own goal, not a promise: loosening it is shown, but gates nothing (docs/cli.md, exit codes).
    const push = (kind: ChangeKind, text: string, loosens = kind === 'loosened') => changes.push({ member, kind, text, node: after, before, loosens: loosens && !isInternalTarget(after) });
    // A target, bound or amount that lost its unit (`>= 99.9` for `>= 99.9%`) on an unchanged KPI is no promise anyone can
    // measure (sla/unit-missing; `sla evaluate` refuses the file): it fails the gate as a promise loosened does.
    const pushVerdict = (verdict: Verdict) => {
        const unmeasurable = verdict.unitMissing === true && measuredAlike(before, after);
        push(verdict.kind, unmeasurable ? `${verdict.text}; counted as loosening the promise` : verdict.text, verdict.kind === 'loosened' || unmeasurable);
    };
    const written = `${normalizedText(after)} instead of ${normalizedText(before)}`;
    // The same values and declarations in other words (`10.0%` for `10%`, a calendar parameter for the calendar it names): no promise moves.
    if (meaningKey(before) === meaningKey(after)) {
        push('changed', `written another way: ${written}`);
        return;
    }
    if ((isObjective(before) && isObjective(after)) || (isInternalTarget(before) && isInternalTarget(after))) {
        // Judged per another field: another promise, whatever its target (a minimum sample is compared with the target).
        const judgedOn = (node: typeof before) => node.scope?.$refText ?? '';
        if (judgedOn(before) !== judgedOn(after)) {
            push('replaced', written);
            return;
        }
        // Undefined: the same promise written another way (`0.5 hours` for `30 minutes`, `99.90%` for `99.9%`).
        const verdict = compareTargets(before.target ? asWritten(before.target) : undefined, before, after.target, after, written);
        if (verdict) pushVerdict(verdict);
        else push('changed', `written another way: ${written}`);
        return;
    }
    if (isCredit(before) && isCredit(after)) {
        // Undefined: the same credit written another way (its tiers in another order, `400 EUR` for `10% of fee` on a fee of 4,000 EUR).
        const verdict = compareCredits(before, after, written);
        if (verdict) pushVerdict(verdict);
        else push('changed', `written another way: ${written}`);
        return;
    }
    if (isCreditsCap(before) && isCreditsCap(after)) {
        // A share of the fee against money: compared in money through the fee, as credit tiers are (and as a client's cap is).
        const verdict = compareCreditsCapsThroughFee(before, after);
        if (verdict === 'same money') {
            push('changed', `written another way: ${written}`);
            return;
        }
        push(verdict?.kind ?? 'replaced', verdict?.text ?? written);
        return;
    }
    if (isTermination(before) && isTermination(after)) {
        const verdict = compareTerminations(before, after);
        push(verdict?.kind ?? 'replaced', verdict?.text ?? written);
        return;
    }
    if (isKpi(before) && isKpi(after)) {
        // Another formula measures every promise on the KPI, and on the KPIs built on it: name them.
        const promises = promisesMeasuredBy(after);
        push('replaced', promises.length > 0 ? `${written}; it measures ${promises.join(', ')}` : written);
        return;
    }
    if (isDataset(before) && isDataset(after)) {
        // A term, not a promise (docs/cli.md): the parts that changed, and the promises whose rows they change.
        const { title, reading } = datasetChanges(before, after);
        const readers = reading.length > 0 ? promisesReading(after.name, outside.now) : [];
        const parts = [...(title === undefined ? [] : [title]), ...reading, ...(readers.length > 0 ? [`its rows are counted in ${readers.join(', ')}`] : [])];
        // Nothing but the order of its lines: no change.
        if (parts.length > 0) push('changed', parts.join('; '));
        return;
    }
    if (isExclusion(before) && isExclusion(after)) {
        const change = exclusionChange(before, after);
        // Undefined: the same exclusion in other units (`600 minutes` for `10 hours`).
        push(change?.kind ?? 'changed', change?.parts.join('; ') ?? `written another way: ${written}`);
        return;
    }
    if (isMaintenance(before) && isMaintenance(after)) {
        const change = maintenanceChange(before, after);
        // Another title, or the same notice in other units: nothing in maintenance moves.
        if (change === undefined) {
            push('changed', written);
            return;
        }
        // Judged where it takes time out of a promise (an uptime's `excluding`, an exclusion `during` it); else another schedule nothing reads.
        const excluding = promisesExcluding(after.name, outside.now);
        push(excluding.length > 0 ? change.kind : 'replaced', [...change.parts, ...(excluding.length > 0 ? [`it takes time out of ${excluding.join(', ')}`] : [])].join('; '));
        return;
    }
    if (isCalendar(before) && isCalendar(after)) {
        // More hours can make an uptime easier or harder to meet: replaced, with the hours that changed. Where only
        // business time is measured with it, more working time is a stricter clock (model/calendar-comparison.ts).
        const text = calendarText(before, after) ?? written;
        const verdict = businessTimeVerdict(before, after, outside.now);
        if (verdict === undefined) {
            push('replaced', text);
            return;
        }
        const promises = promisesOfKpisReferringTo(outside.now, target => isCalendar(target) && target.name === after.name);
        push(verdict, `${text}; business time of ${promises.join(', ')} is counted during it${verdict === 'loosened' ? ': limits expire later in wall-clock time' : ': limits expire sooner in wall-clock time'}`);
        return;
    }
    // What promises are measured with (a KPI, a calendar, a maintenance, an exclusion, the zone,
    // the fiscal year) or what they say (a clause): another meaning. The rest is not a promise.
    const meaning = isKpi(before) || isCalendar(before) || isMaintenance(before) || isExclusion(before) || isClause(before) || isTimezoneDeclaration(before) || isFiscalYear(before);
    push(meaning ? 'replaced' : 'changed', written);
}

/** Two versions of a promise on one KPI whose formula is unchanged (what a target's unit must fit). */
function measuredAlike(before: AstNode, after: AstNode): boolean {
    const kpi = (node: AstNode) => (isObjective(node) || isInternalTarget(node) || isCredit(node) ? node.kpi?.ref : undefined);
    return meaningKey(kpi(before)) === meaningKey(kpi(after));
}

/**
 * The calendars and maintenances a version measures with that are declared outside it (at the top
 * of its file, in an imported file, in its template's file): `diffMembers` does not see them, yet
 * 09:00–17:00 instead of 08:00–18:00 changes every promise measured during them. Compared by name;
 * when a version measures with other ones (`supportHours` now defaults to another calendar), the
 * names are compared.
 */
function diffSharedDefinitions(outside: Outside, changes: AgreementChange[]): void {
    const { before: was, after: is } = outside;
    for (const [key, node] of is) {
        const previous = was.get(key);
        if (previous !== undefined) compareMember(previous, node, undefined, changes, outside);
    }
    for (const kind of ['calendar', 'maintenance'] as const) {
        // With the ones one version declares itself and the other reads from outside (compared above, in diffMembers).
        const paired = [...outside.paired].filter(key => key.startsWith(kind === 'calendar' ? 'Calendar|' : 'Maintenance|')).map(key => key.slice(key.indexOf('|') + 1));
        const ofKind = (node: SharedDefinition) => (kind === 'calendar' ? isCalendar(node) : isMaintenance(node));
        const names = (definitions: Map<string, SharedDefinition>) => [...new Set([...[...definitions.values()].filter(ofKind).map(node => node.name), ...paired])].sort();
        const [old, now] = [names(was), names(is)];
        if (old.join('|') === now.join('|')) continue;
        const list = (items: string[]) => (items.length === 0 ? 'none' : items.join(', '));
        const node = [...is.values()].find(candidate => ofKind(candidate) && !old.includes(candidate.name));
        const previous = [...was.values()].find(candidate => ofKind(candidate) && !now.includes(candidate.name));
        changes.push({ member: `${kind}s measured with`, kind: 'replaced', text: `${list(now)} instead of ${list(old)}`, ...(node ? { node } : {}), ...(previous ? { before: previous } : {}), loosens: false });
    }
}

type SharedDefinition = Calendar | Maintenance | Dataset;

/** Calendars, maintenances and datasets the agreement's members name (and those they name), declared outside its own members, by kind and name. */
function sharedDefinitions(agreement: Agreement): Map<string, SharedDefinition> {
    const isShared = (node: AstNode | undefined): node is SharedDefinition => isCalendar(node) || isMaintenance(node) || isDataset(node);
    const own = new Set(astNodes(agreement).filter(isShared).map(node => `${node.$type}|${node.name}`));
    const found = new Map<string, SharedDefinition>();
    const visit = (root: AstNode): void => walkAst(root, node => forEachReference(node, ({ reference }) => {
        const named = 'ref' in reference ? reference.ref : undefined;
        // `tickets.opened` names a field: the dataset is read.
        const target = isShared(named) ? named : named ? AstUtils.getContainerOfType(named, isDataset) : undefined;
        if (!isShared(target)) return;
        const key = `${target.$type}|${target.name}`;
        if (own.has(key) || found.has(key)) return;
        found.set(key, target);
        visit(target);
    }));
    for (const member of agreement.members) visit(member);
    return found;
}

/**
 * The objectives, internal targets and credits of `kpi`'s agreement that read it, directly or
 * through KPIs whose formulas use it, as the changes name them (`objective WebShop.Availability`).
 */
function promisesMeasuredBy(kpi: Kpi): string[] {
    const agreement = AstUtils.getContainerOfType(kpi, isAgreement);
    if (!agreement) return [];
    const nodes = astNodes(agreement);
    const qualified = (node: Kpi) => `${AstUtils.getContainerOfType(node, isService)?.name ?? ''}.${node.name}`;
    const reading = new Set([qualified(kpi)]);
    const kpis = nodes.filter(isKpi);
    // The KPIs built on it, to a fixed point (a chain of KPIs is at most as long as there are KPIs).
    for (let grew = true; grew;) {
        grew = false;
        for (const other of kpis) {
            if (reading.has(qualified(other)) || !other.formula) continue;
            if (refersTo(other.formula, target => isKpi(target) && reading.has(qualified(target)))) {
                reading.add(qualified(other));
                grew = true;
            }
        }
    }
    return nodes.flatMap(node => {
        if (!(isObjective(node) || isInternalTarget(node) || isCredit(node))) return [];
        const target = node.kpi?.ref;
        if (!target || !reading.has(qualified(target))) return [];
        const name = memberName(node, AstUtils.getContainerOfType(node, isService)?.name);
        return name === undefined ? [] : [`${name} ${normalizedText(node.window)}`.trimEnd()];
    });
}

/** The promises of `agreement` measured by a KPI whose formula refers to a node `matches` accepts, as promisesMeasuredBy names them, once each. */
function promisesOfKpisReferringTo(agreement: Agreement, matches: (target: AstNode) => boolean): string[] {
    return [...new Set(astNodes(agreement).filter(isKpi).filter(kpi => kpi.formula !== undefined && refersTo(kpi.formula, matches)).flatMap(promisesMeasuredBy))];
}

/** The promises of `agreement` measured by a KPI that reads the dataset called `dataset` (or one of its fields). */
function promisesReading(dataset: string, agreement: Agreement): string[] {
    return promisesOfKpisReferringTo(agreement, target => (isDataset(target) ? target : AstUtils.getContainerOfType(target, isDataset))?.name === dataset);
}

/**
 * What the maintenance called `maintenance` takes time out of in `agreement`: the promises on KPIs
 * whose uptime excludes it or counts it as available, and the exclusions `during` it.
 */
function promisesExcluding(maintenance: string, agreement: Agreement): string[] {
    const exclusions = astNodes(agreement).filter(isExclusion).filter(exclusion => exclusion.maintenance?.ref?.name === maintenance).map(exclusion => `exclusion ${exclusion.name}`);
    return [...promisesOfKpisReferringTo(agreement, target => isMaintenance(target) && target.name === maintenance), ...new Set(exclusions)];
}

/** The terms that memberName does not name. */
function termName(node: AstNode): string | undefined {
    if (isParty(node)) return node.role ?? `party ${node.customRole ?? ''}`;
    if (isValidity(node)) return 'validity';
    if (isTimezoneDeclaration(node)) return 'timezone';
    if (isFiscalYear(node)) return 'fiscal year';
    if (isFee(node)) return 'fee';
    if (isPlanChoice(node) || isPlanList(node)) return 'plans';
    if (node.$type === 'ClientScope') return 'client scope';
    if (isParameter(node)) return `parameter ${node.name}`;
    return undefined;
}

/** A member added or removed, as written, at most 120 characters (a whole service is not repeated). */
function shortText(node: AstNode): string {
    const text = normalizedText(node);
    return text.length <= 120 ? text : `${text.slice(0, 119)}…`;
}
