// `sla export openslo` then `sla import openslo` of services with and without a title: a service written
// without one comes back without one (its Service's description is the agreement's title, which
// `sla-language/service-untitled` says is no title of its own), and each service's body starts with its
// first member, with or without a KPI of its own. A Service without the annotation (written by hand)
// still has its description imported as the service's title.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { runSla, temporaryFolder } from '../run-cli.js';
import { modelOf, promises } from './agreement-promises.js';

const AGREEMENT = `agreement Hosting "Managed hosting" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    dataset incidents "Outages" from "incidents.csv" {
        service text
        started timestamp
        resolved timestamp optional
    }

    kpi Uptime = uptime(incidents, from started to resolved)

    service Mail {
        objective Uptime >= 99.9% per calendar month
    }

    service Web "Web shop" {
        kpi Down = uptime(incidents where service = "Web", from started to resolved)
        objective Down >= 99.5% per calendar month
    }
}
`;

/** The agreement above, exported into a folder beside it. */
function exported(label: string): { file: string; folder: string } {
    const dir = temporaryFolder(label);
    fs.writeFileSync(path.join(dir, 'incidents.csv'), 'service,started,resolved\nMail,2026-02-03T10:00:00Z,2026-02-03T12:00:00Z\n');
    const file = path.join(dir, 'hosting.sla');
    fs.writeFileSync(file, AGREEMENT);
    const folder = path.join(dir, 'openslo');
    const result = runSla(['export', 'openslo', file, '--out', folder]);
    expect(result.code, result.stderr).toBe(0);
    return { file, folder };
}

/** `folder` imported beside it: the file and its text. */
function imported(folder: string): { file: string; text: string } {
    const file = path.join(path.dirname(folder), 'imported.sla');
    const result = runSla(['import', 'openslo', folder, '--out', file]);
    expect(result.code, result.stderr).toBe(0);
    return { file, text: fs.readFileSync(file, 'utf8') };
}

/** Each `service …` line with the line after it. */
function serviceHeads(text: string): string[] {
    const lines = text.split('\n');
    return lines.flatMap((line, index) => (/^\s*service \w+.*\{$/.test(line) ? [`${line.trim()} | ${lines[index + 1]!.trim()}`] : []));
}

describe('OpenSLO round trip of service titles and service bodies', () => {
    test('a service without a title comes back without one, a titled one with its title; each body starts with its first member', async () => {
        const { file, folder } = exported('openslo-service-title');
        const service = YAML.parse(fs.readFileSync(path.join(folder, 'service-mail.yaml'), 'utf8'));
        expect(service.metadata.annotations['sla-language/service-untitled']).toBe('true');
        const web = YAML.parse(fs.readFileSync(path.join(folder, 'service-web.yaml'), 'utf8'));
        expect(web.metadata.annotations['sla-language/service-untitled']).toBeUndefined();
        expect(web.spec.description).toBe('Web shop');

        const back = imported(folder);
        expect(serviceHeads(back.text)).toEqual([
            'service Mail { | objective Uptime >= 99.9% per calendar month',
            'service Web "Web shop" { | kpi Down ='
        ]);
        expect(runSla(['validate', back.file]).stdout).toContain('No problems found');
        expect(promises(await modelOf(back.file))).toEqual(promises(await modelOf(file)));
    });

    test('a Service without the annotation (written by hand) has its description imported as the title', () => {
        const { folder } = exported('openslo-service-title-hand');
        const serviceFile = path.join(folder, 'service-mail.yaml');
        const service = YAML.parse(fs.readFileSync(serviceFile, 'utf8'));
        delete service.metadata.annotations['sla-language/service-untitled'];
        service.spec.description = 'Mail hosting';
        fs.writeFileSync(serviceFile, YAML.stringify(service));

        expect(serviceHeads(imported(folder).text)).toEqual([
            'service Mail "Mail hosting" { | objective Uptime >= 99.9% per calendar month',
            'service Web "Web shop" { | kpi Down ='
        ]);
    });
});
