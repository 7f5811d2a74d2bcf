import type { AgreementModel } from '@sla/engine';
import { isParty, type Agreement } from '../../generated/ast.js';

/** The portfolio's client column: the `customer` party (kept when the translation set it already). */
export function withCustomer(model: AgreementModel, agreement: Agreement): AgreementModel {
    if (model.customer) return model;
    const customer = agreement.members.find((member) => isParty(member) && member.role === 'customer');
    return customer && isParty(customer) ? { ...model, customer: { name: customer.name, ...(customer.title ? { title: customer.title } : {}) } } : model;
}

