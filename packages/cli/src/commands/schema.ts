import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';

/**
 * Where `npm run build` writes the schemas (json-schemas.mjs): out/schemas, beside out/commands
 * and out/bundle. Worked out when asked: the start-up snapshot runs this module before it has a URL.
 */
const schemaFolder = () => new URL('../schemas/', import.meta.url);

interface SchemaEntry {
    name: string;
    title: string;
    id: string;
}

/**
 * `sla schema [name] [--strict]`: the JSON Schema of a JSON output of this `sla` (docs/cli.md,
 * "sla schema"), made from the types the output is built with; without a name, the list.
 */
export function registerSchemaCommand(program: Command): void {
    program.command('schema')
        .description('Print the JSON Schema of a JSON output (report, portfolio, validate, diff); without a name, list them.')
        .argument('[name]', 'the output: report, portfolio, validate or diff')
        .option('--strict', 'the schema that refuses fields it does not name (this version\'s outputs exactly)')
        .action((name: string | undefined, options: { strict?: boolean }) => {
            process.exitCode = printSchema(name, options.strict === true);
        });
}

function printSchema(name: string | undefined, strict: boolean): number {
    const folder = schemaFolder();
    let entries: SchemaEntry[];
    try {
        entries = JSON.parse(readFileSync(new URL('index.json', folder), 'utf8')) as SchemaEntry[];
    } catch {
        process.stderr.write(`sla schema: the schemas are not built (${decodeURI(folder.pathname)}): run npm run build.\n`);
        return EXIT_BAD_INPUT;
    }
    if (name === undefined) {
        const width = Math.max(...entries.map(entry => entry.name.length));
        for (const entry of entries) process.stdout.write(`${entry.name.padEnd(width)}  ${entry.title}  (${entry.id})\n`);
        return EXIT_OK;
    }
    if (!entries.some(entry => entry.name === name)) {
        process.stderr.write(`sla schema: no schema '${name}'. The schemas: ${entries.map(entry => entry.name).join(', ')}.\n`);
        return EXIT_BAD_INPUT;
    }
    process.stdout.write(readFileSync(new URL(`${name}${strict ? '.strict' : ''}.schema.json`, folder), 'utf8'));
    return EXIT_OK;
}
