/**
 * The glossary's worked examples are read as the rule itself (hovers, `sla explain`): they
 * must agree with the engine's counting of business days.
 */
import { expect, test } from 'vitest';
import { GLOSSARY, glossaryForKeyword } from '../../src/explain/glossary.js';

test('business days: a ticket opened on Saturday with `<= 2 business days` is due at the end of Tuesday', () => {
    // Hours Mon–Fri 08:00–18:00: the clock starts Monday 08:00, so Tuesday 08:00 is only 1 business day.
    const text = GLOSSARY.businessDays!.text;
    expect(text).toContain('one opened on Saturday is due at the end of Tuesday, 18:00');
    expect(text).not.toContain('Tuesday 08:00;');
    expect(glossaryForKeyword('business')).toBe(GLOSSARY.businessDays);
});
