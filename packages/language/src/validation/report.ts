import { CstUtils, GrammarUtils, type AstNode, type CstNode, type ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SEVERITY, qualifiedCode, type DiagnosticSeverity, type SlaCode } from './diagnostic-codes.js';
import type { QuickFix, SlaDiagnosticData } from './quick-fix.js';
import { countSlotParameter, countSlotsOf } from '../model/template-parameters.js';

/** Where a diagnostic goes: a node and, to narrow it to one token, a property or keyword. */
export interface Location {
    node: AstNode;
    property?: string;
    index?: number;
    keyword?: string;
    range?: Range;
}

export interface ReportOptions {
    severity?: DiagnosticSeverity;
    fixes?: QuickFix[];
    /** See SlaDiagnosticData.dataset. */
    dataset?: string;
}

/** Reports one SLA diagnostic with its stable code, default severity and quick fixes. */
export function report(accept: ValidationAcceptor, code: SlaCode, message: string, location: Location, options: ReportOptions = {}): void {
    const data: SlaDiagnosticData = { code: qualifiedCode(code) };
    if (options.fixes && options.fixes.length > 0) data.fixes = options.fixes;
    if (options.dataset !== undefined) data.dataset = options.dataset;
    const severity = options.severity ?? DIAGNOSTIC_SEVERITY[code];
    // A count a template's parameter stands for (`in breaches consecutive windows`): at the parameter's name.
    const slot = location.property === undefined ? undefined : countSlotsOf(location.node).find(candidate => candidate.property === location.property);
    if (slot && countSlotParameter(location.node, slot)) location = { ...location, property: slot.parameterProperty };
    // Langium's typed `property` is keyed by node type; our locations are generic.
    accept(severity, message, { ...location, code: qualifiedCode(code), data } as Parameters<ValidationAcceptor>[2]);
}

/** The CST node of one property (the `index`-th for lists), or undefined in a half-written document. */
export function propertyNode(node: AstNode | undefined, property: string, index?: number): CstNode | undefined {
    if (!node?.$cstNode) return undefined;
    return GrammarUtils.findNodeForProperty(node.$cstNode, property, index);
}

export function keywordNode(node: AstNode | undefined, keyword: string, index?: number): CstNode | undefined {
    if (!node?.$cstNode) return undefined;
    return GrammarUtils.findNodeForKeyword(node.$cstNode, keyword, index);
}

/** Quotes source text for a message: the reader sees exactly what is written. */
export function quote(node: AstNode | undefined): string {
    return quoteText(node?.$cstNode?.text);
}

function quoteText(text: string | undefined): string {
    return text ? `'${text.replace(/\s+/g, ' ')}'` : "''";
}

/**
 * Quotes a declaration up to its block: `credit for Latency, capped at 20% of fee`, without
 * the `{ … }` body and without comments, which would otherwise end up inside the message.
 */
export function quoteHeader(node: AstNode | undefined): string {
    const cst = node?.$cstNode;
    if (!cst) return "''";
    const text = cst.root.fullText;
    let header = '';
    let from = cst.offset;
    for (const leaf of CstUtils.flattenCst(cst)) {
        if (!leaf.hidden && leaf.text === '{') break;
        if (leaf.hidden) {
            header += text.slice(from, leaf.offset) + ' ';
            from = leaf.end;
        } else {
            header += text.slice(from, leaf.end);
            from = leaf.end;
        }
    }
    return quoteText(header.trim());
}

/**
 * A declaration named in a message: `the calendar 'OfficeHours'`, or `this calendar` while its
 * name is not written yet (the parser reports the missing name; a message must not say 'undefined').
 */
export function theNamed(kind: string, name: string | undefined): string {
    return name === undefined ? `this ${kind}` : `the ${kind} '${name}'`;
}
