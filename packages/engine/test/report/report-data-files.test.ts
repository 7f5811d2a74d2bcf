import { describe, expect, it } from 'vitest';
import { reportDataFiles } from '../../src/report/report-data-files.js';
import type { Report } from '../../src/report/report-types.js';

describe('reportDataFiles', () => {
    it('lists the datasets, the pause lists and the change logs a report read, each once', () => {
        // Only the fields it reads are meaningful here.
        const report = {
            datasets: [{ path: '/data/incidents.csv' }, { path: '/data/tickets.csv' }],
            pauses: [{ path: '/data/pauses.csv' }],
            listedMaintenance: [{ path: '/data/changes.csv' }, { path: '/data/incidents.csv' }]
        } as unknown as Report;
        expect(reportDataFiles(report)).toEqual(['/data/incidents.csv', '/data/tickets.csv', '/data/pauses.csv', '/data/changes.csv']);
    });

    it('a report without pauses or listed maintenance: its datasets', () => {
        expect(reportDataFiles({ datasets: [{ path: '/data/requests.csv' }] } as unknown as Report)).toEqual(['/data/requests.csv']);
    });
});
