import { AstUtils, EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Location, Position } from 'vscode-languageserver';
import { afterEach, describe, expect, test } from 'vitest';
import { isAgreement, isElapsed, isUptime, type Agreement } from '../../src/generated/ast.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { createSlaServices } from '../../src/sla-module.js';

/**
 * Calendar and maintenance parameters (docs/language-reference.md § 18.3): a client's argument
 * and a parameter's default name a calendar or a maintenance, and are references of it.
 */
const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services));

// Lines (1-based): 6 OfficeHours, 9 ExtendedHours, 12 SundayPatching, 16 SaturdayPatching,
// 21 supportHours, 22 patching, 26 `during supportHours`, 28 `excluding patching`.
const CATALOGUE = `dataset tickets "Tickets" from "tickets.csv" {
    client text
    started timestamp
    resolved timestamp optional
}
calendar OfficeHours "Office hours" {
    monday to friday 08:00 to 18:00
}
calendar ExtendedHours "Extended hours" {
    monday to saturday 07:00 to 22:00
}
maintenance SundayPatching "Sunday patching" {
    every sunday 02:00 to 04:00
    notice 72 hours
}
maintenance SaturdayPatching "Saturday patching" {
    every saturday 22:00 to 23:30
    notice 72 hours
}
template Desk "Service desk" {
    parameter supportHours calendar default OfficeHours
    parameter patching maintenance default SundayPatching
    provider P "Provider"
    service Desk {
        kpi Response =
            percentile(90, elapsed(tickets.started, tickets.resolved) during supportHours)
        kpi Availability =
            uptime(tickets, from started to resolved) excluding patching
        objective Response <= 30 minutes per calendar month
        objective Availability >= 99.5 % per calendar month
    }
}
`;

// The arguments are on line 8 of a client.
const client = (name: string, args: string, own = '') => `import "catalogue.sla"

agreement ${name} "${name} Corp" from Desk {
    customer C "${name} Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    ${args}
${own}}
`;

async function workspace() {
    const catalogue = await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
    const north = await parse(client('North', 'with supportHours = ExtendedHours, patching = SaturdayPatching'), { documentUri: 'file:///ws/north.sla' });
    const south = await parse(client('South', 'with supportHours = OfficeHours, patching = SundayPatching'), { documentUri: 'file:///ws/south.sla' });
    await services.shared.workspace.DocumentBuilder.build([catalogue, north, south], { validation: true });
    return { catalogue, north, south };
}

function at(document: LangiumDocument, needle: string, skip = 0): Position {
    const text = document.textDocument.getText();
    let offset = text.indexOf(needle);
    for (let i = 0; i < skip; i++) offset = text.indexOf(needle, offset + 1);
    expect(offset).toBeGreaterThanOrEqual(0);
    return document.textDocument.positionAt(offset + 1);
}

const where = (locations: Location[] | undefined) => (locations ?? []).map(l => `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character}`).sort();

async function references(document: LangiumDocument, needle: string, skip = 0) {
    return where(await services.lsp.ReferencesProvider!.findReferences(document, {
        textDocument: { uri: document.uri.toString() }, position: at(document, needle, skip), context: { includeDeclaration: false }
    }));
}

async function rename(document: LangiumDocument, needle: string, newName: string) {
    const edit = await services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position: at(document, needle), newName });
    return Object.fromEntries(Object.entries(edit?.changes ?? {}).map(([uri, edits]) =>
        [uri.split('/').pop()!, edits.map(e => `${e.range.start.line + 1}:${e.range.start.character} ${e.newText}`).sort()]));
}

function resolvedOf(document: LangiumDocument) {
    const agreement = (document.parseResult.value as { elements: unknown[] }).elements.find(isAgreement) as Agreement;
    const resolved = resolveClient(agreement)!;
    const elapsed = AstUtils.streamAst(resolved.agreement).find(isElapsed)!;
    const uptime = AstUtils.streamAst(resolved.agreement).find(isUptime)!;
    return { calendar: elapsed.calendar, maintenance: uptime.exclusions[0] };
}

