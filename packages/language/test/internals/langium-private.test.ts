/**
 * Every private or internal member of Langium the adapter (src/internals/langium-private.ts)
 * relies on is still there, with the shape it expects. After a Langium upgrade this is the
 * test that names what moved; src/internals/README.md says what each member is for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLinker, EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkLangiumInternals, LANGIUM_INTERNALS } from '../../src/internals/langium-private.js';
import { createSlaServices } from '../../src/sla-module.js';

/** An infix expression of two operands and a reference: every probe finds its subject here. */
const SAMPLE = 'agreement A {\n    service S {\n        kpi Base = 1\n        kpi K = Base + 2\n    }\n}\n';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('the Langium internals the adapter relies on', () => {
    test('every one is present, with the expected shape', () => {
        const { Sla } = createSlaServices(EmptyFileSystem);
        expect(checkLangiumInternals(Sla, SAMPLE)).toEqual([]);
    });

    test('a missing member is reported by name', () => {
        // Langium's linker without `doLink` stands for an upgrade that renamed it.
        const { Sla } = createSlaServices(EmptyFileSystem);
        const doLink = Object.getOwnPropertyDescriptor(DefaultLinker.prototype, 'doLink')!;
        delete (DefaultLinker.prototype as unknown as Record<string, unknown>).doLink;
        try {
            expect(checkLangiumInternals(Sla, SAMPLE)).toEqual([
                "DefaultLinker.doLink (protected): no method 'doLink' (used to link one reference (Langium links whole documents))"
            ]);
        } finally {
            Object.defineProperty(DefaultLinker.prototype, 'doLink', doLink);
        }
        expect(checkLangiumInternals(Sla, SAMPLE)).toEqual([]);
    });

    test('the list names each member once, and the README names exactly the members of the list', () => {
        const members = LANGIUM_INTERNALS.map(internal => internal.member);
        expect(new Set(members).size).toBe(members.length);
        // The README's table of internals: rows whose first cell is a member in backticks.
        const readme = readFileSync(join(__dirname, '../../src/internals/README.md'), 'utf8');
        const table = readme.slice(readme.indexOf('## Langium internals touched'), readme.indexOf('## Public hooks considered'));
        const rows = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map(match => match[1]);
        expect(rows).toEqual(members);
    });

    test('Langium is pinned to the exact version the probes were written for', () => {
        // A range (~4.4.0) would let a patch release move these members under a fresh install.
        const language = readJson(join(__dirname, '../../package.json'));
        const installed = readJson(join(__dirname, '../../../../node_modules/langium/package.json'));
        expect(language.dependencies.langium).toMatch(/^\d+\.\d+\.\d+$/);
        expect(installed.version).toBe(language.dependencies.langium);
    });
});
