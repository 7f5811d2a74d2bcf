import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runSla, temporaryFolder } from './run-cli.js';

/**
 * `sla evaluate CLIENT.sla` evaluates a client only when the catalogue its `from Template`
 * resolves into (an imported file) has no errors either: a client is never measured with a
 * broken template default in its place (docs/language-reference.md § 18.2). The catalogue's
 * errors are printed at their own file, as `sla evaluate catalogue.sla` prints them.
 *
 * The client: 5,000 EUR a month; one outage of 2 hours on 10 February 2026. February has
 * 28 × 24 = 672 hours: 670 / 672 = 99.702 % up, below the 99.9 % promised.
 */
const folders: string[] = [];
afterAll(() => { for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true }); });

function catalogue(parameters: string): string {
    return `dataset incidents "Incidents, all clients" from "incidents.csv" {
    client    text
    started   timestamp
    resolved  timestamp optional
}

template Hosting "Managed hosting" {
${parameters}

    provider Contoso "Contoso GmbH"

    service Hosting "Hosting" {
        kpi Availability "Share of the month up" = uptime(incidents, from started to resolved)
        objective Availability >= availability per calendar month
        credit for Availability per calendar month, capped at 50% of fee {
            below availability : tier1Credit of fee
        }
    }
}
`;
}

const GOOD_PARAMETERS = `    parameter availability percentage default 99.9%
    parameter tier1Credit percentage default 10%`;

const CLIENT = `import "catalogue.sla"

agreement Fabrikam "Hosting for Fabrikam" from Hosting {
    customer Fabrikam "Fabrikam AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "UTC"
    fee 5000 EUR per calendar month
    client scope client = "fabrikam"
}
`;

const INCIDENTS = 'client,started,resolved\nfabrikam,2026-02-10T10:00:00Z,2026-02-10T12:00:00Z\n';

function evaluateClient(parameters: string) {
    const folder = temporaryFolder('evaluate-template-errors');
    folders.push(folder);
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), catalogue(parameters));
    fs.writeFileSync(path.join(folder, 'fabrikam.sla'), CLIENT);
    fs.writeFileSync(path.join(folder, 'incidents.csv'), INCIDENTS);
    return runSla(['evaluate', 'fabrikam.sla', '--from', '2026-02-01', '--to', '2026-02-28'], { cwd: folder });
}

describe('sla evaluate: a client whose template has errors is not evaluated', () => {
    test('a default of the wrong type (400 EUR for a percentage) is refused with the catalogue\'s errors, not paid as a credit', () => {
        // Evaluated, it paid 400 % × 5,000 = 20,000 EUR, capped at 50 % × 5,000 = €2,500.00.
        const result = evaluateClient(GOOD_PARAMETERS.replace('default 10%', 'default 400 EUR'));
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe([
            "catalogue.sla:9:46: error: The default does not fit: 400 EUR is not a percentage: 'tier1Credit' is percentage: write a percentage such as 99.9 %. [sla/template-argument-type]",
            "catalogue.sla:17:34: error: 'tier1Credit of fee': a share of the fee is a percentage, not 'tier1Credit'. Write e.g. '10% of fee', or an amount without 'of fee' (e.g. '500 EUR'). [sla/unit-mismatch]",
            'sla evaluate: catalogue.sla, which fabrikam.sla imports, has 2 errors; fix them before evaluating (sla validate catalogue.sla). Nothing was evaluated.',
            ''
        ].join('\n'));
    });

    test('a parameter named like a word of the language, and a syntax error in the template, are refused too', () => {
        const keyword = evaluateClient(`${GOOD_PARAMETERS}\n    parameter target percentage default 99%`);
        expect(keyword.code).toBe(2);
        expect(keyword.stdout).toBe('');
        expect(keyword.stderr).toMatch(/^catalogue\.sla:10:15: error: 'target' is a word of the language.*\[sla\/parameter-name-keyword\]\n/);
        expect(keyword.stderr).toMatch(/sla evaluate: catalogue\.sla, which fabrikam\.sla imports, has 1 error; fix it before evaluating \(sla validate catalogue\.sla\)\. Nothing was evaluated\.\n$/);

        const syntax = evaluateClient(`${GOOD_PARAMETERS} )`);
        expect(syntax.code).toBe(2);
        expect(syntax.stdout).toBe('');
        expect(syntax.stderr).toMatch(/^catalogue\.sla:9:50: error: Unexpected '\)'.*\[sla\/syntax-error\]\n/);
    });

    test('the same client with a valid template is evaluated: 10 % × 5,000 = €500.00', () => {
        const result = evaluateClient(GOOD_PARAMETERS);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1); // a breached objective
        expect(result.stdout).toContain('Credits for Hosting · Availability per calendar month: total €500.00');
    });
});
