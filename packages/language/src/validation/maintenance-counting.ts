import { CstUtils, GrammarUtils, type Reference, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Maintenance, SlaAstType, Uptime } from '../generated/ast.js';
import { exclusionsInScope } from '../model/exclusions.js';
import { fix, type FixEdit, type QuickFix } from './quick-fix.js';
import { keywordNode, report } from './report.js';

/**
 * One reading of each maintenance per uptime (docs/language-reference.md § 8.5, § 13.2): its
 * time is either left out of eligible time (`excluding M`, an exclusion `during M`) or counted
 * as available (`counting M as available`, `during M, counted as available`). The two give
 * different percentages from the same data (an outage-free month with 9 hours of patching:
 * 100 % either way, but one hour down is 99.8639 % of 735 hours or 99.8656 % of 744), so an
 * uptime that says both about one maintenance is a contradiction to settle, not a choice the
 * tool makes.
 */
export function maintenanceCountingChecks(): ValidationChecks<SlaAstType> {
    return { Uptime: (node, accept) => checkUptime(node, accept) };
}

function checkUptime(uptime: Uptime, accept: ValidationAcceptor): void {
    const excluded = new Map<Maintenance, Reference<Maintenance>>();
    const available = new Map<Maintenance, Reference<Maintenance>>();
    for (const [references, own, other] of [
        [uptime.exclusions, excluded, available],
        [uptime.available, available, excluded]
    ] as const) {
        for (const reference of references) {
            const maintenance = reference.ref;
            if (!maintenance) continue; // an unknown name is reported by linking
            const index = references.indexOf(reference);
            const property = references === uptime.exclusions ? 'exclusions' : 'available';
            if (own.has(maintenance)) {
                report(accept, 'duplicate-entry', `'${reference.$refText}' is named a second time here: keep one.`, { node: uptime, property, index },
                    { fixes: fixes([[`Remove the second '${reference.$refText}'`, removeFromList(uptime, property, index)]]) });
            } else if (other.has(maintenance)) {
                const excludedAt = uptime.exclusions.indexOf(property === 'exclusions' ? reference : other.get(maintenance)!);
                const availableAt = uptime.available.indexOf(property === 'available' ? reference : other.get(maintenance)!);
                report(accept, 'maintenance-conflict',
                    `'${reference.$refText}' is both excluded and counted as available in this uptime: excluded, its time leaves eligible time; counted as available, it stays eligible and no outage in it is downtime. Keep the one the contract means.`,
                    { node: uptime, property, index },
                    { fixes: fixes([
                        [`Keep 'excluding ${reference.$refText}'`, removeFromList(uptime, 'available', availableAt)],
                        [`Keep 'counting ${reference.$refText} as available'`, removeFromList(uptime, 'exclusions', excludedAt)]
                    ]) });
            }
            own.set(maintenance, reference);
        }
    }
    for (const exclusion of exclusionsInScope(uptime)) {
        const maintenance = exclusion.maintenance?.ref;
        if (!maintenance) continue;
        const countedAsAvailable = exclusion.countedAsAvailable;
        const conflicting = countedAsAvailable ? excluded.get(maintenance) : available.get(maintenance);
        if (!conflicting) continue;
        const property = countedAsAvailable ? 'exclusions' : 'available';
        const index = (countedAsAvailable ? uptime.exclusions : uptime.available).indexOf(conflicting);
        const remove = fixes([[`Remove '${conflicting.$refText}' here: the exclusion '${exclusion.name}' decides`, removeFromList(uptime, property, index)]]);
        report(accept, 'maintenance-conflict',
            countedAsAvailable
                ? `The exclusion '${exclusion.name}' counts '${conflicting.$refText}' as available, and this uptime excludes it: which does the contract mean? Write 'counting ${conflicting.$refText} as available' here, or remove 'counted as available' from the exclusion.`
                : `The exclusion '${exclusion.name}' takes '${conflicting.$refText}' out of eligible time, and this uptime counts it as available: which does the contract mean? Write 'excluding ${conflicting.$refText}' here, or add ', counted as available' to the exclusion.`,
            { node: uptime, property, index }, { fixes: remove });
    }
}

function fixes(candidates: Array<[string, FixEdit | undefined]>): QuickFix[] {
    return candidates.flatMap(([title, edit]) => (edit ? [fix(title, [edit])] : []));
}

/**
 * The edit that removes the `index`-th maintenance of `excluding A, B` or `counting A, B as
 * available` (with its comma), or the whole clause when it is the only one (from the end of what
 * precedes it). Undefined in a half-written uptime.
 */
function removeFromList(uptime: Uptime, property: 'exclusions' | 'available', index: number): FixEdit | undefined {
    const items = GrammarUtils.findNodesForProperty(uptime.$cstNode, property);
    const item = items[index];
    if (!item || index < 0) return undefined;
    if (items.length > 1) {
        // `A, B`: the second goes with the comma before it, the first with the comma after it.
        const range = index > 0 ? { start: items[index - 1]!.range.end, end: item.range.end } : { start: item.range.start, end: items[1]!.range.start };
        return { range, newText: '' };
    }
    const first = keywordNode(uptime, property === 'exclusions' ? 'excluding' : 'counting');
    const last = property === 'exclusions' ? item : keywordNode(uptime, 'available');
    const before = first ? CstUtils.getPreviousNode(first, false) : undefined;
    if (!first || !last || !before) return undefined;
    return { range: { start: before.range.end, end: last.range.end }, newText: '' };
}
