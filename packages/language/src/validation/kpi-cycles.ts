import { AstUtils, type LangiumDocument, type ValidationAcceptor, type ValidationChecks } from 'langium';
import { isKpi, isNameReference, type Document, type Kpi, type SlaAstType } from '../generated/ast.js';
import { report } from './report.js';

/** `kpi A = B + 1`, `kpi B = A * 2`: neither has a value. Checked once per file. */
export function kpiCycleChecks(): ValidationChecks<SlaAstType> {
    return { Document: checkCycles };
}

function checkCycles(root: Document, accept: ValidationAcceptor): void {
    let document: LangiumDocument;
    try {
        document = AstUtils.getDocument(root);
    } catch {
        return;
    }
    const graph = dependencyGraph(document);
    const components = stronglyConnected(graph);
    checkDepth(root, graph, components, accept);
    for (const component of components) {
        const cyclic = component.length > 1 || (graph.get(component[0])?.has(component[0]) ?? false);
        if (!cyclic) continue;
        const members = new Set(component);
        for (const kpi of component) {
            // Only KPIs of this file are reported here; a cycle through an imported file is reported there too.
            if (AstUtils.findRootNode(kpi) !== root || !kpi.name) continue;
            report(accept, 'kpi-cycle',
                `The formula of '${kpi.name}' depends on itself: ${cycleText(kpi, graph, members)}. A KPI cannot be computed from its own value; break the cycle.`,
                { node: kpi, property: 'name' });
        }
    }
}

/** KPI → the KPIs its formula names, from the references Langium collected while linking. */
function dependencyGraph(document: LangiumDocument): Map<Kpi, Set<Kpi>> {
    const graph = new Map<Kpi, Set<Kpi>>();
    for (const reference of document.references) {
        const target = 'ref' in reference ? reference.ref : undefined;
        if (!isKpi(target)) continue;
        const container = reference.$refNode?.astNode;
        const source = isNameReference(container) ? AstUtils.getContainerOfType(container, isKpi) : undefined;
        if (!source) continue;
        let targets = graph.get(source);
        if (!targets) graph.set(source, targets = new Set());
        targets.add(target);
    }
    return graph;
}

/** Tarjan's strongly connected components (iterative: deep formula chains do not overflow). */
function stronglyConnected(graph: Map<Kpi, Set<Kpi>>): Kpi[][] {
    const index = new Map<Kpi, number>();
    const low = new Map<Kpi, number>();
    const onStack = new Set<Kpi>();
    const stack: Kpi[] = [];
    const components: Kpi[][] = [];
    let counter = 0;
    for (const start of graph.keys()) {
        if (index.has(start)) continue;
        const work: Array<{ node: Kpi; edges: Iterator<Kpi> }> = [];
        const open = (node: Kpi): void => {
            index.set(node, counter);
            low.set(node, counter++);
            stack.push(node);
            onStack.add(node);
            work.push({ node, edges: (graph.get(node) ?? new Set<Kpi>()).values() });
        };
        open(start);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const next = frame.edges.next();
            if (!next.done) {
                const target = next.value;
                if (!index.has(target)) open(target);
                else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
                continue;
            }
            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].node;
                low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
            }
            if (low.get(frame.node) === index.get(frame.node)) {
                const component: Kpi[] = [];
                let member: Kpi;
                do {
                    member = stack.pop()!;
                    onStack.delete(member);
                    component.push(member);
                } while (member !== frame.node);
                components.push(component);
            }
        }
    }
    return components;
}

/**
 * How many KPIs deep a chain of references may go: evaluation follows KPI references
 * recursively, and thousands of levels overflow its stack. Real agreements use two or three.
 * Documented in docs/language-reference.md (section 5).
 */
export const MAX_KPI_DEPTH = 100;

/**
 * `sla/kpi-depth`: a KPI whose chain of references is more than MAX_KPI_DEPTH KPIs long,
 * reported where the chain first passes the limit. Tarjan's components come out after those
 * they refer to, so each KPI's depth is known from its targets' in one pass, without recursion.
 */
