/**
 * Inlay hints: after an objective with a percentage target, what the target allows — the
 * downtime in the headline window (`≤ 44 min 38 s down per 31-day month`) or the share of
 * events (`1 in 1,000 requests may fail`) — so the number behind "99.9%" is always in view;
 * after a share of the at-risk amount, what it pays (`= 4.8% of fee · 1,920 EUR`).
 */
import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { budgetHint, minimumObjective, stepObjective } from '../explain/objective-text.js';
import { isCreditAmount, isInternalTarget, isObjective } from '../generated/ast.js';
import { allocationHint } from '../explain/credit-text.js';
import type { SlaServices } from '../sla-module.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { templateDefaultsHint } from './template-inlay-hints.js';

export class SlaInlayHintProvider extends AbstractInlayHintProvider {
    private readonly types: SlaTypeComputer;

    constructor(services: SlaServices) {
        super();
        this.types = services.types.TypeComputer;
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        templateDefaultsHint(node, acceptor);
        if (isCreditAmount(node) && node.ofAtRisk) {
            // What a share of the at-risk amount pays, as the hover says it: the number behind "40%" in view.
            const label = allocationHint(node);
            const end = node.$cstNode?.range.end;
            if (label && end) acceptor({ position: end, label, kind: InlayHintKind.Parameter, paddingLeft: true });
            return;
        }
        if (!isObjective(node) && !isInternalTarget(node)) return;
        const hint = budgetHint(node, this.types);
        const end = node.window?.$cstNode?.range.end ?? node.target?.$cstNode?.range.end;
        if (hint && end) acceptor({ position: end, label: hint, kind: InlayHintKind.Parameter, paddingLeft: true });
        // A promise over the term: each step's budget after it (`, >= 99.95% from 2027-01-01 ≤ 22 min 19 s down …`).
        if (!isObjective(node)) return;
        for (const step of node.steps) {
            if (!step.target || !step.$cstNode) continue;
            const stepHint = budgetHint(stepObjective(node, step), this.types);
            if (stepHint) acceptor({ position: step.$cstNode.range.end, label: stepHint, kind: InlayHintKind.Parameter, paddingLeft: true });
        }
        // The minimum service level: what it allows (`, minimum 99.5% ≤ 3 h 43 min 12 s down …`).
        const minimum = node.minimum;
        const minimumHint = minimum?.target && minimum.$cstNode ? budgetHint(minimumObjective(node, minimum), this.types) : undefined;
        if (minimumHint) acceptor({ position: minimum!.$cstNode!.range.end, label: minimumHint, kind: InlayHintKind.Parameter, paddingLeft: true });
    }
}
