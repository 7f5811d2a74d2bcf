/**
 * The parameters `with <|>` in a client agreement leaves out: one the client sets already (a
 * second value is sla/duplicate-entry), and one its own lines leave without effect
 * (model/parameters-without-effect.ts): beside its own `fee 4000 EUR per calendar month`, the
 * template's `monthlyFee` sets nothing (sla/template-argument-unused), and beside its own
 * `timezone "Asia/Kolkata"`, the template's `zone` is a second zone (sla/duplicate-entry).
 * Offering them would suggest a line the editor then flags.
 */
import { AstUtils } from 'langium';
import { isAgreement, type Argument } from '../generated/ast.js';
import { resolveClient } from '../model/client-resolution.js';
import { parametersWithoutEffect } from '../model/parameters-without-effect.js';
import { argumentsOf } from '../model/template-parameters.js';

/** The names of the parameters not to offer for `argument`, the one being written (it may be set already: it is being changed). */
export function parametersNotToOffer(argument: Argument): Set<string> {
    const names = new Set<string>();
    const client = AstUtils.getContainerOfType(argument, isAgreement);
    if (!client) return names;
    for (const other of argumentsOf(client)) {
        if (other !== argument && other.parameter?.$refText) names.add(other.parameter.$refText);
    }
    const resolved = resolveClient(client);
    for (const parameter of resolved ? parametersWithoutEffect(resolved) : []) names.add(parameter.name);
    return names;
}
