import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { isParty, isService, type SlaAstType } from '../generated/ast.js';
import { report, type Location } from './report.js';
import { fix, type FixEdit } from './quick-fix.js';

const FIRST_KEYWORD: Record<string, string> = { Validity: 'valid', TimezoneDeclaration: 'timezone' };

const WHAT: Record<string, string> = {
    Validity: 'The validity period',
    TimezoneDeclaration: 'The time zone',
    Party: 'A party'
};

/**
 * A validity, time zone or party written inside a service parses (instead of derailing the
 * rest of the file into a cascade of errors) and gets this one error, with a fix that moves the
 * line to the agreement. (A `fee` in a service is that service's fee: model/fees.ts; `credits
 * capped at …` there caps that service's credits: credits-caps.ts.)
 */
export function misplacedMemberChecks(): ValidationChecks<SlaAstType> {
    return {
        Validity: checkPlacement,
        TimezoneDeclaration: checkPlacement,
        Party: checkPlacement
    };
}

function checkPlacement(node: AstNode, accept: ValidationAcceptor): void {
    const service = node.$container;
    if (!isService(service)) return;
    const text = node.$cstNode?.text.trim();
    report(accept, 'member-misplaced',
        `${WHAT[node.$type] ?? 'This line'} belongs to the agreement, not to a service: the service '${service.name}' cannot have its own. Move '${text ?? ''}' out of the service, next to the agreement's other terms.`,
        firstWord(node),
        { fixes: moveToAgreement(node, service) });
}

/** The first word (`fee`, `valid`, …): the place to fix, without underlining the whole line. */
function firstWord(node: AstNode): Location {
    if (isParty(node)) return node.role ? { node, property: 'role' } : { node, keyword: 'party' };
    return { node, keyword: FIRST_KEYWORD[node.$type] };
}

function moveToAgreement(node: AstNode, service: AstNode & { name: string }): ReturnType<typeof fix>[] {
    const line = node.$cstNode;
    const serviceStart = service.$cstNode;
    if (!line || !serviceStart) return [];
    const indent = ' '.repeat(serviceStart.range.start.character);
    const edits: FixEdit[] = [
        // Before the service, at its indentation.
        { range: { start: serviceStart.range.start, end: serviceStart.range.start }, newText: `${line.text.trim()}\n\n${indent}` },
        // The whole line inside the service, with its line break.
        { range: { start: { line: line.range.start.line, character: 0 }, end: { line: line.range.end.line + 1, character: 0 } }, newText: '' }
    ];
    return [fix('Move it to the agreement', edits, true)];
}