describe('calendar and maintenance arguments', () => {
    test('a client measures with the calendar and maintenance it names, its own included', async () => {
        const { north } = await workspace();
        expect(north.diagnostics ?? []).toEqual([]);
        const { calendar, maintenance } = resolvedOf(north);
        expect([calendar?.$refText, (calendar?.ref as { name?: string } | undefined)?.name]).toEqual(['ExtendedHours', 'ExtendedHours']);
        expect([maintenance?.$refText, (maintenance?.ref as { name?: string } | undefined)?.name]).toEqual(['SaturdayPatching', 'SaturdayPatching']);
        const own = await parse(client('Own', 'with supportHours = NightHours', '    calendar NightHours "Nights" {\n        monday to friday 18:00 to 23:00\n    }\n'), { documentUri: 'file:///ws/own.sla' });
        await services.shared.workspace.DocumentBuilder.build([own], { validation: true });
        expect((own.diagnostics ?? []).map(d => d.code)).toEqual([]);
        const resolvedOwn = resolvedOf(own).calendar?.ref;
        expect((resolvedOwn as { name?: string } | undefined)?.name).toBe('NightHours');
    });

    test('an unknown name is no calendar: an error at the argument, and never the default in its place', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        const typo = await parse(client('Typo', 'with supportHours = ExtendedHour, patching = incidents'), { documentUri: 'file:///ws/typo.sla' });
        await services.shared.workspace.DocumentBuilder.build([typo], { validation: true });
        const diagnostics = typo.diagnostics ?? [];
        expect(diagnostics.map(d => [d.code, d.range.start.line + 1, d.range.start.character])).toEqual([
            ['sla/unresolved-reference', 8, 24], ['sla/unresolved-reference', 8, 49]
        ]);
        expect(diagnostics[0]!.message).toContain("Unknown calendar 'ExtendedHour'");
        expect(diagnostics[0]!.message).toContain("Did you mean 'ExtendedHours'?");
        expect(diagnostics[1]!.message).toContain("Unknown maintenance 'incidents'");
        const { calendar, maintenance } = resolvedOf(typo);
        expect([calendar?.$refText, calendar?.ref]).toEqual(['ExtendedHour', undefined]);
        expect([maintenance?.$refText, maintenance?.ref]).toEqual(['incidents', undefined]);
    });

    test('a maintenance for a calendar (and a calendar for a maintenance) does not fit the parameter', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        const swapped = await parse(client('Swapped', 'with supportHours = SundayPatching, patching = OfficeHours'), { documentUri: 'file:///ws/swapped.sla' });
        await services.shared.workspace.DocumentBuilder.build([swapped], { validation: true });
        const diagnostics = swapped.diagnostics ?? [];
        expect(diagnostics.map(d => [d.code, d.range.start.line + 1, d.range.start.character])).toEqual([
            ['sla/template-argument-type', 8, 24], ['sla/template-argument-type', 8, 51]
        ]);
        expect(diagnostics[0]!.message).toContain("'SundayPatching' is a maintenance, not a calendar");
        const { calendar, maintenance } = resolvedOf(swapped);
        expect([calendar?.ref, maintenance?.ref]).toEqual([undefined, undefined]);
    });

    test('a default naming no calendar, or a calendar for a maintenance, is an error at the default', async () => {
        const catalogue = await parse(CATALOGUE.replace('calendar default OfficeHours', 'calendar default Nope').replace('maintenance default SundayPatching', 'maintenance default ExtendedHours'),
            { documentUri: 'file:///ws/catalogue.sla' });
        await services.shared.workspace.DocumentBuilder.build([catalogue], { validation: true });
        expect((catalogue.diagnostics ?? []).map(d => [d.code, d.range.start.line + 1])).toEqual([
            ['sla/unresolved-reference', 21], ['sla/template-argument-type', 22]
        ]);
    });
});

