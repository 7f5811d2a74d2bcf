import { describe, expect, it } from 'vitest';
import { catalogueClient, hostingCatalogue, loadCatalogueClient } from './hosting-catalogue.js';

/**
 * A client's own maintenance window, exclusion or working hours against its catalogue's
 * (model/client-resolution.ts; model/maintenance-comparison.ts, exclusion-comparison.ts,
 * calendar-comparison.ts, which `sla diff` shares): where the template takes time out of a
 * promise with a maintenance, more of it or a shorter notice loosens the standard
 * (sla/template-loosened, and the portfolio's deviation), less or a longer notice tightens it;
 * an exclusion's higher cap loosens it; fewer working hours of a business-time clock loosen it.
 * The same schedule is no deviation.
 */
const PATCHING = `maintenance Patching "Patching" {
    every sunday 02:00 to 04:00
    notice 72 hours
}
`;
const OBJECTIVE = '    objective Uptime >= 99.9% per calendar month\n';
/** The catalogue: Patching beside the template (shared), the template's uptime excluding it (or not). */
const catalogue = (excluded = true) => PATCHING + hostingCatalogue(OBJECTIVE).replace('uptime(incidents, from started to resolved)', `uptime(incidents, from started to resolved)${excluded ? ' excluding Patching' : ''}`);
const own = (slot: string, notice = '72 hours') => `maintenance Patching "Our patching" {\n        ${slot}\n        notice ${notice}\n    }`;

async function clientWith(catalogueText: string, lines: string) {
    const { document, portfolio } = await catalogueClient(catalogueText, lines, '', '2026-01-01 to 2026-12-31', { now: Date.UTC(2027, 0, 1) });
    return {
        deviations: portfolio.entries[0]!.deviations,
        warnings: (document.diagnostics ?? []).filter(d => d.severity !== 4).map(d => `${String(d.code)}: ${d.message}`)
    };
}

describe('a client\'s own maintenance window against the catalogue\'s', () => {
    it('more time and a shorter notice loosen the standard: a deviation and a warning', async () => {
        const { deviations, warnings } = await clientWith(catalogue(), own('every sunday 01:00 to 05:00', '48 hours'));
        const text = '4 hours a week instead of 2 hours a week (every sunday 01:00 to 05:00 instead of every sunday 02:00 to 04:00); notice 48 hours instead of notice 72 hours';
        expect(deviations).toEqual([{ member: 'maintenance Patching', kind: 'loosened', text }]);
        expect(warnings).toEqual([`sla/template-loosened: This loosens the template's maintenance window (maintenance Patching: ${text}). If that is the negotiated value, keep it: the portfolio report lists it as a deviation.`]);
    });

    it('less time is a tightening, without a warning; the same slots and notice under another title are no deviation', async () => {
        const shorter = await clientWith(catalogue(), own('every sunday 02:00 to 03:00'));
        expect(shorter.deviations).toEqual([{ member: 'maintenance Patching', kind: 'tightened', text: '1 hour a week instead of 2 hours a week (every sunday 02:00 to 03:00 instead of every sunday 02:00 to 04:00)' }]);
        expect(shorter.warnings).toEqual([]);
        const same = await clientWith(catalogue(), own('every sunday 02:00 to 04:00'));
        expect([same.deviations, same.warnings]).toEqual([[], []]);
    });

    it('a maintenance the template does not exclude is another schedule: replaced, no warning', async () => {
        const { deviations, warnings } = await clientWith(catalogue(false), own('every sunday 00:00 to 06:00'));
        expect(deviations).toEqual([{ member: 'maintenance Patching', kind: 'replaced', text: '6 hours a week instead of 2 hours a week (every sunday 00:00 to 06:00 instead of every sunday 02:00 to 04:00)' }]);
        expect(warnings).toEqual([]);
    });

    it('the template\'s own maintenance, overridden by the client\'s: judged the same way', async () => {
        const inside = hostingCatalogue(`    maintenance Patching "Patching" {\n        every sunday 02:00 to 04:00\n        notice 72 hours\n    }\n${OBJECTIVE}`)
            .replace('uptime(incidents, from started to resolved)', 'uptime(incidents, from started to resolved) excluding Patching');
        const { deviations, warnings } = await clientWith(inside, own('every day 02:00 to 04:00'));
        expect(deviations).toEqual([{ member: 'maintenance Patching', kind: 'loosened', text: '14 hours a week instead of 2 hours a week (every day 02:00 to 04:00 instead of every sunday 02:00 to 04:00)' }]);
        expect(warnings).toEqual([expect.stringContaining("sla/template-loosened: This loosens the template's maintenance window (maintenance Patching: 14 hours a week")]);
    });

    it('a client\'s maintenance half written (no day or times yet, no notice value) is validated without failing', async () => {
        for (const slot of ['every sunday', 'every sunday 02:00', 'every sunday 02:00 to', 'every 02:00 to 04:00', 'every']) {
            const { document } = await loadCatalogueClient(catalogue(), `maintenance Patching "Our patching" {\n        ${slot}\n        notice\n    }`, '', '2026-01-01 to 2026-12-31');
            const messages = (document.diagnostics ?? []).map(d => d.message);
            expect(messages.length).toBeGreaterThan(0); // the parser's
            expect(messages.filter(message => message.includes('An error occurred'))).toEqual([]);
        }
    });
});

