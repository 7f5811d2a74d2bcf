import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isAgreement, isClientScope, type ClientScope, type SlaAstType } from '../generated/ast.js';
import { datasetsReadBy } from '../model/agreement-datasets.js';
import { report } from './report.js';

/**
 * `client scope client = "northwind"` restricts every dataset the agreement reads to the
 * client's rows. A dataset without the field cannot be restricted: all its rows (every
 * client's, if it is shared) would count for this agreement.
 */
export function clientScopeChecks(): ValidationChecks<SlaAstType> {
    return { ClientScope: checkClientScope };
}

function checkClientScope(scope: ClientScope, accept: ValidationAcceptor): void {
    const agreement = scope.$container;
    if (!isAgreement(agreement) || !scope.field) return;
    const scopes = agreement.members.filter(isClientScope);
    if (scopes.length > 1 && scopes[0] !== scope) {
        report(accept, 'duplicate-entry', `The agreement has one client scope: remove this one or the first.`, { node: scope });
        return;
    }
    const members = agreement.members.filter(member => member !== scope);
    for (const dataset of datasetsReadBy(members)) {
        if (dataset.fields.some(field => field.name === scope.field)) continue;
        report(accept, 'client-scope-field-missing',
            `'client scope ${scope.field} = …': the agreement reads the dataset '${dataset.name}', which has no field '${scope.field}', so all its rows count for this client. Declare the field in '${dataset.name}' if the file holds several clients' rows.`,
            { node: scope, property: 'field' });
    }
}
