import type { PortfolioEntry } from '@sla/engine';

/**
 * The margin of a client's worst objective relative to its target (margin / |target|; the
 * margin itself for a target of 0): the measure by which the engine picked that objective
 * (portfolio-report.ts worstObjective), and so the one clients are sorted by. Raw margins are in
 * each objective's unit: 4.9 points under 99.9 % is −0.049, one minute over 4 hours −60,000 ms,
 * yet the first is the worse (−4.9 % against −0.42 %).
 *
 * The entry carries the window's margin but not its target: the target is read from the window
 * the engine named, in the report the entry embeds (the window's own target when the promise
 * steps over the term). Null when the entry has no worst objective or its window is not found.
 */
export function worstRelativeMargin(entry: Pick<PortfolioEntry, 'worst' | 'report'>): number | null {
    const worst = entry.worst;
    if (worst === undefined) return null;
    let smallest: number | null = null;
    for (const objective of entry.report?.objectives ?? []) {
        if (objective.kpi !== worst.kpi || objective.service !== worst.service) continue;
        for (const window of objective.windows) {
            if (window.start !== worst.window || window.scopeValue !== worst.scopeValue || window.margin !== worst.margin) continue;
            const target = window.target ?? objective.target;
            const relative = target === 0 ? worst.margin : worst.margin / Math.abs(target);
            // Two objectives on one KPI (plans) may share the window and margin: the engine named the smaller.
            if (smallest === null || relative < smallest) smallest = relative;
        }
    }
    return smallest;
}
