import { describe, expect, test } from 'vitest';
import { nextStepHint, shellWord } from '../src/commands/init-hint.js';

/** `sla init`'s hint names the agreement as one word of the user's shell, whatever the folder is called. */
describe('shellWord', () => {
    test('a plain path is left as it is (letters of any script, digits, _@%+=:,./-)', () => {
        expect(shellWord('my-sla/agreement.sla', 'linux')).toBe('my-sla/agreement.sla');
        expect(shellWord('Zürich_2026/agreement.sla', 'darwin')).toBe('Zürich_2026/agreement.sla');
        expect(shellWord('C:\\sla\\agreement.sla', 'win32')).toBe('C:\\sla\\agreement.sla');
    });

    test('POSIX shells: single quotes, a quote inside closed, escaped and reopened', () => {
        expect(shellWord('my starter/agreement.sla', 'linux')).toBe("'my starter/agreement.sla'");
        expect(shellWord("Bob's SLA/agreement.sla", 'linux')).toBe("'Bob'\\''s SLA/agreement.sla'");
        expect(shellWord('$HOME/a;b/agreement.sla', 'darwin')).toBe("'$HOME/a;b/agreement.sla'");
        // A backslash is a character of the name on POSIX: quoted.
        expect(shellWord('a\\b/agreement.sla', 'linux')).toBe("'a\\b/agreement.sla'");
    });

    test('Windows (cmd, PowerShell): double quotes', () => {
        expect(shellWord('C:\\Users\\Me\\my starter\\agreement.sla', 'win32')).toBe('"C:\\Users\\Me\\my starter\\agreement.sla"');
    });

    test('a path starting with a dash gets ./ before it, or it would be read as an option', () => {
        expect(shellWord('-x/agreement.sla', 'linux')).toBe('./-x/agreement.sla');
    });

    test('the hint', () => {
        expect(nextStepHint('my starter/agreement.sla', 'linux')).toBe("Next: sla evaluate 'my starter/agreement.sla'   (the sample data show met and breached windows and one credit)");
    });
});
