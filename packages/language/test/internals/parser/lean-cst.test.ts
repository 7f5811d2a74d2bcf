/**
 * The SLA parser builds a leaner CST than Langium's (internals/parser/cst-compaction.ts removes
 * pass-through composites, internals/parser/offset-leaf-nodes.ts stores only offsets in leaves). Every
 * question Langium and our LSP features ask of a CST must get the same answer from both:
 * the tokens with their ranges, each AST node's CST node, which assignment a token belongs to,
 * which CST nodes hold a property or keyword, where a reference is. Each test parses the same
 * text with both parsers and compares those answers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    AstUtils, createLangiumParser, EmptyFileSystem, GrammarAST, GrammarUtils, isReference,
    type AstNode, type CstNode, type LangiumParser, type LeafCstNode
} from 'langium';
import { describe, expect, test } from 'vitest';
import { createSlaServices } from '../../../src/sla-module.js';
import { generateAgreement } from '../../../../../test/bench/generate-agreement.mjs';
import { random } from '../../random.js';
import { readCorpusText } from '../../validation/corpus-expectations.js';

const { Sla } = createSlaServices(EmptyFileSystem);
const lean = Sla.parser.LangiumParser;
const stock: LangiumParser = createLangiumParser(Sla);
const locator = Sla.workspace.AstNodeLocator;

const examples = join(__dirname, '../../../../../examples');
const corpus = join(__dirname, '../../validation/corpus');
const ACME = readFileSync(join(examples, 'managed-hosting/acme-hosting.sla'), 'utf8');
const HELIX = readFileSync(join(examples, 'service-desk/helix-service-desk.sla'), 'utf8');

function cstNodes(root: CstNode): CstNode[] {
    const nodes: CstNode[] = [];
    const stack = [root];
    while (stack.length > 0) {
        const node = stack.pop()!;
        nodes.push(node);
        if ('content' in node) for (const child of [...(node as { content: CstNode[] }).content].reverse()) stack.push(child);
    }
    return nodes;
}
const leavesOf = (root: CstNode) => cstNodes(root).filter((node): node is LeafCstNode => !('content' in node));
const compositeCount = (root: CstNode) => cstNodes(root).filter(node => 'content' in node).length;

/**
 * A grammar element named by identity: both parsers share one grammar. Each parser makes its
 * own synthetic elements for infix rules (outside any rule): those are named by what they assign.
 */
const grammarIds = new Map<AstNode, number>();
const isSynthetic = (element: AstNode) => !AstUtils.getContainerOfType(element, node => GrammarAST.isParserRule(node) || GrammarAST.isInfixRule(node));
const grammarPlace = (element: AstNode | undefined) => {
    if (!element) return 'none';
    if (isSynthetic(element)) return `${element.$type} ${(element as { feature?: string }).feature} (infix)`;
    if (!grammarIds.has(element)) grammarIds.set(element, grammarIds.size);
    return `${element.$type}#${grammarIds.get(element)}`;
};
const span = (node: CstNode | undefined) => node ? `${node.offset}-${node.end} ${JSON.stringify(node.range)}` : 'none';

/**
 * The assignment a token belongs to. Langium parses an infix rule through an operand slot
 * `parts` that no AST node keeps; in its tree a token of a one-operand formula (the `(` of
 * `count(…)`) finds that slot, in the lean tree it finds none. Neither names a property.
 */
function assignmentOf(leaf: LeafCstNode): string {
    const assignment = GrammarUtils.findAssignment(leaf);
    if (assignment && assignment.feature === 'parts' && isSynthetic(assignment)) return 'none';
    return grammarPlace(assignment);
}

function tokenView(leaf: LeafCstNode): string {
    return `${leaf.offset}+${leaf.length} ${JSON.stringify(leaf.range)} ${leaf.tokenType.name}${leaf.hidden ? ' hidden' : ''} ${JSON.stringify(leaf.text)}`
        + ` from ${grammarPlace(leaf.grammarSource)}; assignment ${assignmentOf(leaf)}; node ${leaf.hidden ? '' : leaf.astNode.$type}`;
}

