import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/** "Did you mean" for units, as `sla validate` prints it: the unit meant comes first. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const node = path.join(root, 'node_modules', '.bin', 'node');
const cli = path.join(root, 'packages', 'cli', 'bin', 'sla.js');

/** The sla/unit-unknown messages of an agreement whose objective's target and KPI's unit are given. */
function unknownUnitMessages(objectiveTarget: string, kpiUnit = 'hours'): string[] {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-units-'));
    fs.writeFileSync(path.join(folder, 'a.sla'), `agreement A "A" {
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Paris"
    dataset tickets "Tickets" from "t.csv" {
        opened    timestamp
        resolved  timestamp optional
    }
    kpi Resolution "Resolution time" unit ${kpiUnit} = max(elapsed(tickets.opened, tickets.resolved) wall-clock)
    objective Resolution <= ${objectiveTarget} per calendar month
}
`);
    fs.writeFileSync(path.join(folder, 't.csv'), 'opened,resolved\n');
    const result = spawnSync(node, [cli, 'validate', 'a.sla', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    return (JSON.parse(result.stdout) as Array<{ code: string; message: string }>).filter(d => d.code === 'sla/unit-unknown').map(d => d.message);
}

function validate(objectiveTarget: string, kpiUnit = 'hours'): string {
    const messages = unknownUnitMessages(objectiveTarget, kpiUnit);
    expect(messages).toHaveLength(1);
    return messages[0];
}

/** The units suggested, in order: "Did you mean 'hours' or 'ms'?" → ['hours', 'ms']. */
function suggested(message: string): string[] {
    const list = /Did you mean (.*)\?/.exec(message)?.[1] ?? '';
    return [...list.matchAll(/'([^']+)'/g)].map(m => m[1]);
}

describe('unknown units suggest the unit meant first', () => {
    test('"4 hrs" suggests hours first', () => {
        expect(suggested(validate('4 hrs'))[0]).toBe('hours');
    });

    test('an abbreviation ranks before spelling neighbours: "2 wks" → weeks first', () => {
        // 'wks' is 2 edits from 'ms', 's' and 'weeks' alike; only 'weeks' has its letters in order.
        expect(suggested(validate('2 wks'))).toEqual(['weeks', 'ms', 's']);
    });

    test('a KPI declared "unit hrs" suggests hours too', () => {
        expect(suggested(validate('4 hours', 'hrs'))[0]).toBe('hours');
    });

    test('a known unit is no unknown unit', () => {
        expect(unknownUnitMessages('4 hours')).toEqual([]);
    });
});
