import { cursorBefore } from '../lsp/hover-harness.js';

/** A Paris service desk with the three ticket constructs: paused clocks, a score, an `each` promise. */
export const DESK = `agreement Desk "Paris service desk" {
    provider P "Provider SAS"
    customer C "Customer SA"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"

    calendar SupportHours "Support hours" {
        monday to friday 09:00 to 18:00
        except 2026-05-01 "Fête du Travail"
    }

    dataset tickets "Tickets" from "data/desk-tickets.csv" {
        opened   timestamp
        id       text
        priority one of "P1", "P2"
        resolved timestamp optional
    }

    dataset ticketPauses "Waiting for the customer" from "data/desk-pauses.csv" {
        ticket     text
        pausedFrom timestamp
        pausedTo   timestamp optional
    }

    dataset survey "Satisfaction survey" from "data/desk-survey.csv" {
        answered     timestamp
        satisfaction score 1 to 5
    }

    kpi ResolutionTime "Working time to resolve" =
        elapsed(tickets.opened, tickets.resolved) during SupportHours
            excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)

    kpi Satisfaction "Average satisfaction" = avg(survey.satisfaction)

    objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month
    objective Satisfaction >= 4.2 per calendar quarter
}
`;

/** The fixture with a cursor marker before the first occurrence of `needle`. */
export function deskWithCursor(needle: string, text = DESK): string {
    return cursorBefore(text, needle);
}
