/**
 * A missed internal target (the provider's own goal, stricter than the contract's objective) is
 * no breach of the contract: its warning said "SpeedToAnswer breached in 3 of 12 windows, worst
 * 50 %" with the code `sla/breached`, word for word what a breached objective says. It says
 * "Internal target … missed" now, with a code of its own, `sla/internal-target-missed`.
 *
 * examples/glide-path, internal target SpeedToAnswer >= 85 % (line 40, column 5), its 2026 report:
 * January 50 %, February 78 %, March 79 % (margins −35, −7, −6 points: all three below 85 %),
 * April 100 %, May to December no data: missed in 3 of 12 windows, the worst January's 50 %.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ObjectiveReport, Report } from '@sla/engine';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter, host, type Uri } from './vscode-stand-in.js';

vi.mock('vscode', () => import('./vscode-stand-in.js'));

const { breachMessage, reportOutcomes } = await import('../src/results/objective-outcome.js');
const { BREACH_CODE, INTERNAL_TARGET_MISSED_CODE, registerBreachDiagnostics } = await import('../src/results/breach-diagnostics.js');

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples/glide-path/iberia-service-desk.sla');
const TEXT = readFileSync(file, 'utf8');

const month = (m: number) => `2026-${String(m).padStart(2, '0')}-01T00:00:00+01:00`;
const windowOf = (m: number, value: number | null, target: number) => ({
    start: month(m), end: m === 12 ? '2027-01-01T00:00:00+01:00' : month(m + 1), partial: m === 12, value,
    status: value === null ? 'no data' : value >= target ? 'met' : 'breached', margin: value === null ? null : value - target, target
});

const internalTarget = {
    kpi: 'SpeedToAnswer', kpiKey: 'SpeedToAnswer', comparison: '>=', target: 0.85, unit: 'ratio', window: 'calendar month', source: { line: 40, column: 5 },
    windows: [0.5, 0.78, 0.79, 1, null, null, null, null, null, null, null, null].map((value, i) => windowOf(i + 1, value, 0.85)), status: 'breached'
} as unknown as ObjectiveReport;
// The contract's objective on the same KPI (line 27), 80 % from March: breached in March at 79 %.
const objective = {
    ...internalTarget, target: 0.8, source: { line: 27, column: 5 },
    windows: [windowOf(2, 0.78, 0.75), windowOf(3, 0.79, 0.8)], status: 'breached'
} as unknown as ObjectiveReport;
const report = { agreement: 'IberiaServiceDesk', objectives: [objective], internalTargets: [internalTarget] } as unknown as Report;

describe('a missed internal target', () => {
    beforeEach(() => host.reset());

    it('says "internal target … missed", the objective on the same KPI still "breached"', () => {
        expect(TEXT.split('\n')[39]!.trim()).toMatch(/^internal target SpeedToAnswer >= 85%/);
        const [contract, internal] = reportOutcomes(report, TEXT);
        expect(internal!.line).toBe(39);
        expect(breachMessage(internal!)).toBe('Internal target SpeedToAnswer missed in 3 of 12 windows, worst 50 % (Jan 2026)');
        expect(internal!.inlineText).toBe('✗ MISSED in 3 of 12 windows, worst 50 % (Jan 2026) · latest 100 % (Apr 2026)');
        expect(breachMessage(contract!)).toBe('SpeedToAnswer breached in 1 of 2 windows, worst 79 % (Mar 2026)');
        expect(contract!.inlineText).toMatch(/^✗ BREACHED in 1 of 2 windows/);
    });

    it('a template\'s internal target, shown on the client\'s header, says whose it is', () => {
        const client = `import "catalogue.sla"\nagreement Desk "Desk" from ServiceDesk {\n}\n`;
        const [, internal] = reportOutcomes({ ...report, agreement: 'Desk' } as Report, client);
        expect(internal!.line).toBe(1);
        expect(breachMessage(internal!)).toBe('Internal target SpeedToAnswer (of the template ServiceDesk) missed in 3 of 12 windows, worst 50 % (Jan 2026)');
        expect(internal!.inlineText).toMatch(/^internal target SpeedToAnswer \(template ServiceDesk\): ✗ MISSED in 3 of 12 windows/);
    });

    it('has a diagnostic code of its own; the breached objective keeps sla/breached', () => {
        const uri = host.open(file, TEXT);
        const changed = new EventEmitter<Uri>();
        const result = { report, evaluatedAt: new Date(0), outcomes: reportOutcomes(report, TEXT), dataChanged: [] };
        registerBreachDiagnostics({ get: () => result, onDidChange: changed.event } as never);
        changed.fire(uri);
        const diagnostics = host.collections.get('sla-evaluation')!.get(uri.toString())!;
        expect(diagnostics.map((d) => [d.range.start.line, d.code, d.message.split(' (evaluation of')[0]])).toEqual([
            [26, BREACH_CODE, 'SpeedToAnswer breached in 1 of 2 windows, worst 79 % (Mar 2026)'],
            [39, INTERNAL_TARGET_MISSED_CODE, 'Internal target SpeedToAnswer missed in 3 of 12 windows, worst 50 % (Jan 2026)']
        ]);
        expect(INTERNAL_TARGET_MISSED_CODE).toBe('sla/internal-target-missed');
    });
});
