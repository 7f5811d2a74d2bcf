/**
 * A catalogue of one template, Hosting (availability 99.9 % by default, or as given), and its
 * clients: the versions `sla diff` compares in the language's and the CLI's tests.
 */
export function diffCatalogue(availability: string): string {
    return `template Hosting "Managed hosting" {
    parameter availability percentage default ${availability}
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= availability per calendar month
}
`;
}

/** A client of the catalogue at `catalogue` (an import path), UTC, 2026, scoped to its lower-case name, with `args` (`    with …\n`). */
export function diffClient(name: string, args = '', catalogue = 'catalogue.sla'): string {
    return `import "${catalogue}"
agreement ${name} from Hosting {
    provider P "Provider GmbH"
    customer C "${name} AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "${name.toLowerCase()}"
${args}}
`;
}
