import { describe, expect, test } from 'vitest';
import { validate } from '../code-actions/fix-harness.js';

/** Messages are written for the contract reader, and ranges sit on the offending words. */
const base = (objectives: string, title = 'Hosting') => `agreement Msg "${title}" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    timezone "Europe/Berlin"
    dataset requests "Access log" from "data/requests.csv" {
        time timestamp
        latency duration ms column "latency_ms"
    }
    service Web "Web shop" {
        kpi Latency "95th percentile latency" = percentile(95, requests.latency)
${objectives}
    }
}
`;

async function only(text: string, code: string) {
    const { document, diagnostics } = await validate(text);
    const found = diagnostics.filter(d => d.code === code);
    expect(found, diagnostics.map(d => `${String(d.code)}: ${d.message}`).join('\n')).toHaveLength(1);
    const d = found[0];
    return { message: d.message, covered: document.textDocument.getText(d.range) };
}

describe('diagnostic messages and ranges', () => {
    test('window-ambiguous quotes the window, gives both readings and the fix; range is the window', async () => {
        const { message, covered } = await only(base('        objective Latency <= 300 ms monthly'), 'sla/window-ambiguous');
        expect(message).toBe("Ambiguous window: 'monthly' can mean a calendar month (28–31 days, resets on the 1st) or a rolling 30-day window. Write 'per calendar month' or 'per rolling 30 days'.");
        expect(covered).toBe('monthly');
    });

    test('unit-unknown names the unit, the allowed units and the nearest one; range is the unit', async () => {
        const { message, covered } = await only(base('        objective Latency <= 300 msec per calendar month'), 'sla/unit-unknown');
        expect(message).toContain("Unknown unit 'msec' in '300 msec'");
        expect(message).toContain("Did you mean 'ms'");
        expect(covered).toBe('msec');
    });

    test('vague-term ranges on the vague words inside the string', async () => {
        const { message, covered } = await only(base('        objective Latency <= 300 ms per calendar month', 'Hosting with best  effort support'), 'sla/vague-term');
        expect(message).toContain("'best  effort' is vague");
        expect(covered).toBe('best  effort');
    });

    test('unresolved-reference says what kind of thing was expected and the nearest names', async () => {
        const { message, covered } = await only(base('        objective Latncy <= 300 ms per calendar month'), 'sla/unresolved-reference');
        expect(message).toBe("Unknown KPI 'Latncy': nothing of that name is declared here or in an imported file. Did you mean 'Latency'?");
        expect(covered).toBe('Latncy');
    });

    test('timezone-unknown suggests the zone meant', async () => {
        const { message, covered } = await only(base('        objective Latency <= 300 ms per calendar month').replace('"Europe/Berlin"', '"Europe/Berln"'), 'sla/timezone-unknown');
        expect(message).toContain('"Europe/Berln" is not an IANA time zone name');
        expect(message).toContain('Did you mean "Europe/Berlin"');
        expect(covered).toBe('"Europe/Berln"');
    });

    test('comparison-missing asks at least or at most, on the target', async () => {
        const { message, covered } = await only(base('        objective Latency 300 ms per calendar month'), 'sla/comparison-missing');
        expect(message).toBe("'300 ms' has no direction: must the KPI be at least or at most '300 ms'? Write 'Latency >= 300 ms' or 'Latency <= 300 ms'.");
        expect(covered).toBe('300 ms');
    });
});
