// The VS Code report of Continuous Improvement: the rule in the objective's description, each
// window's target, and the chart's target line stepping up with the contract year (the figures of
// examples/continuous-improvement, worked by hand in its README).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateDocument } from '../../language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../language/src/node.js';
import { buildReportView } from '../src/report/build-report-view.js';

const example = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'continuous-improvement');

describe('Continuous Improvement in the VS Code report view', () => {
    it('2025 against 99.5 %, 2026 against 99.8 %: February 2026 missed, the chart\'s target line steps in January 2026', async () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-improvement-view-'));
        fs.cpSync(example, folder, { recursive: true });
        const { documents, services } = await loadSlaFiles([path.join(folder, 'thames-council-hosting.sla')]);
        const view = buildReportView(await evaluateDocument(documents[0]!, services, { to: '2026-09-30', now: Date.parse('2026-12-01T00:00:00Z') }));
        const objective = view.objectives[0]!;
        expect(objective.description).toBe('>= 99.5 % per calendar month, improved yearly to the mean of the best 6 windows by at most 0.3 %');
        const row = (label: string) => objective.rows.find(candidate => candidate.window.startsWith(label))!;
        expect([row('Dec 2025').target, row('Dec 2025').statusWord]).toEqual(['>= 99.5 %', 'MET']);
        expect([row('Feb 2026').target, row('Feb 2026').statusWord]).toEqual(['>= 99.8 %', 'BREACHED']);
        expect(objective.chart!.targetSteps).toEqual([{ index: 12, target: 99.8, targetText: '99.8 %' }]);
    });
});
