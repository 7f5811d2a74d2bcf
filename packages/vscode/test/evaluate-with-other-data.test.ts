/**
 * "Evaluate with Other Data…" in a file with agreements Alpha (dataset `incidents`) and Beta
 * (dataset `betaIncidents`): the pick offered every dataset line of the file and the command
 * sent no agreement, so picking `betaIncidents` evaluated Alpha, the first, with an override it
 * ignored. Each dataset is now offered as its agreement's, and that agreement is evaluated.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { agreementDatasetsIn } from '../src/commands/agreement-text.js';
import { host, Uri } from './vscode-stand-in.js';

vi.mock('vscode', () => import('./vscode-stand-in.js'));

const { pickDataOverride } = await import('../src/commands/evaluate-with-other-data.js');

const TWO = `dataset shared "A register both name" from "data/shared.csv" { at timestamp }

agreement Alpha "Alpha" {
    dataset incidents "Alpha incidents" from "data/alpha.csv" { started timestamp }
    kpi Count "Incidents" = count(incidents)
}

agreement Beta "Beta" {
    dataset betaIncidents "Beta incidents" from "data/beta.csv" { started timestamp }
    kpi Count "Incidents" = count(betaIncidents) + count(shared)
}
`;

const noResults = { get: () => undefined } as never;

interface Item { label: string; description?: string; choice: { agreement: string } }

describe('Evaluate with Other Data…', () => {
    beforeEach(() => host.reset());

    it('knows which agreement reads which dataset: its own, and the file\'s shared ones it names', () => {
        expect(agreementDatasetsIn(TWO).map(({ agreement, datasets }) => [agreement.name, datasets])).toEqual([
            ['Alpha', ['incidents']],
            ['Beta', ['betaIncidents', 'shared']]
        ]);
    });

    it('evaluates the agreement whose dataset was picked', async () => {
        const uri = host.open('/work/two.sla', TWO);
        let offered: Item[] = [];
        host.pick = (items) => {
            offered = items as Item[];
            return offered.find((item) => item.label === 'betaIncidents');
        };
        host.openFiles = [Uri.file('/work/exports/beta-q2.csv')];
        expect(await pickDataOverride(uri, noResults)).toEqual({ agreement: 'Beta', overrides: { betaIncidents: '/work/exports/beta-q2.csv' } });
        expect(offered.map((item) => [item.label, item.description])).toEqual([['incidents', 'Alpha'], ['betaIncidents', 'Beta'], ['shared', 'Beta']]);
    });

    it('offers a dataset two agreements both declare once per agreement', async () => {
        const uri = host.open('/work/two.sla', TWO.replace(/betaIncidents/g, 'incidents'));
        host.pick = (items) => (items as Item[])[1];
        host.openFiles = [Uri.file('/work/exports/beta-q2.csv')];
        expect(await pickDataOverride(uri, noResults)).toEqual({ agreement: 'Beta', overrides: { incidents: '/work/exports/beta-q2.csv' } });
    });

    it('a file of one agreement with one dataset asks no question and names that agreement (unaffected)', async () => {
        const uri = host.open('/work/one.sla', `agreement Solo "Solo" {\n    dataset incidents "I" from "data/i.csv" { at timestamp }\n}\n`);
        host.pick = () => { throw new Error('no quick pick expected'); };
        host.openFiles = [Uri.file('/work/exports/i.csv')];
        expect(await pickDataOverride(uri, noResults)).toEqual({ agreement: 'Solo', overrides: { incidents: '/work/exports/i.csv' } });
    });
});
