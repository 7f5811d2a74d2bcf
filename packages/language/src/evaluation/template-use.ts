import type { AgreementModel, TemplateUse } from '@sla/engine';
import { AstUtils } from 'langium';
import { isParty, type Agreement } from '../generated/ast.js';
import type { ResolvedClient } from '../model/client-resolution.js';
import { argumentText } from '../model/template-parameters.js';

/**
 * The customer party of every agreement (the portfolio report's client column) and, for a
 * client agreement, the template it instantiates: arguments in effect and deviations.
 */
export function withTemplateUse(model: AgreementModel, agreement: Agreement, resolved: ResolvedClient | undefined): AgreementModel {
    const customer = (resolved?.agreement ?? agreement).members.find(member => isParty(member) && member.role === 'customer');
    if (isParty(customer) && customer.name) model.customer = { name: customer.name, ...(customer.title ? { title: customer.title } : {}) };
    if (resolved) model.template = templateUse(resolved);
    return model;
}

function templateUse(resolved: ResolvedClient): TemplateUse {
    const start = resolved.template.$cstNode?.range.start;
    return {
        name: resolved.template.name,
        arguments: resolved.values.map(value => ({
            name: value.parameter.name,
            text: argumentText(value.value),
            isDefault: value.argument === undefined
        })),
        deviations: resolved.deviations.map(deviation => {
            const at = deviation.node.$cstNode?.range.start;
            return {
                member: deviation.member,
                kind: deviation.kind,
                text: deviation.text,
                ...(at ? { source: { line: at.line + 1, column: at.character + 1 } } : {})
            };
        }),
        ...(start ? { source: { line: start.line + 1, column: start.character + 1, file: AstUtils.getDocument(resolved.template).uri.fsPath } } : {})
    };
}
