/**
 * The zone a dataset's timestamps without a UTC offset are read in. A template's dataset is not
 * copied into its clients (model/client-resolution.ts: its file path is relative to the
 * template's file), so its `timezone zone` keeps the default that parsing filled in
 * (template-parameters.ts fillParameterQuantities): a client's value is looked up here.
 */
import { AstUtils } from 'langium';
import { isAgreement, type Agreement, type Dataset, type Parameter } from '../generated/ast.js';
import { resolveClient, type ResolvedClient } from './client-resolution.js';
import { parameterNamed } from './template-parameters.js';

/**
 * The dataset's zone for an agreement: a zone given by a parameter of the client's template takes
 * the resolved client's value (its argument, else the default, else UTC, as a copied declaration
 * does); any other zone is the dataset's own. Undefined when the dataset names none.
 */
export function datasetZone(dataset: Dataset, client: ResolvedClient | undefined): string | undefined {
    const declaration = dataset.timezones[0];
    const parameter = datasetZoneParameter(dataset);
    if (!parameter || !client || parameter.$container !== client.template) return declaration?.zone;
    const value = client.values.find(candidate => candidate.parameter === parameter);
    return value ? value.value?.text ?? 'UTC' : declaration?.zone;
}

/** The template parameter a dataset's zone is written with (`timezone zone`), if one is. */
export function datasetZoneParameter(dataset: Dataset): Parameter | undefined {
    const written = dataset.timezones[0]?.parameter;
    if (!written) return undefined;
    const template = AstUtils.getContainerOfType(dataset, isAgreement);
    return template?.isTemplate ? parameterNamed(template, written.$refText) : undefined;
}

/**
 * The client an agreement stands for: the client declaration itself, or the agreement resolved
 * from one (what `sla explain` of a client explains: same name and text position, its resolution
 * cached). Undefined for an agreement not built from a template.
 */
export function resolvedClientOf(agreement: Agreement): ResolvedClient | undefined {
    const elements = (agreement.$container as { elements?: unknown[] } | undefined)?.elements ?? [];
    if (elements.includes(agreement)) return agreement.isTemplate ? undefined : resolveClient(agreement);
    for (const element of elements) {
        if (!isAgreement(element) || element.name !== agreement.name || element.$cstNode !== agreement.$cstNode) continue;
        const resolved = resolveClient(element);
        if (resolved?.agreement === agreement) return resolved;
    }
    return undefined;
}