function checkDepth(root: Document, graph: Map<Kpi, Set<Kpi>>, components: Kpi[][], accept: ValidationAcceptor): void {
    const depth = new Map<Kpi, number>();
    const next = new Map<Kpi, Kpi>();
    for (const component of components) {
        const members = new Set(component);
        for (const kpi of component) {
            let deepest = 0;
            for (const target of graph.get(kpi) ?? []) {
                // Inside a cycle there is no depth: sla/kpi-cycle reports it.
                if (members.has(target)) continue;
                const targetDepth = depth.get(target) ?? 1;
                if (targetDepth > deepest) {
                    deepest = targetDepth;
                    next.set(kpi, target);
                }
            }
            depth.set(kpi, deepest + 1);
        }
    }
    for (const [kpi, levels] of depth) {
        if (levels !== MAX_KPI_DEPTH + 1 || AstUtils.findRootNode(kpi) !== root || !kpi.name) continue;
        const start = [kpi];
        for (let step = next.get(kpi); step && start.length < 4; step = next.get(step)) start.push(step);
        report(accept, 'kpi-depth',
            `'${kpi.name}' is computed through ${levels} KPIs in a row (${start.map(k => k.name).join(' → ')} → …); a chain of KPI references may be at most ${MAX_KPI_DEPTH} deep. Compute some of these KPIs from the data directly.`,
            { node: kpi, property: 'name' });
    }
}

/** Cycles up to this many KPIs are named in full; a longer one is named by its first steps and its size. */
const CYCLE_NAMES_SHOWN = 8;
/** Above this many KPIs a cycle is not searched for its shortest path (one search per KPI would cost n²). */
const CYCLE_SEARCH_LIMIT = 64;

/** `A → B → A`, or `A → B → C → D → … → A (5,000 KPIs in this cycle)`: bounded, whatever the cycle's size. */
function cycleText(kpi: Kpi, graph: Map<Kpi, Set<Kpi>>, members: Set<Kpi>): string {
    const path = members.size <= CYCLE_SEARCH_LIMIT ? cycleFrom(kpi, graph, members) : walkInside(kpi, graph, members, CYCLE_NAMES_SHOWN / 2);
    if (members.size <= CYCLE_SEARCH_LIMIT && path.length <= CYCLE_NAMES_SHOWN + 1) return path.map(k => k.name).join(' → ');
    const start = path.slice(0, CYCLE_NAMES_SHOWN / 2);
    return `${start.map(k => k.name).join(' → ')} → … → ${kpi.name} (${members.size.toLocaleString('en-US')} KPIs in this cycle)`;
}

/** `kpi` and the next `steps` KPIs it depends on inside its cycle (any such walk leads back to `kpi`). */
function walkInside(kpi: Kpi, graph: Map<Kpi, Set<Kpi>>, members: Set<Kpi>, steps: number): Kpi[] {
    const path = [kpi];
    for (let current = kpi; path.length < steps;) {
        const next = [...graph.get(current) ?? []].find(target => members.has(target) && target !== kpi);
        if (!next) break;
        path.push(next);
        current = next;
    }
    return path;
}

/** A shortest path from `kpi` back to itself inside its cycle, for the message. */
function cycleFrom(kpi: Kpi, graph: Map<Kpi, Set<Kpi>>, members: Set<Kpi>): Kpi[] {
    const previous = new Map<Kpi, Kpi>();
    const queue: Kpi[] = [kpi];
    while (queue.length > 0) {
        const current = queue.shift()!;
        for (const next of graph.get(current) ?? []) {
            if (!members.has(next)) continue;
            if (next === kpi) {
                const path: Kpi[] = [];
                for (let step: Kpi | undefined = current; step !== undefined && step !== kpi; step = previous.get(step)) path.unshift(step);
                return [kpi, ...path, kpi];
            }
            if (!previous.has(next) && next !== kpi) {
                previous.set(next, current);
                queue.push(next);
            }
        }
    }
    return [kpi, kpi];
}
