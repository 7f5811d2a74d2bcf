import { EmptyFileSystem } from 'langium';
import { clearDocuments, expectFormatting } from 'langium/test';
import { afterEach, describe, test } from 'vitest';
import { createSlaServices } from '../../src/sla-module.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const formatting = expectFormatting(services);

afterEach(() => clearDocuments(services));

describe('formatting holiday sets, half days and maintenance rules', () => {
    test('one space between the words, commas hugging the word before, one statement per line', async () => {
        await formatting({
            before: [
                'calendar Hours {',
                '  timezone "Europe/Paris"',
                ' monday to friday 09:00 to 18:00',
                '      holidays   "FR"   without  "Whit Monday" ,  8   may',
                '   except 24   december from   12:00 "Christmas Eve"',
                '}',
                'maintenance Patching {',
                '  timezone "Europe/Paris"',
                '        first   sunday of   each month 02:00 to 06:00',
                '      every other tuesday   starting 2026-01-13 22:00 to 23:00',
                '  notice 72 hours',
                '}',
                'maintenance CustomerPlanned {',
                '        on 2026-02-14 01:00 to 03:00   requested    by  customer',
                '}',
                'agreement A {',
                '  fiscal   year  from    february  timezone "UTC"',
                '}'
            ].join('\n'),
            after: [
                'calendar Hours {',
                '    timezone "Europe/Paris"',
                '    monday to friday 09:00 to 18:00',
                '    holidays "FR" without "Whit Monday", 8 may',
                '    except 24 december from 12:00 "Christmas Eve"',
                '}',
                'maintenance Patching {',
                '    timezone "Europe/Paris"',
                '    first sunday of each month 02:00 to 06:00',
                '    every other tuesday starting 2026-01-13 22:00 to 23:00',
                '    notice 72 hours',
                '}',
                'maintenance CustomerPlanned {',
                '    on 2026-02-14 01:00 to 03:00',
                '    requested by customer',
                '}',
                'agreement A {',
                '    fiscal year from february',
                '    timezone "UTC"',
                '}'
            ].join('\n')
        });
    });
});
