import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectValidReport, schemaErrors as errorsOf, schemaOf, schemaValidator as validator } from './json-schema-check.js';
import { root, runSla, temporaryFolder, uptimeAgreement } from './run-cli.js';

/**
 * `sla schema` and the JSON Schemas of the JSON outputs (docs/cli.md, "sla schema"): every
 * example's report is valid under the strict schema (so every field the code writes is one the
 * schema names, with its type), the published schema accepts later additions, and each schema
 * refuses what breaks the contract.
 */
/** Each example folder (each public SLA has its own), as `sla evaluate` is given one. */
function exampleFolders(): string[] {
    const folders: string[] = [];
    for (const entry of fs.readdirSync(path.join(root, 'examples'), { withFileTypes: true })) {
        if (!entry.isDirectory()) continue;
        if (entry.name === 'public-slas') {
            for (const sla of fs.readdirSync(path.join(root, 'examples', entry.name), { withFileTypes: true })) {
                if (sla.isDirectory()) folders.push(path.join('examples', entry.name, sla.name));
            }
        } else {
            folders.push(path.join('examples', entry.name));
        }
    }
    return folders.filter(folder => fs.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' }).some(file => file.endsWith('.sla')));
}

function evaluated(args: string[]): Record<string, unknown> {
    const result = runSla(['evaluate', ...args, '--format', 'json', '--now', '2026-12-01T00:00:00Z']);
    expect(result.code, result.stderr).toBeLessThanOrEqual(1);
    return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('every example report is valid under the strict schema', () => {
    const folders = exampleFolders();
    test('the examples are found: 13 folders and the 7 public SLAs', () => {
        expect(folders.length).toBe(20);
    });
    test.each(folders)('%s', folder => {
        const report = evaluated([folder]);
        expectValidReport(report);
        // A portfolio embeds each agreement's report unchanged: each is a report too.
        if (report.kind === 'portfolio') {
            for (const entry of report.entries as Array<{ report: unknown }>) expect(validator('report')(entry.report), errorsOf(validator('report'))).toBe(true);
        }
    });
    test('the managed-hosting example from a mid-month day (its month judged whole: period.requestedFrom; the last cut by --to) and through DuckDB; the portfolio for one month', () => {
        const quarter = evaluated(['examples/managed-hosting/acme-hosting.sla', '--from', '2026-02-15', '--to', '2026-05-10']);
        expect(validator('report')(quarter), errorsOf(validator('report'))).toBe(true);
        // Read through DuckDB: the report's `engines` part.
        const throughDuckDb = evaluated(['examples/managed-hosting/acme-hosting.sla', '--engine', 'duckdb']);
        expect(throughDuckDb.engines).toBeDefined();
        expect(validator('report')(throughDuckDb), errorsOf(validator('report'))).toBe(true);
        const month = evaluated(['examples/portfolio', '--from', '2026-03-01', '--to', '2026-03-31']);
        expect(month.kind).toBe('portfolio');
        expect(validator('portfolio')(month), errorsOf(validator('portfolio'))).toBe(true);
    });
    test('a portfolio whose tickets export writes a client as `Adatum` and ` adatum`: its lookalikes are in the strict schema', () => {
        const folder = temporaryFolder('lookalikes');
        fs.cpSync(path.join(root, 'examples', 'portfolio'), folder, { recursive: true });
        const tickets = path.join(folder, 'data', 'tickets.csv');
        const lines = fs.readFileSync(tickets, 'utf8').split('\n');
        // Two of adatum's tickets written otherwise: one `Adatum`, one ` adatum` (the first two of its lines).
        const adatum = lines.flatMap((line, index) => (line.startsWith('adatum,') ? [index] : [])).slice(0, 2);
        expect(adatum.length).toBe(2);
        lines[adatum[0]!] = lines[adatum[0]!]!.replace(/^adatum,/, 'Adatum,');
        lines[adatum[1]!] = lines[adatum[1]!]!.replace(/^adatum,/, ' adatum,');
        fs.writeFileSync(tickets, lines.join('\n'));
        const portfolio = evaluated([folder]);
        expect(validator('portfolio')(portfolio), errorsOf(validator('portfolio'))).toBe(true);
        const entry = (portfolio.entries as Array<{ agreement: string; report: { datasets: Array<{ name: string; clientScope?: { lookalikes?: unknown } }> } }>).find((candidate) => candidate.report.datasets.some((dataset) => dataset.clientScope?.lookalikes !== undefined))!;
        expect(entry.report.datasets.find((dataset) => dataset.name === 'tickets')!.clientScope!.lookalikes).toEqual([{ value: ' adatum', rows: 1 }, { value: 'Adatum', rows: 1 }]);
        expect((portfolio.notes as string[]).filter((note) => note.includes('only in case or spacing'))).toHaveLength(1);
    });
});

describe('the schemas refuse what breaks the contract', () => {
    const report = () => evaluated(['examples/managed-hosting/acme-hosting.sla', '--from', '2026-01-01', '--to', '2026-03-31']) as {
        objectives: Array<Record<string, unknown> & { windows: Array<Record<string, unknown>> }>; totals?: unknown; schemaVersion: unknown;
    };

    test('a status that is not met, breached or no data; a missing total; another schemaVersion', () => {
        const check = validator('report', false);
        const wrongStatus = report();
        wrongStatus.objectives[0]!.windows[0]!.status = 'ok';
        expect(check(wrongStatus)).toBe(false);
        expect(errorsOf(check)).toContain('/objectives/0/windows/0/status');
        const noTotals = report();
        delete noTotals.totals;
        expect(check(noTotals)).toBe(false);
        expect(errorsOf(check)).toContain("must have required property 'totals'");
        const version = report();
        version.schemaVersion = 2;
        expect(check(version)).toBe(false);
    });

    test('a value that is text, not a number or null', () => {
        const wrong = report();
        wrong.objectives[0]!.windows[0]!.value = '99.95';
        expect(validator('report', false)(wrong)).toBe(false);
        expect(errorsOf(validator('report', false))).toContain('/objectives/0/windows/0/value');
    });

    test('a field the schema does not name: an addition the published schema accepts, the strict one refuses', () => {
        const added = report();
        added.objectives[0]!.windows[0]!.comment = 'a later addition';
        expect(validator('report', false)(added)).toBe(true);
        expect(validator('report', true)(added)).toBe(false);
        expect(errorsOf(validator('report', true))).toContain('must NOT have additional properties');
    });
});

describe('sla validate and sla diff: their JSON against their schemas', () => {
    const agreement = (target: string) => uptimeAgreement(`    objective Uptime >= ${target} per calendar month\n`);

    test('sla validate: a target without unit, a valid entry; a severity that is not one fails', () => {
        const folder = temporaryFolder('schema-validate');
        fs.writeFileSync(path.join(folder, 'hosting.sla'), agreement('99.9'));
        const result = runSla(['validate', 'hosting.sla', '--format', 'json'], { cwd: folder });
        const output = JSON.parse(result.stdout) as Array<{ severity: string }>;
        expect(output.length).toBeGreaterThan(0);
        const check = validator('validate');
        expect(check(output), errorsOf(check)).toBe(true);
        output[0]!.severity = 'fatal';
        expect(check(output)).toBe(false);
    });

    test('sla diff: a lowered target, valid; the same without its totals fails', () => {
        const folder = temporaryFolder('schema-diff');
        fs.writeFileSync(path.join(folder, 'old.sla'), agreement('99.9%'));
        fs.writeFileSync(path.join(folder, 'new.sla'), agreement('99.5%'));
        const result = runSla(['diff', 'old.sla', 'new.sla', '--format', 'json'], { cwd: folder });
        expect(result.code, result.stderr).toBe(1);
        const output = JSON.parse(result.stdout) as { agreements: Array<{ changes: unknown[] }>; totals?: unknown };
        expect(output.agreements[0]!.changes.length).toBeGreaterThan(0);
        const check = validator('diff');
        expect(check(output), errorsOf(check)).toBe(true);
        delete output.totals;
        expect(check(output)).toBe(false);
    });
});

describe('docs/cli.md documents every field the schemas name', () => {
    const docs = fs.readFileSync(path.join(root, 'docs', 'cli.md'), 'utf8');
    test.each(['portfolio', 'diff', 'validate'] as const)('%s (the portfolio schema holds the report\'s)', name => {
        const schema = schemaOf(name, false) as { definitions: Record<string, { properties?: Record<string, unknown> }> };
        const undocumented = Object.entries(schema.definitions).flatMap(([type, definition]) =>
            Object.keys(definition.properties ?? {}).filter(field => ![`\`${field}\``, `\`${field}[]\``, `"${field}"`].some(written => docs.includes(written))).map(field => `${type}.${field}`));
        expect(undocumented).toEqual([]);
    });
});

describe('sla schema', () => {
    test('without a name: the four schemas, each with its identifier', () => {
        const listed = runSla(['schema']);
        expect(listed.code).toBe(0);
        const names = listed.stdout.trim().split('\n').map(line => line.split(/\s+/)[0]);
        expect(names).toEqual(['report', 'portfolio', 'validate', 'diff']);
        for (const name of names) {
            const schema = schemaOf(name!, false);
            expect(schema.$id).toBe(`urn:sla-language:schema:${name}:1`);
            expect(listed.stdout).toContain(`(urn:sla-language:schema:${name}:1)`);
            // The published schema names no closed object; the strict one closes them.
            expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
            expect(JSON.stringify(schemaOf(name!, true))).toContain('"additionalProperties":false');
        }
    });

    test('the report schema states the units in its descriptions and requires the contract\'s fields', () => {
        const schema = schemaOf('report', false) as { definitions: Record<string, { required?: string[]; description?: string }> };
        expect(schema.definitions.Report!.required).toEqual(expect.arrayContaining(['schemaVersion', 'agreement', 'timezone', 'period', 'objectives', 'credits', 'totals']));
        expect(JSON.stringify(schema)).toContain('ratios as fractions');
    });

    test('the portfolio schema: atRisk lists only the windows in progress that miss their target, as docs/cli.md "At risk" says', () => {
        const schema = schemaOf('portfolio', false) as { definitions: Record<string, { properties?: Record<string, { description?: string }> }> };
        const atRisk = schema.definitions.PortfolioEntry!.properties!.atRisk!.description!;
        // Not "every window in progress": one on track is not at risk (portfolio-report.ts riskOf).
        expect(atRisk).toMatch(/^The windows in progress of ratio objectives that miss their target so far/);
        expect(atRisk).toContain('a window in progress on track is not listed');
        expect(schema.definitions.PortfolioEntry!.properties!.coverage!.description).toContain('"no rows"');
    });

    test('an unknown name: exit 2, with the names there are', () => {
        const result = runSla(['schema', 'reprt']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("sla schema: no schema 'reprt'. The schemas: report, portfolio, validate, diff.\n");
        expect(result.stdout).toBe('');
    });
});
