import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codesOf, fixesFor, validate } from './fix-harness.js';

/** An agreement with the settings `head` and one service whose first line is `opening` and whose next lines are `members`. */
function hosting(head: string, opening: string, members = ''): string {
    return `agreement Hosting "Hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
${head}
    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    ${opening}
${members}        kpi Availability "Uptime" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
    }
}
`;
}

const HEAD = '    valid from 2026-01-01 to 2026-12-31\n    timezone "Europe/Berlin"\n';
const SERVICE = 'service Web "Web shop" {';

describe('moving a member written in a service to the agreement', () => {
    test('a party on the service\'s first line: the edits do not overlap, and the party stands before the service', async () => {
        const before = hosting(HEAD, `${SERVICE} provider Q "Hosting partner"`);
        const { actions, apply } = await fixesFor(before, 'sla/member-misplaced');
        const edits = Object.values(actions[0]!.edit!.changes!)[0]!;
        // applyEdits throws 'Overlapping edit' on edits that overlap (as LSP forbids them).
        expect(() => TextDocument.applyEdits(TextDocument.create('file:///x.sla', 'sla', 1, before), edits)).not.toThrow();
        const fixed = apply('Move it to the agreement');
        expect(fixed).toBe(hosting(HEAD, `provider Q "Hosting partner"\n\n    ${SERVICE}`));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('the comment beside the moved line moves with it', async () => {
        const head = '    timezone "Europe/Berlin"\n';
        const { apply } = await fixesFor(hosting(head, SERVICE, '        valid from 2026-01-01 to 2026-06-30   // pilot phase, see annex B\n'), 'sla/member-misplaced');
        const fixed = apply('Move it to the agreement');
        expect(fixed).toBe(hosting(head, `valid from 2026-01-01 to 2026-06-30   // pilot phase, see annex B\n\n    ${SERVICE}`));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('the agreement has a validity already: no move (it would state it twice), a removal not preferred', async () => {
        const before = hosting(HEAD, SERVICE, '        valid from 2026-01-01 to 2026-06-30\n');
        const { actions, apply } = await fixesFor(before, 'sla/member-misplaced');
        expect(actions.map(action => [action.title, action.isPreferred ?? false]))
            .toEqual([["Remove it: the agreement's 'valid from 2026-01-01 to 2026-12-31' applies", false]]);
        const message = (await validate(before)).diagnostics.find(d => d.code === 'sla/member-misplaced')!.message;
        expect(message).toContain("The agreement already states 'valid from 2026-01-01 to 2026-12-31': remove 'valid from 2026-01-01 to 2026-06-30' from the service");
        const fixed = apply("Remove it: the agreement's 'valid from 2026-01-01 to 2026-12-31' applies");
        expect(fixed).toBe(hosting(HEAD, SERVICE));
        expect(codesOf((await validate(fixed)).diagnostics)).toEqual([]);
    });

    test('the same time zone as the agreement\'s: its removal is preferred', async () => {
        const { actions } = await fixesFor(hosting(HEAD, SERVICE, '        timezone "Europe/Berlin"\n'), 'sla/member-misplaced');
        expect(actions.map(action => [action.title, action.isPreferred ?? false]))
            .toEqual([[`Remove it: the agreement's 'timezone "Europe/Berlin"' applies`, true]]);
    });
});
