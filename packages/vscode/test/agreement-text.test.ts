/**
 * "Evaluate with Other Data…" on a client agreement whose datasets its template reads from an
 * imported catalogue: the pick offers those datasets (before any evaluation), not "declares no
 * dataset". The template's file (found by the language server's go to definition) says which.
 */
import { describe, expect, it } from 'vitest';
import { agreementsIn, datasetsIn, templateDatasetsIn } from '../src/commands/agreement-text.js';

const CATALOGUE = `// Catalogue: one standard offering.
dataset incidents "Incident register" from "data/incidents.csv" {
    service   text
    started   timestamp
}

dataset tickets "Tickets" from "data/tickets.csv" {
    opened timestamp
}

template Hosting "Managed hosting, standard offering { not a brace }" {
    parameter availability percentage default 99.95%
    // tickets are not read here
    dataset requests "Requests" from "data/requests.csv" {
        at timestamp
    }
    service WebShop "Web shop" {
        kpi Availability "Share of eligible time the shop was up" =
            uptime(incidents where service = "webshop", from started to started)
        objective Availability >= availability per calendar month
    }
}

template Desk "Service desk" {
    kpi Opened "Tickets opened" = count(tickets)
}
`;

const CLIENT = `import "catalogue.sla"

agreement GlobexHosting "Hosting for Globex" from Hosting {
    customer Globex "Globex Corporation"
}
`;

describe('the datasets a client agreement reads through its template', () => {
    it('finds the template a client agreement names, and where its name is', () => {
        expect(agreementsIn(CLIENT)).toEqual([{ name: 'GlobexHosting', line: 2, template: 'Hosting', templateAt: { line: 2, character: 50 } }]);
        expect(CLIENT.split('\n')[2]!.slice(50, 57)).toBe('Hosting');
        // A title with "from" in it is not a template.
        expect(agreementsIn('agreement A "Moved from B" {\n}')).toEqual([{ name: 'A', line: 0 }]);
        expect(datasetsIn(CLIENT)).toEqual([]);
    });

    it('the template\'s own datasets and the catalogue\'s it names; not those it does not read', () => {
        expect(templateDatasetsIn(CATALOGUE, 'Hosting')).toEqual(['requests', 'incidents']);
        expect(templateDatasetsIn(CATALOGUE, 'Desk')).toEqual(['tickets']);
        expect(templateDatasetsIn(CATALOGUE, 'Nothing')).toBeUndefined();
    });
});
