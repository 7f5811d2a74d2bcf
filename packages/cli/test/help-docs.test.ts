import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, runSla } from './run-cli.js';

/**
 * `sla COMMAND --help`, the synopsis of docs/cli.md, the synopsis of README.md and each
 * command's section of docs/cli.md name the same options, so that they cannot drift apart
 * again (they did: --vague-terms, --agreement and --now were missing from one or another).
 */
const COMMANDS = ['validate', 'evaluate', 'explain', 'diff', 'format', 'init', 'export openslo', 'import openslo', 'schema'];
/** The section of docs/cli.md that documents each command. */
const SECTIONS: Record<string, string> = {
    validate: '## `sla validate`', evaluate: '## `sla evaluate`', explain: '## `sla explain`', diff: '## `sla diff`', format: '## `sla format`',
    init: '## `sla init`', 'export openslo': '## OpenSLO', 'import openslo': '## OpenSLO', schema: '## `sla schema`'
};

const docs = fs.readFileSync(path.join(root, 'docs', 'cli.md'), 'utf8');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

function optionsIn(text: string): string[] {
    return [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].filter(flag => flag !== '--help' && flag !== '--version').sort();
}

/** Per command, the options of its lines in a synopsis code block (continuation lines are indented). */
function synopsis(block: string): Map<string, string[]> {
    const result = new Map<string, string[]>();
    let current: string | undefined;
    for (const raw of block.split('\n')) {
        const line = raw.replace(/\s#.*$/, '');
        const command = COMMANDS.find(name => new RegExp(`^sla ${name}\\b`).test(line));
        if (command) current = command;
        else if (!/^\s+\[/.test(line)) current = undefined;
        if (current) result.set(current, optionsIn([...(result.get(current) ?? []), line].join(' ')));
    }
    return result;
}

/** Per command, the text of its lines in a synopsis code block (for the marks `…` of repetition). */
function synopsisText(block: string): Map<string, string> {
    const result = new Map<string, string>();
    let current: string | undefined;
    for (const raw of block.split('\n')) {
        const line = raw.replace(/\s#.*$/, '');
        const command = COMMANDS.find(name => new RegExp(`^sla ${name}\\b`).test(line));
        if (command) current = command;
        else if (!/^\s+\[/.test(line)) current = undefined;
        if (current) result.set(current, `${result.get(current) ?? ''} ${line}`);
    }
    return result;
}

/** The options whose --help says they are repeatable, and whether the command takes several paths (`<paths...>`). */
function repetitions(command: string): { options: string[]; variadic: boolean } {
    const help = runSla([...command.split(' '), '--help']).stdout;
    const entries = help.slice(help.indexOf('Options:')).split(/\n(?=  (?:-\w, )?--)/);
    const options = entries.filter(entry => /repeatable/.test(entry)).map(entry => /--[a-z][a-z-]*/.exec(entry)![0]);
    return { options, variadic: /^Usage: .*\.\.\.[>\]]/m.test(help) };
}

function firstCodeBlockAfter(text: string, heading: string | undefined): string {
    const from = heading === undefined ? 0 : text.indexOf(heading);
    expect(from, heading).toBeGreaterThanOrEqual(0);
    const match = /```[a-z]*\n([\s\S]*?)```/.exec(text.slice(from));
    return match![1]!;
}

function helpOptions(command: string): string[] {
    const result = runSla([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    const options = result.stdout.slice(result.stdout.indexOf('Options:'));
    // Options start at column 2; wrapped descriptions are indented further.
    return [...options.matchAll(/^  (?:-\w, )?(--[a-z][a-z-]*)/gm)].map(m => m[1]!).filter(flag => flag !== '--help').sort();
}

function section(command: string): string {
    const start = docs.indexOf(SECTIONS[command]!);
    expect(start, SECTIONS[command]).toBeGreaterThanOrEqual(0);
    const next = docs.indexOf('\n## ', start + 1);
    return docs.slice(start, next < 0 ? undefined : next);
}

describe('--help, docs/cli.md and README say the same', () => {
    const docsSynopsis = synopsis(firstCodeBlockAfter(docs, undefined));
    const readmeSynopsis = synopsis(firstCodeBlockAfter(readme, '```sh\nsla validate'));

    test.each(COMMANDS)('sla %s', (command) => {
        const help = helpOptions(command);
        expect(docsSynopsis.get(command), `docs/cli.md synopsis of ${command}`).toEqual(help);
        expect(readmeSynopsis.get(command), `README synopsis of ${command}`).toEqual(help);
        const documented = section(command);
        for (const flag of help) expect(documented, `${flag} in the section of sla ${command}`).toContain(flag);
    });

    test.each(COMMANDS)('sla %s: repeatable options and several paths are marked `…` in both synopses', (command) => {
        const { options, variadic } = repetitions(command);
        for (const [name, text] of [['docs/cli.md', synopsisText(firstCodeBlockAfter(docs, undefined)).get(command)!], ['README', synopsisText(firstCodeBlockAfter(readme, '```sh\nsla validate')).get(command)!]]) {
            for (const flag of options) expect(text, `${name}: ${flag} is repeatable: [${flag} …]…`).toMatch(new RegExp(`\\[${flag}\\b[^\\]]*\\]…`));
            // `sla evaluate <files or folders…>`, not `<file>`.
            if (variadic) expect(text, `${name}: sla ${command} takes several paths`).toMatch(/…[>\]]/);
        }
    });

    test('the JSON report example of docs/cli.md has the figures of the bundled managed-hosting example', () => {
        // "the numbers are those of the bundled managed-hosting example": January to March 2026.
        const result = runSla(['evaluate', 'examples/managed-hosting/acme-hosting.sla', '--from', '2026-01-01', '--to', '2026-03-31', '--format', 'json', '--now', '2026-12-01T00:00:00Z']);
        const report = JSON.parse(result.stdout) as { totals: unknown; credits: Array<{ kpi: string; thresholds: number[] }> };
        const example = firstCodeBlockAfter(docs, '### JSON report');
        expect(example).toContain(`"totals": ${JSON.stringify(report.totals).replace(/^\{/, '{ ').replace(/\}$/, ' }').replace(/,/g, ', ').replace(/":/g, '": ')}`);
        expect(example).toContain(`"thresholds": ${JSON.stringify(report.credits.find(credit => credit.kpi === 'Availability')!.thresholds).replace(/,/g, ', ')}`);
    });

    test('the top-level --help lists every command the docs describe', () => {
        const help = runSla(['--help']).stdout;
        for (const command of new Set(COMMANDS.map(c => c.split(' ')[0]!))) expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    });

    test('every file of the repository the docs cite exists', () => {
        const cited = [...`${docs}\n${readme}`.matchAll(/(?<![\w/.-])((?:examples|docs|packages|test)\/[\w./-]*\.(?:sla|md|ts|csv|json|mjs))/g)].map(m => m[1]!);
        expect(cited.length).toBeGreaterThan(5);
        for (const file of new Set(cited)) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    });
});
