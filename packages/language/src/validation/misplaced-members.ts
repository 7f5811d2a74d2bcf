import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import { isAgreement, isParty, isService, isTimezoneDeclaration, isValidity, type Service, type SlaAstType } from '../generated/ast.js';
import { report, theNamed, type Location } from './report.js';
import { fix, removeLines, removeNode, textWithComment, type FixEdit, type QuickFix } from './quick-fix.js';

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
    const stated = statedInAgreement(node, service)?.$cstNode?.text.trim();
    report(accept, 'member-misplaced',
        `${WHAT[node.$type] ?? 'This line'} belongs to the agreement, not to a service: ${theNamed('service', service.name)} cannot have its own. ${stated
            ? `The agreement already states '${stated}': remove '${text ?? ''}' from the service, or change the agreement's if this one is meant.`
            : `Move '${text ?? ''}' out of the service, next to the agreement's other terms.`}`,
        firstWord(node),
        { fixes: stated ? removalFixes(node, stated) : moveToAgreement(node, service) });
}

/**
 * What the agreement states already of the misplaced node's kind: its validity or its time zone
 * (each stated once), a party of the same name. Moving the node there would state it twice.
 */
function statedInAgreement(node: AstNode, service: Service): AstNode | undefined {
    const agreement = service.$container;
    if (!isAgreement(agreement)) return undefined;
    if (isValidity(node)) return agreement.members.find(isValidity);
    if (isTimezoneDeclaration(node)) return agreement.members.find(isTimezoneDeclaration);
    if (isParty(node)) return agreement.members.find(member => isParty(member) && member.name === node.name);
    return undefined;
}

/** The service's line removed: preferred only when it says what the agreement's says (else it may be the one meant). */
function removalFixes(node: AstNode, stated: string): QuickFix[] {
    const cst = node.$cstNode;
    if (!cst) return [];
    const same = cst.text.replace(/\s+/g, ' ') === stated.replace(/\s+/g, ' ');
    return [fix(`Remove it: the agreement's '${stated}' applies`, [removeNode(cst)], same)];
}

/** The first word (`fee`, `valid`, …): the place to fix, without underlining the whole line. */
function firstWord(node: AstNode): Location {
    if (isParty(node)) return node.role ? { node, property: 'role' } : { node, keyword: 'party' };
    return { node, keyword: FIRST_KEYWORD[node.$type] };
}

/**
 * The node written before the service, at its indentation, with the comment after it; taken out
 * of the service. Preferred for the first of its kind in the agreement's services: moving a second
 * one too would state it twice.
 */
function moveToAgreement(node: AstNode, service: Service): QuickFix[] {
    const cst = node.$cstNode;
    const serviceStart = service.$cstNode;
    if (!cst || !serviceStart) return [];
    const indent = ' '.repeat(serviceStart.range.start.character);
    // On lines of its own (but for a comment) the lines move; beside other text, the node alone.
    const moved = textWithComment(cst);
    const edits: FixEdit[] = [
        { range: { start: serviceStart.range.start, end: serviceStart.range.start }, newText: `${moved ?? cst.text}\n\n${indent}` },
        moved !== undefined ? removeLines(cst) : removeNode(cst)
    ];
    return [fix('Move it to the agreement', edits, firstMisplacedOfItsKind(node, service))];
}

/** Whether no service before it (or before it in its own) has a line of the node's kind (a party: of its name). */
function firstMisplacedOfItsKind(node: AstNode, service: Service): boolean {
    const agreement = service.$container;
    if (!isAgreement(agreement)) return true;
    const sameKind = (member: AstNode) => member.$type === node.$type && (!isParty(node) || (isParty(member) && member.name === node.name));
    return agreement.members.filter(isService).flatMap(other => other.members as AstNode[]).find(sameKind) === node;
}
