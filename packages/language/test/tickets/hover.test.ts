import { describe, test } from 'vitest';
import { DESK, deskWithCursor } from './desk-fixture.js';
import { hoverHarness } from '../lsp/hover-harness.js';

const { hover } = hoverHarness();

describe('hovers of the ticket constructs', () => {
    test('an each promise in plain words', async () => {
        await hover({
            text: deskWithCursor('<= 4 hours per calendar month'),
            index: 0,
            hover: 'Desk promises that every item of tickets where priority = "P1" has ResolutionTime at most 4 hours, in every calendar month (Europe/Paris time). '
                + 'Each item is judged by its own value: a window is breached when any item in it fails, met when none does. '
                + 'The report counts the failed items and lists the first 10, each named by its id with its value; '
                + 'an item still open that is already past the limit has failed, one that could still make it is pending (the window is then provisional).'
        });
    });

    test('an ordinary objective is still its own sentence (the each form is not mistaken for it)', async () => {
        await hover({
            text: deskWithCursor('>= 4.2 per calendar quarter'),
            index: 0,
            hover: 'Desk promises that Satisfaction is at least 4.2 out of 5 in every calendar quarter (Europe/Paris time).'
        });
    });

    test('a score field names its scale', async () => {
        await hover({
            text: deskWithCursor('satisfaction score 1 to 5'),
            index: 0,
            hover: /- Type: score 1 to 5\n- Scale: 1 to 5, both included; a value outside is an invalid row/
        });
    });

    test('a KPI with paused clocks says which pauses stop it', async () => {
        await hover({
            text: deskWithCursor('ResolutionTime "Working time'),
            index: 0,
            hover: /Measured as the time from tickets\.opened to tickets\.resolved, counting only time within SupportHours, not counting the pauses in ticketPauses whose ticket is the row's id \(each from pausedFrom to pausedTo; overlapping pauses count once, a pause without an end lasts until the row's end\)\./
        });
    });

    test('the pauses keyword opens its glossary entry', async () => {
        await hover({ text: deskWithCursor('pauses(ticketPauses'), index: 0, hover: /^\*\*Paused clock \(`excluding pauses`\)\*\*: / });
    });

    test('a KPI of a plain number is not a score', async () => {
        const text = DESK.replace('satisfaction score 1 to 5', 'satisfaction number');
        await hover({ text: deskWithCursor('>= 4.2 per calendar quarter', text), index: 0, hover: 'Desk promises that Satisfaction is at least 4.2 in every calendar quarter (Europe/Paris time).' });
    });
});
