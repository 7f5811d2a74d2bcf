import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * Problems that only a client's values or overrides cause, over fixtures/catalogue.sla: the
 * internal target 99.95 % (line 42, 0-based 41), the credit `below availability: tier1Credit of
 * fee` (line 45) and `below 99.0 %: 25 % of fee` (line 46, 0-based 45), and ServiceDesk's
 * `timezone zone`. Each client's `with` line is line 8 (0-based 7), the value at column 24 for
 * `with availability = …`, 23 for `with tier1Credit = …`.
 */
const client = (name: string, template: string, lines: string) => `import "catalogue.sla"
agreement ${name} "${name}" from ${template} {
    customer C "${name} Ltd"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 4000 EUR per calendar month
    client scope client = "${name.toLowerCase()}"
${lines}
}
`;
const CLIENTS: Record<string, string> = {
    // The first tier pays 30 %, the worse breach below 99.0 % only 25 %.
    Generous: client('Generous', 'ManagedHosting', '    with tier1Credit = 30 %'),
    // The first tier's threshold is the second's: two amounts for one breach.
    Equal: client('Equal', 'ManagedHosting', '    with availability = 99.0 %'),
    // Tiers in order, thresholds apart: nothing to report but the loosening.
    Tidy: client('Tidy', 'ManagedHosting', '    with tier1Credit = 20 %, availability = 99.5 %'),
    // An override stricter than the internal target (line 9, 0-based 8; the target at column 34).
    Override: client('Override', 'ManagedHosting', '    service Hosting {\n        objective Availability >= 99.99 % per calendar month\n    }'),
    // A value without its unit, and one of another kind: the type, once; not named on the template.
    Bare: client('Bare', 'ManagedHosting', '    with availability = 99.99'),
    Minutes: client('Minutes', 'ManagedHosting', '    with availability = 30 minutes'),
    // Its own zone and a value for the template's zone.
    Zones: client('Zones', 'ServiceDesk', '    with zone = "Europe/Paris"'),
    // Its own zone only.
    OwnZone: client('OwnZone', 'ServiceDesk', '')
};

describe('problems a client\'s values cause, at the client\'s argument or override', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-client-values-'));
    afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
    fs.cpSync(fixtures, folder, { recursive: true });
    for (const [name, text] of Object.entries(CLIENTS)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), text);
    const { services } = await loadSlaFiles(Object.keys(CLIENTS).map(name => path.join(folder, `${name.toLowerCase()}.sla`)));
    const diagnosticsOf = (file: string) => services.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith(`${path.sep}${file}`))!.diagnostics ?? [];
    const catalogueUri = URI.file(path.join(folder, 'catalogue.sla')).toString();
    const summary = (file: string) => diagnosticsOf(file).map(d => [d.code, d.range.start.line, d.range.start.character]);

    it('an amount that makes a worse breach earn less: sla/credit-cap at the argument, the template\'s tier as related information', () => {
        const [diagnostic, ...rest] = diagnosticsOf('generous.sla').filter(d => d.code !== 'sla/template-loosened');
        expect(rest).toEqual([]);
        expect([diagnostic!.code, diagnostic!.severity, diagnostic!.range.start]).toEqual(['sla/credit-cap', 1, { line: 7, character: 23 }]);
        expect(diagnostic!.message).toContain("With tier1Credit = 30 %: The tier 'below 99.0 %' is a worse breach than 'below 99.9 %' but earns a smaller credit");
        expect(diagnostic!.relatedInformation?.map(r => [r.location.uri, r.location.range.start.line])).toEqual([[catalogueUri, 45]]);
    });

    it('a threshold equal to another tier\'s: sla/duplicate-entry (error) at the argument', () => {
        const diagnostics = diagnosticsOf('equal.sla').filter(d => d.code !== 'sla/template-loosened');
        expect(diagnostics.map(d => [d.code, d.severity, d.range.start.line, d.range.start.character])).toEqual([['sla/duplicate-entry', 1, 7, 24]]);
        expect(diagnostics[0]!.message).toContain('have the same threshold but different amounts');
        expect(diagnostics[0]!.relatedInformation?.[0]?.location).toMatchObject({ uri: catalogueUri, range: { start: { line: 45 } } });
    });

    it('values that keep the tiers in order are not reported', () => {
        expect(diagnosticsOf('tidy.sla').map(d => d.code)).toEqual(['sla/template-loosened']);
    });

    it('an override stricter than the template\'s internal target: sla/internal-weaker at the override', () => {
        const diagnostics = diagnosticsOf('override.sla');
        expect(summary('override.sla')).toEqual([['sla/internal-weaker', 8, 34]]);
        expect(diagnostics[0]!.message).toContain("looser than the objective 'Availability >= 99.99 %'");
        expect(diagnostics[0]!.relatedInformation?.[0]?.location).toMatchObject({ uri: catalogueUri, range: { start: { line: 41 } } });
    });

    it('a value of the wrong kind is reported once, as such', () => {
        expect(summary('bare.sla')).toEqual([['sla/template-argument-type', 7, 24]]);
        expect(summary('minutes.sla')).toEqual([['sla/template-argument-type', 7, 24]]);
    });

    it('the template names only the clients whose valid promise its internal target is looser than', () => {
        const weaker = diagnosticsOf('catalogue.sla').filter(d => d.code === 'sla/template-internal-weaker');
        expect(weaker.map(d => d.range.start.line)).toEqual([41]);
        expect(weaker[0]!.message).toContain('a client was promised: Override (99.99 %).');
    });

    it('its own time zone and a value for the template\'s: sla/duplicate-entry at the argument', () => {
        const diagnostics = diagnosticsOf('zones.sla');
        expect(summary('zones.sla')).toEqual([['sla/duplicate-entry', 7, 9]]);
        expect(diagnostics[0]!.message).toContain('two time zones');
        expect(diagnosticsOf('ownzone.sla')).toEqual([]);
    });
});
