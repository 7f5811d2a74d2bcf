/**
 * A catalogue of one template, Hosting: the outages of every client (\`incidents.csv\`: client,
 * started, resolved), the KPI Uptime over them, and \`members\` after it (objectives, rights),
 * indented as given. Shared by the tests of clients' promises over the term, Service Level
 * Defaults and termination rights.
 */
export function hostingCatalogue(members: string): string {
    return `template Hosting "Managed hosting" {
    dataset incidents "Outages of every client" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
${members}}
`;
}