describe('a client\'s own exclusion against the template\'s', () => {
    /** The template's Planned exclusion during Patching, at most 10 hours a year; the client's own written `rest`. */
    const withExclusion = PATCHING + hostingCatalogue(`${OBJECTIVE}    exclusion Planned "Patching as agreed" during Patching, at most 10 hours per calendar year\n`);
    const ownExclusion = (rest: string) => `exclusion Planned "Patching as agreed" during Patching${rest}`;

    it('a higher cap loosens the standard (a deviation and a warning); a lower one tightens it; the same is no deviation', async () => {
        const higher = await clientWith(withExclusion, ownExclusion(', at most 20 hours per calendar year'));
        expect(higher.deviations).toEqual([{ member: 'exclusion Planned', kind: 'loosened', text: 'at most 20 hours per calendar year instead of at most 10 hours per calendar year' }]);
        expect(higher.warnings).toEqual([expect.stringContaining("sla/template-loosened: This loosens the template's exclusion (exclusion Planned: at most 20 hours")]);
        const lower = await clientWith(withExclusion, ownExclusion(', at most 5 hours per calendar year'));
        expect([lower.deviations.map(d => d.kind), lower.warnings]).toEqual([['tightened'], []]);
        const same = await clientWith(withExclusion, ownExclusion(', at most 10 hours per calendar year'));
        expect([same.deviations, same.warnings]).toEqual([[], []]);
    });
});

describe('a client\'s own working hours against the catalogue\'s', () => {
    /** Office beside the template (shared); the template's response clock counts business time during it (or its uptime is measured during it). */
    const OFFICE = 'calendar Office "Office hours" {\n    monday to friday 08:00 to 18:00\n}\n';
    const responseCatalogue = OFFICE + hostingCatalogue('    kpi Response "Time to restore" = max(elapsed(incidents.started, incidents.resolved) during Office)\n    objective Response <= 4 hours per calendar month\n');
    const uptimeCatalogue = OFFICE + hostingCatalogue(OBJECTIVE).replace('uptime(incidents, from started to resolved)', 'uptime(incidents, from started to resolved) during Office');
    const ownOffice = (hours: string) => `calendar Office "Our office hours" {\n        ${hours}\n    }`;

    it('fewer hours of a business-time clock loosen the standard (a deviation and a warning); more tighten it', async () => {
        const fewer = await clientWith(responseCatalogue, ownOffice('monday to friday 09:00 to 17:00'));
        expect(fewer.deviations).toEqual([{ member: 'calendar Office', kind: 'loosened', text: '40 working hours a week instead of 50 working hours a week' }]);
        expect(fewer.warnings).toEqual([expect.stringContaining("sla/template-loosened: This loosens the template's working hours (calendar Office: 40 working hours a week instead of 50")]);
        const more = await clientWith(responseCatalogue, ownOffice('monday to saturday 08:00 to 18:00'));
        expect([more.deviations.map(d => d.kind), more.warnings]).toEqual([['tightened'], []]);
    });

    it('an uptime measured during the hours is another promise either way: replaced, no warning', async () => {
        const { deviations, warnings } = await clientWith(uptimeCatalogue, ownOffice('monday to friday 09:00 to 17:00'));
        expect([deviations, warnings]).toEqual([[{ member: 'calendar Office', kind: 'replaced', text: '40 working hours a week instead of 50 working hours a week' }], []]);
    });
});
