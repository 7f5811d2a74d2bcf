/** Templates and client agreements in plain language: hover, `sla explain` (docs/language-reference.md § 18). */
import { escapeMarkdown as md } from '@sla/engine';
import { AstUtils } from 'langium';
import { isCredit, isCreditsCap, isInternalTarget, isObjective, isParameter, isService, type Agreement, type Parameter } from '../generated/ast.js';
import { resolveClient, type ResolvedClient } from '../model/client-resolution.js';
import { parametersWithoutEffect } from '../model/parameters-without-effect.js';
import { argumentText, parameterTypeExample, templateOf } from '../model/template-parameters.js';
import type { SlaTypeComputer } from '../types/type-computer.js';
import { creditMarkdown, creditsCapMarkdown } from './credit-text.js';
import { objectiveMarkdown } from './objective-text.js';

/**
 * The arguments in effect and the deviations from the template, as a markdown section. A default
 * whose every use the client replaces with its own line is not in effect: not listed; an argument
 * of such a parameter is, saying it sets nothing (the client wrote it).
 */
export function templateUseMarkdown(resolved: ResolvedClient, heading = '## Template'): string[] {
    const out = [heading, '', `Built from the template **${resolved.template.name}**${resolved.template.title ? ` (${md(resolved.template.title)})` : ''}, with:`, ''];
    const withoutEffect = parametersWithoutEffect(resolved);
    const listed = resolved.values.filter(value => value.argument || !value.value || !withoutEffect.has(value.parameter));
    for (const value of listed) {
        const text = value.value ? argumentText(value.value) : '(no value: add it)';
        const note = !value.argument ? ' (the template\'s default)'
            : withoutEffect.has(value.parameter) ? ' (sets nothing: the agreement\'s own lines replace every line that uses it)' : '';
        out.push(`- ${value.parameter.name} = ${md(text)}${note}`);
    }
    if (resolved.values.length === 0) out.push('- no parameters');
    else if (listed.length === 0) out.push('- no parameter in effect: the agreement\'s own lines replace every line that uses one');
    out.push('');
    if (resolved.deviations.length > 0) {
        out.push('Departs from the template:', '');
        for (const deviation of resolved.deviations) out.push(`- ${deviation.kind}: ${md(deviation.member)} — ${md(deviation.text)}`);
        out.push('');
    }
    return out;
}

/** Hover on a client agreement: what it promises with its values in effect. */
export function clientMarkdown(client: Agreement, types: SlaTypeComputer): string | undefined {
    const resolved = resolveClient(client);
    if (!resolved) return undefined;
    const out = [`**Agreement ${client.name}**${client.title ? ` — ${md(client.title)}` : ''}`, ''];
    out.push(...templateUseMarkdown(resolved, '**Template**'));
    const promises: string[] = [];
    const credits: string[] = [];
    for (const node of AstUtils.streamAst(resolved.agreement)) {
        const service = AstUtils.getContainerOfType(node, isService)?.name;
        const prefix = service ? `${service}: ` : '';
        if (isObjective(node) || isInternalTarget(node)) promises.push(`- ${prefix}${objectiveMarkdown(node, types)}`);
        else if (isCredit(node)) credits.push(`- ${prefix}${creditMarkdown(node)}`);
        else if (isCreditsCap(node)) credits.push(`- ${creditsCapMarkdown(node)}`);
    }
    if (promises.length > 0) out.push('**Promises and internal targets**', '', ...promises, '');
    if (credits.length > 0) out.push('**Service credits**', '', ...credits, '');
    out.push('Run `sla explain` for the whole resolved agreement.');
    return out.join('\n');
}

/** Hover on a parameter (its declaration, a use in the template, or a client's argument). */
export function parameterMarkdown(parameter: Parameter): string {
    const template = parameter.$container as Agreement;
    const fallback = parameter.default ? `default ${md(argumentText(parameter.default))}` : 'required: every client agreement sets it';
    return `**Parameter ${parameter.name}** of the template ${template.name}: ${parameter.type ?? '?'} (${parameterTypeExample(parameter.type)}); ${fallback}. A client sets it with \`with ${parameter.name} = …\`.`;
}

/** `sla explain` of a client agreement: the resolved agreement, with the template section after its title. */
export function explainClient(client: Agreement, explain: (agreement: Agreement) => string): string | undefined {
    const resolved = templateOf(client) ? resolveClient(client) : undefined;
    if (!resolved) return undefined;
    const text = explain(resolved.agreement);
    const lines = text.split('\n');
    // After the `# Name — title` line and its blank line.
    return [...lines.slice(0, 2), ...templateUseMarkdown(resolved), ...lines.slice(2)].join('\n');
}

/** Hover on a template (its name, or `from Template` in a client): its parameters. */
export function templateMarkdown(template: Agreement): string {
    const parameters = template.members.filter(isParameter).map(parameter =>
        `- ${parameter.name}: ${parameter.type ?? '?'}${parameter.default ? `, default ${md(argumentText(parameter.default))}` : ', required'}`);
    return [
        `**Template ${template.name}**${template.title ? ` — ${md(template.title)}` : ''}: an offering of the catalogue, evaluated through the client agreements built from it (\`agreement Name from ${template.name} { with … }\`).`,
        '',
        ...(parameters.length > 0 ? ['Parameters:', '', ...parameters] : ['No parameters.'])
    ].join('\n');
}
