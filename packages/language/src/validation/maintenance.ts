import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Maintenance, SlaAstType } from '../generated/ast.js';
import { checkQuantity } from './quantities.js';
import { report } from './report.js';

/** Maintenance windows excuse downtime: they must be bounded and announced. */
export function maintenanceChecks(): ValidationChecks<SlaAstType> {
    return {
        Maintenance: checkBounded,
        Notice: (notice, accept) => {
            checkQuantity(notice.period, { kind: 'duration' }, 'a notice period', accept);
        }
    };
}

function checkBounded(maintenance: Maintenance, accept: ValidationAcceptor): void {
    if (!maintenance.name) return;
    if (maintenance.asNeeded.length > 0) {
        report(accept, 'maintenance-unbounded',
            `Maintenance 'as needed' lets the provider exclude any outage by calling it maintenance. State when it happens (e.g. 'every sunday 02:00 to 04:00') or a dated slot ('on 2026-06-01 22:00 to 23:30').`,
            { node: maintenance.asNeeded[0] });
    } else if (maintenance.slots.length === 0) {
        report(accept, 'maintenance-unbounded',
            `The maintenance '${maintenance.name}' has no schedule: when may the service be down? Add e.g. 'every sunday 02:00 to 04:00'.`,
            { node: maintenance, property: 'name' });
    }
    // Downtime the customer requests needs no notice from the provider: the customer sets the time.
    if (maintenance.notices.length === 0 && maintenance.requestedBy.length === 0) {
        report(accept, 'maintenance-unbounded',
            `The maintenance '${maintenance.name}' has no notice period: the customer cannot plan around it. Add e.g. 'notice 72 hours'.`,
            { node: maintenance, property: 'name' });
    }
}
