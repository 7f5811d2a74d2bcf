/**
 * A client's dataset named like the template's — declared in the template, or at the top of the
 * template's file — replaces it (language reference § 18.3): the template's KPIs read the
 * client's file and its fields of the same names. Before, the template's field references still
 * reached the template's dataset: evaluation failed with "Two different dataset declarations are
 * called 'requests'" (in the template), or silently read the shared file (at the top of the file).
 * A field the template reads that the replacing dataset lacks, or types otherwise, is
 * sla/template-dataset-field at the client's dataset.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementModelOf } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';

const FIELDS = `        client text
        time timestamp
        status integer`;

function catalogue(where: 'template' | 'file'): string {
    const dataset = `dataset requests "Requests, all clients" from "data/requests.csv" {\n${FIELDS}\n    }`;
    return `${where === 'file' ? `${dataset}\n\n` : ''}template Web "Web offering" {
    provider Contoso "Contoso Services"
    ${where === 'template' ? dataset : ''}
    service Web "Web" {
        kpi Success "Share of successful requests" = count(requests where status < 500) / count(requests)
        objective Success >= 99% per calendar month
    }
}
`;
}

function client(fields: string): string {
    return `import "catalogue.sla"

agreement Alpha "Alpha sends its own export" from Web {
    customer Alpha "Alpha Corp"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    client scope client = "alpha"
    dataset requests "Alpha's own export" from "data/alpha.csv" {
${fields}
    }
}
`;
}

async function load(where: 'template' | 'file', fields: string) {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-dataset-replacement-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), catalogue(where));
    fs.writeFileSync(path.join(folder, 'alpha.sla'), client(fields));
    fs.mkdirSync(path.join(folder, 'data'));
    for (const file of ['alpha.csv', 'requests.csv']) fs.writeFileSync(path.join(folder, 'data', file), 'client,time,status,region\n');
    const { documents, services } = await loadSlaFiles([path.join(folder, 'alpha.sla')]);
    const document = documents.find(candidate => candidate.uri.fsPath.endsWith('alpha.sla'))!;
    const problems = (document.diagnostics ?? []).map(d => `${d.range.start.line + 1}: ${String(d.code)} ${d.message}`);
    return { folder, document, services, problems };
}

describe('a client dataset in place of the template\'s', () => {
    it.each(['template', 'file'] as const)('declared in the %s: the model reads the client\'s file and fields', async (where) => {
        const { folder, document, services, problems } = await load(where, FIELDS);
        expect(problems).toEqual([]);
        const model = agreementModelOf(document, services);
        expect(Object.keys(model.datasets)).toEqual(['requests']);
        expect(model.datasets.requests!.path).toBe(path.join(folder, 'data', 'alpha.csv'));
    });

    it.each(['template', 'file'] as const)('declared in the %s: a field the template reads is missing', async (where) => {
        const { problems } = await load(where, `        client text\n        time timestamp`);
        expect(problems).toEqual([
            "8: sla/template-dataset-field The template 'Web' reads the field 'status' of 'requests', which this dataset replaces: declare it here ('status integer'), or the template's KPIs cannot be measured on this data."
        ]);
    });

    it('a field the template reads has another type', async () => {
        const { problems } = await load('template', `        client text\n        time timestamp\n        status text`);
        expect(problems).toEqual([
            "11: sla/template-dataset-field The template 'Web' reads 'status' as declared in its dataset 'requests' ('status integer'); here it is 'status text': declare it with the template's type."
        ]);
    });

    it('a field the template does not read may be left out, and more may be declared', async () => {
        // `client` is read by the client scope only; the template's KPIs read `status` (and count rows).
        const { problems } = await load('template', `        time timestamp\n        status integer\n        region text\n        client text`);
        expect(problems).toEqual([]);
    });
});
