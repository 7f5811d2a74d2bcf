import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, test } from 'vitest';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';
import { vagueTermsOf } from '../../src/validation/sla-validation-module.js';
import { VagueTermMatcher, foldCase } from '../../src/validation/vague-term-matcher.js';
import { DEFAULT_VAGUE_TERMS, VagueTerms } from '../../src/validation/vague-terms.js';
import { random } from '../random.js';

/** The definition of the findings: one expression over the whole list, as before the index (slow on long lists). */
function findWithOneExpression(terms: readonly string[], text: string) {
    const alternatives = [...terms].sort((a, b) => b.length - a.length)
        .map(term => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_-])`, 'giu');
    return [...text.matchAll(pattern)].map(match => ({ term: match[0], offset: match.index, length: match[0].length }));
}

const TRICKY_TERMS = [...new Set([...DEFAULT_VAGUE_TERMS,
    'soon', 'effort', 'as soon', 'best', 'the art', 'in a', '24/7', 'e.g.', 'a.s.a.p.', '(asap)', '-fast', 'fast_', 'co-operative',
    'swiftly', 'straße', 'ταχέως', 'σύντομα', 'kürzester zeit', 'i̇yi', 'ıslak', 'ꭰꭱ', 'µs', 'ǆungla', 'within  a   day'])];

const TRICKY_TEXTS = [
    'We respond PROMPTLY, with best\n  effort and Best Efforts, as soon as possible (ASAP) or as soon\tas practicable.',
    'Breakfast is steadfast; fast-track, fast_lane, -fast and fast_ are different words; so is fastidious.',
    'State-of-the-art, state of the art and the art of the state; in a timely manner, in a day.',
    'Support 24/7, e.g. weekends; a.s.a.p. or (asap) or asap. Co-operative, co-operatively.',
    'ſwiftly and SWIFTLY; STRASSE, STRAẞE, Straße; ΤΑΧΈΩΣ, ταχέως; ΣΎΝΤΟΜΑ; in KÜRZESTER ZEIT.',
    'İYI, iyi, IYI, ISLAK, ıslak; ᎠᎡ and ꭰꭱ; 5 µs, 5 μs, 5 ΜS; ǅungla, ǄUNGLA; within a day, within\n a  day.',
    'regular regularly regularity; reasonably reasonable; quick quickly quicksand; minimum downtime minimal.',
    ''
];

describe('the vague-term matcher', () => {
    test('finds what one expression over the whole list finds: case, word boundaries, phrases, overlaps, punctuation', () => {
        const matcher = new VagueTermMatcher(TRICKY_TERMS);
        for (const text of TRICKY_TEXTS) expect(matcher.find(text), text).toEqual(findWithOneExpression(TRICKY_TERMS, text));
        // A few findings spelled out, so that the reference itself is pinned down.
        expect(matcher.find(TRICKY_TEXTS[0]).map(m => m.term)).toEqual(
            ['PROMPTLY', 'best\n  effort', 'Best Efforts', 'as soon as possible', '(ASAP)', 'as soon\tas practicable']);
        expect(matcher.find(TRICKY_TEXTS[4]).map(m => m.term)).toEqual(
            ['ſwiftly', 'SWIFTLY', 'STRAẞE', 'Straße', 'ΤΑΧΈΩΣ', 'ταχέως', 'ΣΎΝΤΟΜΑ', 'KÜRZESTER ZEIT']);
    });

    test('finds the same as one expression on random texts and lists', () => {
        const next = random(20_261_207);
        const vocabulary = ['fast', 'Fast', 'FAST', 'soon', 'as', 'possible', 'best', 'effort', 'efforts', 'the', 'art', 'state', 'of',
            'in', 'a', 'timely', 'manner', 'ſoon', 'reasonable', 'commercially', '24', '7', 'e', 'g', 'steadfast', 'x'];
        const separators = [' ', '  ', '\n', '-', '_', '/', '.', ', ', '(', ')', '\t'];
        const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
        const phrase = (words: number) => Array.from({ length: words }, () => pick(vocabulary)).reduce((text, word) => text + pick(separators) + word);
        for (let round = 0; round < 200; round++) {
            const terms = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => phrase(1 + Math.floor(next() * 3)).trim().toLowerCase()))]
                .filter(term => term.length > 0);
            const text = phrase(5 + Math.floor(next() * 30));
            expect(new VagueTermMatcher(terms).find(text), `${JSON.stringify(terms)} in ${JSON.stringify(text)}`)
                .toEqual(findWithOneExpression(terms, text));
        }
    });

    test('folds case as the expression does: characters it treats as equal get the same key', () => {
        // Every character with a case mapping, and the expression's closure of them under case folding.
        const cased: string[] = [];
        for (let code = 0; code <= 0x10ffff; code++) {
            if (code >= 0xd800 && code <= 0xdfff) continue;
            const character = String.fromCodePoint(code);
            if (character.toLowerCase() !== character || character.toUpperCase() !== character) cased.push(character);
        }
        const all = cased.join('');
        const groups = new Map<string, string[]>();
        for (const character of cased) groups.set(foldCase(character), [...(groups.get(foldCase(character)) ?? []), character]);
        const keyedApart: string[] = [];
        for (const [key, members] of groups) {
            const sameCase = new RegExp(`[${members.join('').replace(/[\\\]^-]/g, '\\$&')}]`, 'giu');
            for (const [equal] of all.matchAll(sameCase)) if (foldCase(equal) !== key) keyedApart.push(`${members[0]} ${equal}`);
        }
        expect(keyedApart).toEqual([]);
        // No character without a case mapping is equal to one with it (else it would need a key too).
        const anyCased = new RegExp(`[${all.replace(/[\\\]^-]/g, '\\$&')}]`, 'iu');
        const isCased = new Set(cased);
        const uncasedButEqual: string[] = [];
        for (let code = 0; code <= 0x10ffff; code++) {
            const character = String.fromCodePoint(code);
            if (!isCased.has(character) && anyCased.test(character)) uncasedButEqual.push(character);
        }
        expect(uncasedButEqual).toEqual([]);
    });
});

describe('a long vague-term list', () => {
    const longList = Array.from({ length: 50_000 }, (_, i) => i % 3 === 0 ? `zq${i} the ${i}x` : i % 7 === 0 ? `the zq${i}` : `zq${i}`);

    test('50,000 project terms: the same warnings, on the same words, with the same messages', async () => {
        const services = createSlaServices(EmptyFileSystem).Sla;
        vagueTermsOf(services).setProjectTerms([...longList, 'Forthwith', 'within a reasonable']);
        const text = 'agreement A "Fast and reliable hosting" {\n    provider P "P"\n    customer C "C"\n    timezone "UTC"\n'
            + '    clause Support "Support answers the tickets zq49997 forthwith and within a reasonable time, the zq49994."\n}\n';
        const document = await parseHelper<Document>(services)(text, { validation: true });
        const vague = (document.diagnostics ?? []).filter(d => d.code === 'sla/vague-term')
            .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message.split(':')[0]}`);
        expect(vague).toEqual([
            "0:13-17 'Fast' is vague", "0:22-30 'reliable' is vague",
            "4:48-55 'zq49997' is vague", "4:56-65 'forthwith' is vague", "4:70-89 'within a reasonable' is vague", "4:96-107 'the zq49994' is vague"
        ]);
    });

    test('the findings do not depend on how the list is split between the CLI, the project and the editor', () => {
        const text = 'Restored zq31 forthwith; zq3 the 3x and the zq7, as soon as possible.';
        const together = new VagueTerms();
        together.extend([...longList, 'forthwith']);
        const split = new VagueTerms();
        split.extend(longList.slice(0, 1000));
        split.setProjectTerms(longList.slice(1000, 30_000));
        split.setUserTerms([...longList.slice(30_000), 'FORTHWITH']);
        // (One expression over this list takes V8 half a minute to compile: the reason for the index.)
        expect(split.find(text)).toEqual(together.find(text));
        expect(together.find(text).map(m => m.term)).toEqual(['zq31', 'forthwith', 'zq3 the 3x', 'the zq7', 'as soon as possible']);
    });

    test('the CLI can add 200,000 terms at once', () => {
        const terms = new VagueTerms();
        terms.extend(Array.from({ length: 200_000 }, (_, i) => `zq${i}`));
        expect(terms.find('Done zq199999.').map(m => m.term)).toEqual(['zq199999']);
    });
});
