import type { FieldType } from '../generated/ast.js';

/** The declared bounds of a number, integer or score field (`integer 1 to 5`, `number -10 to 40`, `score 1 to 5`), both included. */
export function fieldRange(type: FieldType | undefined): { min: number; max: number } | undefined {
    if ((type?.$type !== 'NumberType' && type?.$type !== 'IntegerType' && type?.$type !== 'ScoreType') || !type.range) return undefined;
    const { low, high, lowNegative, highNegative } = type.range;
    // An end not written yet (`integer 1 to`, while typing): no bounds to hold values to.
    if (!Number.isFinite(low) || !Number.isFinite(high)) return undefined;
    return { min: lowNegative ? -low : low, max: highNegative ? -high : high };
}
