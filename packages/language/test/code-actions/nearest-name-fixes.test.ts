import { describe, expect, test } from 'vitest';
import { fixesFor, validate } from './fix-harness.js';

/** A service desk over the corpus's tickets (opened, responded, priority) with the KPI line `kpi`. */
function desk(kpi: string): string {
    return `agreement Desk "Service desk" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"

    dataset tickets "Tickets" from "data/tickets.csv" {
        opened timestamp
        responded timestamp optional
        priority one of "P1", "P2", "P3"
    }

    ${kpi}
    objective Prio <= 100 per calendar month
}
`;
}

/** A template whose credit's third tier names the parameter `tier`. */
function template(tier: string): string {
    return `template Desk "Service desk offering" {
    parameter tier1Credit percentage default 5%
    parameter tier2Credit percentage default 10%

    provider P "Provider GmbH"
    fee 1000 EUR per calendar month

    dataset incidents "Incidents" from "data/incidents.csv" {
        started timestamp
        resolved timestamp optional
    }

    service Desk "Service desk" {
        kpi Availability "Uptime" = uptime(incidents, from started to resolved)
        objective Availability >= 99.9% per calendar month
        credit for Availability per calendar month, capped at 50% of fee {
            below 99.9% : tier1Credit of fee
            below 99.5% : tier2Credit of fee
            below 99.0% : ${tier} of fee
        }
    }
}
`;
}

const offered = async (text: string) => (await fixesFor(text, 'sla/unresolved-reference')).actions.map(action => [action.title, action.isPreferred ?? false]);

describe('the names a misspelt reference may have meant', () => {
    test('in a where filter only fields, never the KPI being defined (Prio would read itself: a cycle)', async () => {
        const before = desk('kpi Prio "Priority-1 tickets" = count(tickets where prio = "P1")');
        expect(await offered(before)).toEqual([]);
        const message = (await validate(before)).diagnostics.find(d => d.code === 'sla/unresolved-reference')!.message;
        expect(message).not.toContain('Did you mean');
    });

    test('in a where filter a field near the name is offered, and preferred', async () => {
        expect(await offered(desk('kpi Prio "Priority-1 tickets" = count(tickets where priorty = "P1")'))).toEqual([["Write 'priority'", true]]);
    });

    test('outside a filter another KPI is offered, the KPI being defined is not', async () => {
        const share = (formula: string) => desk(`kpi Prio "Priority-1 tickets" = count(tickets where priority = "P1")\n    kpi Share "Share of P1" = ${formula}\n    kpi Count "Tickets" = count(tickets)`)
            .replace('objective Prio', 'objective Share <= 50%\n    objective Prio');
        expect(await offered(share('Prio / Coutn'))).toEqual([["Write 'Count'", true]]);
        expect(await offered(share('Prio / Shar'))).toEqual([]);
    });

    test('two names equally near: both offered, neither preferred', async () => {
        // 'tier3Credit' is one edit from 'tier1Credit' and one from 'tier2Credit'.
        expect(await offered(template('tier3Credit'))).toEqual([["Write 'tier1Credit'", false], ["Write 'tier2Credit'", false]]);
        // 'tier2Credt' is one edit from 'tier2Credit', two from 'tier1Credit'.
        expect(await offered(template('tier2Credt'))).toEqual([["Write 'tier2Credit'", true], ["Write 'tier1Credit'", false]]);
    });
});
