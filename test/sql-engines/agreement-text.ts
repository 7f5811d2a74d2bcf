/**
 * The agreement header and dataset blocks the SQL push-down tests write again and again:
 * parties, validity, zone (and a fee), and `dataset … from … { fields }` — one builder, so a
 * test's text shows only what it is about.
 */

export interface HeaderOptions {
    /** Agreement name (an identifier) and title. */
    name: string;
    title: string;
    zone: string;
    /** Default 2026-01-01 to 2026-12-31. */
    validity?: { from: string; to: string };
    /** Default `P "Provider"` and `C "Customer"`. */
    provider?: string;
    customer?: string;
    /** e.g. `1000 EUR per calendar month`. */
    fee?: string;
    /** More header lines (client scope, maintenance …), written as given, indented. */
    lines?: string[];
}

/** `agreement Name "Title" {` and its header lines, each indented by four spaces; the caller closes the brace. */
export function agreementHeader(options: HeaderOptions): string {
    const validity = options.validity ?? { from: '2026-01-01', to: '2026-12-31' };
    const lines = [
        `provider ${options.provider ?? 'P "Provider"'}`,
        `customer ${options.customer ?? 'C "Customer"'}`,
        `valid from ${validity.from} to ${validity.to}`,
        `timezone "${options.zone}"`,
        ...(options.fee === undefined ? [] : [`fee ${options.fee}`]),
        ...(options.lines ?? [])
    ];
    return `agreement ${options.name} "${options.title}" {\n${lines.map((line) => `    ${line}`).join('\n')}\n`;
}

/** `dataset name "Title" from "file" { fields }` (or `from table …` when `source` starts with `table`), indented for an agreement body. */
export function datasetBlock(name: string, title: string, source: string, fields: string[]): string {
    const from = source.startsWith('table ') ? source : `"${source}"`;
    return `    dataset ${name} "${title}" from ${from} {\n${fields.map((field) => `        ${field}`).join('\n')}\n    }\n`;
}