/** For each AST node: its CST node, what holds each of its properties and keywords, and its references. */
function astView(root: AstNode): string[] {
    const view: string[] = [];
    for (const node of AstUtils.streamAst(root)) {
        const cst = node.$cstNode;
        // Not always the node itself: Langium gives the inner binary nodes of `a + b + c` the CST node of the whole.
        view.push(`${node.$type} ${locator.getAstNodePath(node)} at ${span(cst)}, CST node of ${cst ? locator.getAstNodePath(cst.astNode) : 'none'}`);
        const properties = Object.keys(Sla.shared.AstReflection.getTypeMetaData(node.$type).properties);
        for (const property of properties) {
            view.push(`  ${property}: ${GrammarUtils.findNodesForProperty(cst, property).map(span).join(', ')}`);
        }
        const keywords = new Set(leavesOf(cst!).filter(leaf => leaf.grammarSource?.$type === 'Keyword').map(leaf => leaf.text));
        for (const keyword of keywords) view.push(`  '${keyword}': ${GrammarUtils.findNodesForKeyword(cst, keyword).map(span).join(', ')}`);
        for (const [property, value] of Object.entries(node)) {
            if (isReference(value)) view.push(`  ref ${property} ${value.$refText} at ${span(value.$refNode)}`);
        }
    }
    return view;
}

/** What the lean tree must satisfy on its own: every AST node's CST node is in the tree, and containers hold their children. */
function checkLinks(root: AstNode): void {
    const inTree = new Set(cstNodes(root.$cstNode!));
    for (const node of AstUtils.streamAst(root)) {
        const cst = node.$cstNode!;
        expect(inTree.has(cst), `${node.$type} ${locator.getAstNodePath(node)}: its CST node is outside the tree`).toBe(true);
    }
    for (const node of inTree) {
        if (node.container) expect(node.container.content).toContain(node);
    }
}

function compareParsers(text: string): { stockComposites: number; leanComposites: number } {
    const expected = stock.parse(text);
    const actual = lean.parse(text);
    expect(actual.parserErrors.map(e => e.message)).toEqual(expected.parserErrors.map(e => e.message));
    expect(leavesOf(actual.value.$cstNode!).map(tokenView)).toEqual(leavesOf(expected.value.$cstNode!).map(tokenView));
    expect(astView(actual.value)).toEqual(astView(expected.value));
    checkLinks(actual.value);
    return { stockComposites: compositeCount(expected.value.$cstNode!), leanComposites: compositeCount(actual.value.$cstNode!) };
}

describe('the lean CST answers as Langium\'s does', () => {
    test('the two examples and every corpus document', () => {
        const files = readdirSync(corpus).filter(name => name.endsWith('.sla')).map(name => readCorpusText(readFileSync(join(corpus, name), 'utf8')).text);
        for (const text of [ACME, HELIX, ...files]) compareParsers(text);
    });

    test('a generated agreement, with half as many composite nodes', () => {
        const { stockComposites, leanComposites } = compareParsers(generateAgreement(400, 'Client'));
        // The reason for the lean tree: formulas and references lose their pass-through nodes.
        expect(leanComposites).toBeLessThan(stockComposites * 0.6);
    });

    test('line breaks as \\r\\n and as a lone \\r, multi-line comments and strings, characters outside the BMP', () => {
        const commented = ACME.replace('agreement ', '/* a comment\n   over 😀 two lines */ agreement ')
            .replace(/description "([^"]*)"/, 'description "$1 — ✓ 😀 ünïcödé"');
        expect(commented).not.toBe(ACME);
        compareParsers(commented);
        compareParsers(commented.replace(/\n/g, '\r\n'));
        compareParsers(commented.replace(/\n/g, '\r'));
        compareParsers('agreement "x" { // ends without a line break');
    });

    test('texts with syntax errors (the parser recovers; the trees must still agree)', () => {
        const next = random(20261125);
        for (let k = 0; k < 60; k++) {
            const source = k % 2 === 0 ? ACME : HELIX;
            const at = Math.floor(next() * source.length);
            const cut = 1 + Math.floor(next() * 40);
            const noise = ['', '(', ')', '}', '{', ' + ', ' >= ', 'where ', '"', '%', '.'][Math.floor(next() * 11)];
            compareParsers(source.slice(0, at) + noise + source.slice(at + cut));
        }
    });

    test('nested parentheses: each level\'s pass-through nodes go, its tokens stay', () => {
        const depth = 50; // the most the parser reads (internals/parser/nesting-limit-lexer.ts)
        compareParsers(`agreement A { service S { kpi K = ${'('.repeat(depth)}1 + 2${')'.repeat(depth)} } }`);
    });
});
