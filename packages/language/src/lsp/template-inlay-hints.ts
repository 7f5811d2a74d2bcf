/**
 * Inlay hints of a client agreement: after `from Template`, the template's defaults this
 * client leaves in effect (`responseTime = 30 minutes`), so every value behind the agreement
 * is in view without opening the catalogue. A default whose every use the client replaces with its
 * own line (its own `fee` for `fee monthlyFee …`) is not in effect, and not shown.
 */
import type { AstNode } from 'langium';
import type { InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isAgreement } from '../generated/ast.js';
import { resolveClient } from '../model/client-resolution.js';
import { parametersWithoutEffect } from '../model/parameters-without-effect.js';
import { argumentsOf, argumentText, parametersOf, templateOf } from '../model/template-parameters.js';
import { propertyNode } from '../validation/report.js';

export function templateDefaultsHint(node: AstNode, acceptor: InlayHintAcceptor): void {
    if (!isAgreement(node) || node.isTemplate) return;
    const template = templateOf(node);
    const at = propertyNode(node, 'template')?.range.end;
    if (!template || !at) return;
    const given = new Set(argumentsOf(node).map(argument => argument.parameter?.$refText));
    const resolved = resolveClient(node);
    const withoutEffect = resolved ? parametersWithoutEffect(resolved) : new Set();
    const defaults = parametersOf(template).filter(parameter => !given.has(parameter.name) && parameter.default && !withoutEffect.has(parameter));
    if (defaults.length === 0) return;
    acceptor({
        position: at,
        label: `defaults: ${defaults.map(parameter => `${parameter.name} = ${argumentText(parameter.default)}`).join(', ')}`,
        kind: InlayHintKind.Parameter,
        paddingLeft: true
    });
}
