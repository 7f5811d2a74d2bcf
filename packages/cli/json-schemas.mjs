// Writes the JSON Schemas of the CLI's JSON outputs into out/schemas/ (printed by `sla schema`,
// docs/cli.md "JSON Schemas"), made from the TypeScript types the outputs are built with, so the
// schema and the code cannot drift apart. Run after tsc (the diff schema reads the language's
// declarations): `npm run build` does.
//
// The schemas accept fields they do not name: a later `sla` may add fields to a report of the
// same schemaVersion (docs/cli.md calls them additions). Beside each, NAME.strict.schema.json
// refuses any field it does not name (`sla schema NAME --strict`): the tests validate every
// example's output with those, so a field the code writes but the types do not name is found.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));

/** Each schema: the type it is made from, and what it describes. */
export const JSON_SCHEMAS = {
    report: {
        path: '../engine/src/report/report-types.ts', tsconfig: '../engine/tsconfig.json', type: 'Report',
        title: 'sla evaluate --format json (one agreement)'
    },
    portfolio: {
        path: '../engine/src/report/portfolio-types.ts', tsconfig: '../engine/tsconfig.json', type: 'PortfolioReport',
        title: 'sla evaluate --format json (several agreements: the portfolio report)'
    },
    validate: {
        path: 'src/diagnostic-format.ts', tsconfig: 'tsconfig.json', type: 'ValidateReport',
        title: 'sla validate --format json'
    },
    diff: {
        path: '../language/src/diff/workspace-diff.ts', tsconfig: '../language/tsconfig.json', type: 'DiffReport',
        title: 'sla diff --format json'
    }
};

export const SCHEMA_FOLDER = join(here, 'out/schemas');

/** A schema's identifier: its name and the schemaVersion of the output it describes. */
const schemaId = (name) => `urn:sla-language:schema:${name}:1`;

/** The schema of `name` as the generator makes it: every object refuses fields it does not name. */
function strictSchema(name) {
    const { path, tsconfig, type, title } = JSON_SCHEMAS[name];
    const generated = createGenerator({
        path: join(here, path), tsconfig: join(here, tsconfig), type,
        // tsc has checked the types already; the generator need not check them again.
        skipTypeCheck: true, expose: 'export', topRef: true, jsDoc: 'extended', sortProps: false
    }).createSchema(type);
    return { $schema: generated.$schema, $id: `${schemaId(name)}:strict`, title: `${title}, refusing fields it does not name`, ...generated };
}

/** The published form: objects accept fields the schema does not name (later additions). */
function openSchema(strict, name) {
    const schema = { ...strict, $id: schemaId(name), title: JSON_SCHEMAS[name].title };
    return JSON.parse(JSON.stringify(schema), (key, value) =>
        value !== null && typeof value === 'object' && !Array.isArray(value) && value.additionalProperties === false
            ? Object.fromEntries(Object.entries(value).filter(([field]) => field !== 'additionalProperties'))
            : value);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    mkdirSync(SCHEMA_FOLDER, { recursive: true });
    // What `sla schema` lists, without loading the generator.
    const index = Object.entries(JSON_SCHEMAS).map(([name, { title }]) => ({ name, title, id: schemaId(name) }));
    writeFileSync(join(SCHEMA_FOLDER, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    for (const name of Object.keys(JSON_SCHEMAS)) {
        const strict = strictSchema(name);
        writeFileSync(join(SCHEMA_FOLDER, `${name}.schema.json`), `${JSON.stringify(openSchema(strict, name), null, 2)}\n`);
        writeFileSync(join(SCHEMA_FOLDER, `${name}.strict.schema.json`), `${JSON.stringify(strict, null, 2)}\n`);
    }
}
