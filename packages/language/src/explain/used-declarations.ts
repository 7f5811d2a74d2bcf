/**
 * The calendars, maintenance and datasets an agreement uses, wherever they are declared: its own
 * members, and those of an imported file (`import "contoso-shared.sla"`) or of a template's
 * catalogue that it names. `sla explain` describes them all, as the evaluation uses them all.
 */
import { AstUtils, UriUtils, type AstNode } from 'langium';
import { isAgreement, isCalendar, isDataset, isField, isKpi, isMaintenance, type Agreement, type Calendar, type Dataset, type Maintenance } from '../generated/ast.js';
import { forEachReference, walkAst } from '../model/ast-walk.js';

export interface UsedDeclarations {
    calendars: Calendar[];
    maintenance: Maintenance[];
    datasets: Dataset[];
}

/** The agreement's own declarations first (as written), then the others in order of first use. */
export function usedDeclarations(agreement: Agreement): UsedDeclarations {
    const used: UsedDeclarations = {
        calendars: agreement.members.filter(isCalendar),
        maintenance: agreement.members.filter(isMaintenance),
        datasets: agreement.members.filter(isDataset)
    };
    const walked = new Set<AstNode>();
    const pending: AstNode[] = [agreement];
    const add = <T>(list: T[], node: T) => { if (!list.includes(node)) list.push(node); };
    while (pending.length > 0) {
        const root = pending.shift()!;
        if (walked.has(root)) continue;
        walked.add(root);
        walkAst(root, node => {
            forEachReference(node, ({ reference }) => {
                const target = 'ref' in reference ? reference.ref : undefined;
                if (!target) return;
                const declaration = isField(target) ? AstUtils.getContainerOfType(target, isDataset) : target;
                if (isCalendar(declaration)) add(used.calendars, declaration);
                else if (isMaintenance(declaration)) add(used.maintenance, declaration);
                else if (isDataset(declaration)) add(used.datasets, declaration);
                // Declared outside the agreement: what it names is used too (a shared KPI's dataset, a maintenance listed in data).
                if ((isKpi(declaration) || isMaintenance(declaration) || isDataset(declaration)) && AstUtils.getContainerOfType(declaration, isAgreement) !== agreement) {
                    pending.push(declaration);
                }
            });
        });
    }
    return used;
}

/** `contoso-shared.sla` (relative to the agreement's file) when `node` is declared in another file than the agreement; else undefined. */
export function declaredElsewhere(node: AstNode, agreement: Agreement): string | undefined {
    try {
        const here = AstUtils.getDocument(agreement).uri;
        const there = AstUtils.getDocument(node).uri;
        if (UriUtils.equals(here, there)) return undefined;
        return UriUtils.relative(UriUtils.dirname(here), there);
    } catch {
        // A node built outside any document (a test's copy): nothing to say where.
        return undefined;
    }
}
