import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import type { Document } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';
import { DESK } from './desk-fixture.js';

const services = createSlaServices(EmptyFileSystem).Sla;
const parse = parseHelper<Document>(services);

afterEach(() => clearDocuments(services));

describe('sla explain of the ticket constructs', () => {
    test('promises, KPI and glossary in plain words', async () => {
        const document = await parse(DESK);
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        const promises = text.slice(text.indexOf('## Promises'), text.indexOf('## How each KPI is measured'));
        expect(promises).toContain('- Desk promises that every item of tickets where priority = "P1" has ResolutionTime at most 4 hours, in every calendar month (Europe/Paris time).');
        expect(promises).toContain('each named by its id with its value');
        expect(promises).toContain('- Desk promises that Satisfaction is at least 4.2 out of 5 in every calendar quarter (Europe/Paris time).');
        expect(text).toContain("not counting the pauses in ticketPauses whose ticket is the row's id");
        expect(text).toContain('- Unit: a score from 1 to 5');
        expect(text).toContain('satisfaction (score 1 to 5)');
        expect(text).toContain('- **Each item (`objective each`)**: ');
        expect(text).toContain('- **Paused clock (`excluding pauses`)**: ');
        expect(text).toContain('- **Score**: ');
    });

    test('an agreement without the constructs has none of their glossary entries', async () => {
        const plain = DESK.replace(/\n\s+excluding pauses\([^)]*\)/, '').replace(/\n\s+objective each[^\n]*/, '');
        const document = await parse(plain);
        const text = explainDocument(document.parseResult.value, services.types.TypeComputer);
        expect(text).not.toContain('Each item (`objective each`)');
        expect(text).not.toContain('Paused clock');
        expect(explainDocument((await parse(DESK.replace('score 1 to 5', 'number'))).parseResult.value, services.types.TypeComputer)).not.toContain('- **Score**');
    });
});
