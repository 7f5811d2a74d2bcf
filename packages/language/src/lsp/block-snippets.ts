/**
 * Snippets for the common blocks: one home for both places they are offered — the VS Code
 * extension's contributed snippets (its build writes them to `snippets/sla.json`) and the
 * server's completion items with tab stops for other editors (sla-completion-provider.ts).
 * Bodies use the LSP/VS Code snippet syntax; `\t` is one indentation step.
 */
export interface BlockSnippet {
    /** What the user types; the keyword that starts the block. */
    readonly prefix: string;
    /** The name VS Code shows in its snippet list. */
    readonly name: string;
    readonly description: string;
    readonly body: readonly string[];
}

export const BLOCK_SNIPPETS: readonly BlockSnippet[] = [
    {
        prefix: 'agreement',
        name: 'Agreement',
        description: 'An agreement with parties, validity, time zone and fee',
        body: [
            'agreement ${1:Name} "${2:Title}" {',
            '\tprovider ${3:Provider} "${4:Provider Ltd}"',
            '\tcustomer ${5:Customer} "${6:Customer Inc}"',
            '\tvalid from ${7:2026-01-01} to ${8:2026-12-31}',
            '\ttimezone "${9:Europe/Berlin}"',
            '\tfee ${10:10000} ${11:EUR} per calendar month',
            '',
            '\t$0',
            '}'
        ]
    },
    {
        prefix: 'service',
        name: 'Service with KPI, objective and credit',
        description: 'A service with an availability KPI, its objective and a credit table',
        body: [
            'service ${1:Name} "${2:Title}" {',
            '\tkpi ${3:Availability} "${4:Share of the month the service was up}" =',
            '\t\tuptime(${5:incidents} where ${6:severity = "outage"}, from ${7:started} to ${8:resolved})',
            '',
            '\tobjective ${3} >= ${9:99.9}% per calendar month',
            '',
            '\tcredit for ${3} per calendar month, capped at ${10:50}% of fee {',
            '\t\tbelow ${9}% : ${11:10}% of fee',
            '\t\tbelow ${12:99.0}% : ${13:25}% of fee',
            '\t}',
            '}'
        ]
    },
    {
        prefix: 'kpi',
        name: 'KPI',
        description: 'A KPI: a named formula over declared data',
        body: [
            'kpi ${1:Name} "${2:What it measures}" = ${0:count(${3:dataset})}'
        ]
    },
    {
        prefix: 'objective',
        name: 'Objective',
        description: 'A promise: KPI, comparison, target and window',
        body: [
            'objective ${1:Kpi} ${2|>=,>,<=,<|} ${3:99.9}${4:%} per ${5|calendar month,calendar quarter,calendar year,rolling 7 days,rolling 30 days|}'
        ]
    },
    {
        prefix: 'credit',
        name: 'Credit',
        description: 'Service credit tiers for a KPI, with a cap',
        body: [
            'credit for ${1:Kpi} per calendar month, capped at ${2:50}% of fee {',
            '\tbelow ${3:99.9}% : ${4:10}% of fee',
            '\tbelow ${5:99.0}% : ${6:25}% of fee',
            '}'
        ]
    },
    {
        prefix: 'calendar',
        name: 'Calendar',
        description: 'Working hours with holidays',
        body: [
            'calendar ${1:SupportHours} "${2:Service desk hours}" {',
            '\t${3|monday,tuesday,wednesday,thursday,friday,saturday,sunday|} to ${4|friday,monday,tuesday,wednesday,thursday,saturday,sunday|} ${5:08:00} to ${6:18:00}',
            '\texcept ${7:2026-12-25} "${8:Christmas Day}"',
            '}'
        ]
    },
    {
        prefix: 'maintenance',
        name: 'Maintenance',
        description: 'A maintenance window with a weekly slot and a notice period',
        body: [
            'maintenance ${1:Patching} "${2:Planned maintenance}" {',
            '\tevery ${3|sunday,monday,tuesday,wednesday,thursday,friday,saturday,day|} ${4:02:00} to ${5:04:00}',
            '\tnotice ${6:72} hours',
            '}'
        ]
    },
    {
        prefix: 'dataset',
        name: 'Dataset',
        description: 'A dataset read from an export, with its fields',
        body: [
            'dataset ${1:incidents} "${2:Incident register}" from "${3:data/incidents.csv}" {',
            '\t${4:service}   text',
            '\t${5:severity}  one of "outage", "degraded", "minor"',
            '\t${6:started}   timestamp',
            '\t${7:resolved}  timestamp optional',
            '\t$0',
            '}'
        ]
    },
    {
        prefix: 'termination',
        name: 'Termination right',
        description: 'The customer\'s right to terminate when a promise is breached again and again',
        body: [
            'termination ${1:ChronicFailure} "${2:The customer may terminate without liability}" when ${3:Kpi} is breached in ${4:3} consecutive windows, notice within ${5:60} days'
        ]
    },
    {
        prefix: 'credits',
        name: 'Cap on all credits',
        description: 'The most all service credits together may reach per period (an outsourcing contract\'s at-risk amount)',
        body: [
            'credits capped at ${1:12}% of fee per ${2|calendar month,calendar quarter,calendar year|}'
        ]
    },
    {
        prefix: 'internal',
        name: 'Internal target',
        description: 'A stricter internal target that reinforces a promise',
        body: [
            'internal target ${1:Kpi} ${2|>=,>,<=,<|} ${3:99.95}${4:%} per calendar month owner "${5:Team}"'
        ]
    }
];

/** The extension's snippet file: `{ name: { prefix, description, body } }`. */
export function vscodeSnippetFile(): Record<string, { prefix: string; description: string; body: string[] }> {
    return Object.fromEntries(BLOCK_SNIPPETS.map(s => [s.name, { prefix: s.prefix, description: s.description, body: [...s.body] }]));
}

/** One snippet as LSP snippet text (`insertTextFormat: Snippet`), indented by `indent` after each line break. */
export function snippetText(snippet: BlockSnippet, indent = ''): string {
    return snippet.body.map((line, i) => (i === 0 ? '' : indent) + line).join('\n');
}
