import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';
import { catalogueClientText } from './hosting-catalogue.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * fixtures/strict.sla promises availability = 99.99 % (line 10, 0-based 9) while the template's
 * internal target (catalogue.sla line 42, 0-based 41) is 99.95 %: only this client's value makes
 * the internal target weaker than the promise.
 */
describe('diagnostics of a client agreement', async () => {
    const { services } = await loadSlaFiles([path.join(fixtures, 'strict.sla'), path.join(fixtures, 'northwind.sla'), path.join(fixtures, 'fabrikam.sla')]);
    const diagnosticsOf = (name: string) => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith(name))!.diagnostics ?? [];

    it('puts a problem of the client\'s value at its argument, with the template\'s line as related information', () => {
        const strict = diagnosticsOf('strict.sla');
        expect(strict.map(d => d.code)).toEqual(['sla/internal-weaker']);
        const [diagnostic] = strict;
        // `    with availability = 99.99 %`: the value starts at column 24 (0-based).
        expect(diagnostic!.range).toEqual({ start: { line: 9, character: 24 }, end: { line: 9, character: 31 } });
        expect(diagnostic!.message).toContain("looser than the objective 'Availability >= 99.99 %'");
        expect(diagnostic!.relatedInformation?.[0]?.location.uri).toBe(URI.file(path.join(fixtures, 'catalogue.sla')).toString());
        expect(diagnostic!.relatedInformation?.[0]?.location.range.start.line).toBe(41);
    });

    it('does not report the same problem for clients whose values do not cause it', () => {
        // Northwind promises 99.95 % (equal to the internal target: not weaker); Fabrikam 99.9 %.
        expect(diagnosticsOf('northwind.sla')).toEqual([]);
        expect(diagnosticsOf('fabrikam.sla')).toEqual([]);
    });

    it('names, on the template, the clients whose promise its internal target is weaker than', () => {
        const catalogue = diagnosticsOf('catalogue.sla');
        expect(catalogue.map(d => [d.code, d.range.start.line])).toEqual([['sla/template-internal-weaker', 41]]);
        expect(catalogue[0]!.message).toContain('a client was promised: Strict (99.99 %)');
        expect(catalogue[0]!.message).not.toContain('Northwind');
    });
});

describe('a value the template\'s data do not have', async () => {
    const { documents } = await loadSlaFiles([path.join(fixtures, 'unknown-priority.sla')]);

    it('is reported at the argument: "P9" is no priority of the tickets', () => {
        const diagnostics = documents[0]!.diagnostics ?? [];
        expect(diagnostics.map(d => [d.code, d.range.start.line, d.range.start.character])).toEqual([['sla/enum-value-unknown', 8, 18]]);
        expect(diagnostics[0]!.message).toContain('With urgent = "P9"');
    });
});

/** fixtures/typo.sla writes `availabilty` (line 9, 0-based 8; the name starts at column 9). */
describe('an unknown parameter', async () => {
    const { documents } = await loadSlaFiles([path.join(fixtures, 'typo.sla')]);

    it('is reported at the argument with the template\'s parameters, and a fix writes the nearest', () => {
        const [diagnostic, ...rest] = documents[0]!.diagnostics ?? [];
        expect(rest).toEqual([]);
        expect([diagnostic!.code, diagnostic!.range.start]).toEqual(['sla/template-parameter-unknown', { line: 8, character: 9 }]);
        expect(diagnostic!.message).toContain("Did you mean 'availability'? Its parameters: availability, responseTime, supportHours, tier1Credit.");
        const fixes = (diagnostic!.data as { fixes?: Array<{ title: string; edits: Array<{ newText: string }> }> }).fixes;
        expect(fixes?.map(f => [f.title, f.edits[0]!.newText])).toEqual([["Write 'availability'", 'availability']]);
    });
});

/**
 * The template's warning follows its clients: the template's document does not depend on a
 * client's, so without the re-validation after a client's build it kept the warning of the
 * clients as they were when the template was last built. The catalogue's internal target is
 * 99.95 % (line 42, 0-based 41); Northwind promises 99.95 % (not weaker: no warning).
 */
describe('the template\'s internal-target warning after a client changes', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-template-refresh-'));
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.cpSync(fixtures, folder, { recursive: true });
    const client = path.join(folder, 'northwind.sla');
    const { services } = await loadSlaFiles([client]);
    const catalogue = () => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('catalogue.sla'))!;
    const weaker = () => (catalogue().diagnostics ?? []).filter(d => d.code === 'sla/template-internal-weaker');
    const setAvailability = async (value: string) => {
        fs.writeFileSync(client, fs.readFileSync(client, 'utf8').replace(/with availability = [\d.]+ %/, `with availability = ${value}`));
        await services.shared.workspace.DocumentBuilder.update([URI.file(client)], []);
    };

    it('appears when the client promises more than the internal target, and goes when it no longer does', async () => {
        expect(weaker()).toEqual([]);
        // 99.99 % promised > 99.95 % internal: the warning names Northwind, at the template's line.
        await setAvailability('99.99 %');
        expect(weaker().map(d => d.range.start.line)).toEqual([41]);
        expect(weaker()[0]!.message).toContain('a client was promised: Northwind (99.99 %)');
        // An edit that changes no promise (the fee) leaves the warning as it is.
        fs.writeFileSync(client, fs.readFileSync(client, 'utf8').replace('fee 4000 EUR', 'fee 4500 EUR'));
        await services.shared.workspace.DocumentBuilder.update([URI.file(client)], []);
        expect(weaker().map(d => d.range.start.line)).toEqual([41]);
        // Back to 99.9 % (< 99.95 %): nothing is weaker than the internal target.
        await setAvailability('99.9 %');
        expect(weaker()).toEqual([]);
    });
});

/**
 * A one-year client of a template whose promise improves yearly is no mistake (the check says so
 * on the improvement, and a client's copy of it has no argument behind it). A client that sets
 * the count of a termination right on the same KPI does not change that: the right's argument is
 * no cause of a problem on the promise.
 */
describe('a problem on a template\'s promise is put down to the arguments of promises only', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-client-own-terms-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), `template Hosting "Managed hosting" {
    parameter streak count default 3
    dataset incidents "Outages" from "incidents.csv" {
        client   text
        started  timestamp
        resolved timestamp optional
    }
    kpi Uptime "Uptime" = uptime(incidents, from started to resolved)
    objective Uptime >= 99.9% per calendar month, improved yearly to the mean of the best 6 windows
    termination Chronic "Months in a row" when Uptime is breached in streak consecutive windows
}
`);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    fs.writeFileSync(path.join(folder, 'short.sla'), catalogueClientText('Short', { fee: '100 EUR' }));
    fs.writeFileSync(path.join(folder, 'streak.sla'), catalogueClientText('Streak', { fee: '100 EUR', args: 'streak = 2' }));
    const { services } = await loadSlaFiles(['short.sla', 'streak.sla'].map(name => path.join(folder, name)));
    const diagnosticsOf = (name: string) => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith(name))!.diagnostics ?? [];

    it('a one-year client: no warning, with or without the right\'s argument', () => {
        expect(diagnosticsOf('short.sla')).toEqual([]);
        expect(diagnosticsOf('streak.sla').map(d => d.message)).toEqual([]);
        expect(diagnosticsOf('catalogue.sla')).toEqual([]);
    });
});