describe('calendar and maintenance parameters in the editor', () => {
    test('find references of a parameter: its uses in the template and every client\'s argument', async () => {
        const { catalogue } = await workspace();
        expect(await references(catalogue, 'supportHours calendar')).toEqual(['catalogue.sla:26:77', 'north.sla:8:9', 'south.sla:8:9']);
        expect(await references(catalogue, 'patching maintenance')).toEqual(['catalogue.sla:28:64', 'north.sla:8:39', 'south.sla:8:37']);
    });

    test('find references of a calendar or maintenance: defaults and arguments, not the parameter\'s uses', async () => {
        const { catalogue } = await workspace();
        expect(await references(catalogue, 'OfficeHours "')).toEqual(['catalogue.sla:21:44', 'south.sla:8:24']);
        expect(await references(catalogue, 'ExtendedHours "')).toEqual(['north.sla:8:24']);
        expect(await references(catalogue, 'SundayPatching "')).toEqual(['catalogue.sla:22:43', 'south.sla:8:48']);
    });

    test('go to definition from `during supportHours` reaches the parameter', async () => {
        const { catalogue } = await workspace();
        const links = await services.lsp.DefinitionProvider!.getDefinition(catalogue, { textDocument: { uri: catalogue.uri.toString() }, position: at(catalogue, 'supportHours)') });
        expect(links?.map(link => link.targetSelectionRange.start.line + 1)).toEqual([21]);
    });

    test('rename of a parameter renames its uses and the arguments; of a calendar, the defaults and arguments', async () => {
        await workspace();
        const catalogue = services.shared.workspace.LangiumDocuments.getDocument(services.shared.workspace.LangiumDocuments.all.find(d => d.uri.path.endsWith('catalogue.sla'))!.uri)!;
        expect(await rename(catalogue, 'supportHours calendar', 'serviceHours')).toEqual({
            'catalogue.sla': ['21:14 serviceHours', '26:77 serviceHours'], 'north.sla': ['8:9 serviceHours'], 'south.sla': ['8:9 serviceHours']
        });
        expect(await rename(catalogue, 'supportHours)', 'serviceHours')).toEqual({
            'catalogue.sla': ['21:14 serviceHours', '26:77 serviceHours'], 'north.sla': ['8:9 serviceHours'], 'south.sla': ['8:9 serviceHours']
        });
        expect(await rename(catalogue, 'OfficeHours "', 'WorkingHours')).toEqual({
            'catalogue.sla': ['21:44 WorkingHours', '6:9 WorkingHours'], 'south.sla': ['8:24 WorkingHours']
        });
        expect(await rename(catalogue, 'patching maintenance', 'window')).toEqual({
            'catalogue.sla': ['22:14 window', '28:64 window'], 'north.sla': ['8:39 window'], 'south.sla': ['8:37 window']
        });
        expect(await rename(catalogue, 'SaturdayPatching "', 'LatePatching')).toEqual({
            'catalogue.sla': ['16:12 LatePatching'], 'north.sla': ['8:50 LatePatching']
        });
    });

    test('completion after `with supportHours = ` offers calendars; after `patching = `, maintenances', async () => {
        await parse(CATALOGUE, { documentUri: 'file:///ws/catalogue.sla' });
        let count = 0;
        const labels = async (args: string) => {
            // The client's own calendar before the arguments (after them, `= calendar` would read as a name).
            const document = await parse(client('East', `calendar NightHours "Nights" {\n        monday to friday 18:00 to 23:00\n    }\n    ${args}`), { documentUri: `file:///ws/east${count++}.sla` });
            const offset = document.textDocument.getText().indexOf(args) + args.length;
            const list = await services.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
            return (list?.items ?? []).filter(item => /Hours|Patching/.test(item.label)).map(item => item.label).sort();
        };
        expect(await labels('with supportHours = ')).toEqual(['ExtendedHours', 'NightHours', 'OfficeHours']);
        expect(await labels('with patching = ')).toEqual(['SaturdayPatching', 'SundayPatching']);
    });
});
