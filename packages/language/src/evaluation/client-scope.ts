import type { AgreementModel } from '@sla/engine';
import { isClientScope, type Agreement, type ClientScope } from '../generated/ast.js';

/** The agreement's `client scope FIELD = "VALUE"` line, if any (the first: duplicates are reported). */
export function clientScopeOf(agreement: Pick<Agreement, 'members'>): ClientScope | undefined {
    return agreement.members.find(isClientScope);
}

/**
 * `client scope client = "northwind"`: every dataset of the model that declares the field is
 * restricted to that client's rows (DatasetModel.clientScope; the engine filters, and a
 * portfolio pass routes rows by it). A dataset without the field is left whole: the validator
 * warns about it (sla/client-scope-field-missing).
 */
export function withClientScope(model: AgreementModel, scope: ClientScope | undefined): AgreementModel {
    if (!scope?.field || scope.value === undefined) return model;
    for (const dataset of Object.values(model.datasets)) {
        if (dataset.fields.some(field => field.name === scope.field)) {
            dataset.clientScope = { field: scope.field, value: scope.value };
        }
    }
    return model;
}
