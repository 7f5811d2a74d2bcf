/**
 * Procedural clauses (`procedural clause …`): the provider's conduct or a procedure — how to
 * claim a credit, notices, "commercially reasonable efforts" — rather than a level of service.
 * The rule (docs/language-reference.md, "Procedural clauses"):
 * - a standard of effort is a legal term of art with a settled reading, not a level of service:
 *   it is not a vague promise in a procedural clause;
 * - deadlines and numbers in a procedural clause are terms of the procedure, not promises
 *   a KPI could measure, so it is not "unmeasured";
 * - other vague words ("promptly") still leave a time open and are still flagged;
 * - a procedural clause promises no measured level, so `measured by` contradicts it.
 */
export const EFFORT_STANDARDS: readonly string[] = [
    'commercially reasonable', 'reasonable', 'reasonably', 'best effort', 'best efforts', 'good faith'
];

/** Whether a vague term found in a text is a standard of effort (compared without case and extra spaces). */
export function isEffortStandard(term: string): boolean {
    const normalized = term.toLowerCase().replace(/\s+/g, ' ').trim();
    return EFFORT_STANDARDS.includes(normalized);
}
