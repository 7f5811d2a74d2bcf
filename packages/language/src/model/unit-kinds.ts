/**
 * What a written quantity measures, for comparing two versions of a value (`sla diff`, a client
 * against its template): `99.9%`, `99.9` and `0.999` hold numbers, but only the first says what
 * of. A value whose unit changed kind cannot be compared by number.
 */
import type { Quantity } from '../generated/ast.js';
import { classifyUnit } from '../types/units.js';

/** `a percentage`, `a duration`, `money in EUR`, `business days`, `no unit`; undefined for a template's parameter (its default's unit is checked where it is written). */
export function unitKind(quantity: Pick<Quantity, 'unit' | 'parameter'>): string | undefined {
    if (quantity.parameter) return undefined;
    if (!quantity.unit) return 'no unit';
    const unit = classifyUnit(quantity.unit);
    switch (unit?.kind) {
        case 'ratio': return 'a percentage';
        case 'duration': return 'a duration';
        case 'businessDays': return 'business days';
        case 'money': return `money in ${unit.currency}`;
        default: return `'${quantity.unit}'`;
    }
}

export interface UnitChange {
    /** `the new target has no unit (sla/unit-missing)`, `a duration instead of a percentage`. */
    text: string;
    /** The new value is a bare number where the old one had a unit: not valid (sla/unit-missing), and so no longer a promise anyone can measure. */
    missing: boolean;
}

/** How `is` changed the kind of unit of `was` (`what`: `target`, `bound`, `amount`); undefined when they compare by number. */
export function unitChange(was: Pick<Quantity, 'unit' | 'parameter'>, is: Pick<Quantity, 'unit' | 'parameter'>, what: string): UnitChange | undefined {
    const [before, after] = [unitKind(was), unitKind(is)];
    if (before === undefined || after === undefined || before === after) return undefined;
    if (after === 'no unit') return { text: `the new ${what} has no unit (sla/unit-missing)`, missing: true };
    if (before === 'no unit') return { text: `the old ${what} had no unit`, missing: false };
    return { text: `${after} instead of ${before}`, missing: false };
}
