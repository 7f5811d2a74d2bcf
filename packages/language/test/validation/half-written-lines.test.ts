import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { fieldMarkdown } from '../../src/explain/dataset-text.js';
import { isField, isObjective } from '../../src/generated/ast.js';
import { createSlaServices } from '../../src/sla-module.js';
import { validate } from '../code-actions/fix-harness.js';
import { readCorpusText } from './corpus-expectations.js';

/**
 * A line half-written (a name, number or date not typed yet): the parser says what is missing,
 * and no check speaks of the missing word as 'undefined' or NaN. Each case beside the complete
 * line, whose diagnostic is kept.
 */
const SYNTAX = 'sla/syntax-error';
const messages = (diagnostics: Diagnostic[], code?: string) => diagnostics.filter(d => code === undefined || d.code === code).map(d => String(d.message));
const codes = (diagnostics: Diagnostic[]) => [...new Set(diagnostics.map(d => String(d.code)))].sort();

const agreement = (body: string) => `agreement A "A" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
${body}
}
`;

const template = (withLine: string) => `template Hosting "Hosting" {
    parameter availability percentage default 99.9 %
    provider P "Provider GmbH"
    service Web "Web" {
        kpi Availability "Share of the month up" = uptime(incidents, from started to resolved)
        objective Availability >= availability per calendar month
        credit for Availability per calendar month, capped at 30 % of fee {
            below availability: 10 % of fee
        }
    }
}
dataset incidents "Incidents" from "data/client-incidents.csv" {
    client text
    service text
    severity one of "outage", "degraded", "minor"
    started timestamp
    resolved timestamp optional
}
agreement Client "Client" from Hosting {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    ${withLine}
}
`;

describe('half-written lines', () => {
    test("a client's argument without its value: the syntax error only, not \"'' has no unit … 'NaN%'\" at the argument (twice)", async () => {
        const { diagnostics } = await validate(template('with availability = '));
        expect(codes(diagnostics)).toEqual([SYNTAX]);
        // Complete but without a unit: the argument's type is reported, once.
        const bare = await validate(template('with availability = 99.95'));
        expect(messages(bare.diagnostics, 'sla/template-argument-type')).toEqual(["99.95 is not a percentage: 'availability' is percentage: write a percentage such as 99.9 %."]);
        const complete = await validate(template('with availability = 99.95 %'));
        expect(codes(complete.diagnostics).filter(code => code !== 'sla/kpi-no-owner')).toEqual([]);
    });

    test("'complete to' without its date: the syntax error, not \"'undefined' is not a date\"", async () => {
        const dataset = (clauses: string) => agreement(`    dataset incidents "Incidents" from "data/client-incidents.csv" {
        client text
        started timestamp
${clauses}
    }`);
        const { diagnostics } = await validate(dataset('        complete to'));
        expect(codes(diagnostics)).toEqual([SYNTAX]);
        const twice = await validate(dataset('        complete to 2026-02-28\n        complete to 2026-03-31'));
        expect(messages(twice.diagnostics, 'sla/data-end-range')).toEqual(["The dataset 'incidents' already says how far its data are complete (complete to 2026-02-28). Keep one 'complete to' date."]);
        const outside = await validate(dataset('        complete to 2027-03-31'));
        expect(messages(outside.diagnostics, 'sla/data-end-range')).toHaveLength(1);
    });

    test('a range without its high end: no checks against a bound not written (\'1 to undefined\'), no range in the hover', async () => {
        const survey = (range: string) => agreement(`    dataset survey "Survey" from "data/desk-survey.csv" {
        answered timestamp
        score integer ${range}
    }
    service Desk "Desk" {
        kpi Satisfaction "Mean score" = avg(survey.score)
        objective Satisfaction >= 7 per calendar month
    }`);
        const { diagnostics } = await validate(survey('1 to'));
        expect(codes(diagnostics)).not.toContain('sla/target-out-of-range');
        expect(codes(diagnostics)).not.toContain('sla/range-invalid');
        expect(codes(diagnostics)).toContain(SYNTAX);
        // Nor does the field's hover give it a range ('Range: 1 to undefined').
        const scoreField = (document: Awaited<ReturnType<typeof validate>>['document']) => AstUtils.streamAst(document.parseResult.value).filter(isField).find(field => field.name === 'score')!;
        expect(fieldMarkdown(scoreField((await validate(survey('1 to'))).document))).not.toMatch(/Range|undefined/);
        const complete = await validate(survey('1 to 5'));
        expect(fieldMarkdown(scoreField(complete.document))).toContain('- Range: 1 to 5, both included');
        expect(messages(complete.diagnostics, 'sla/target-out-of-range')).toEqual([
            "'7' is outside the range of 'score' (1 to 5): the avg of its values is never >= 7, so the objective is never met. Write a target between 1 and 5."
        ]);
    });

    test('a service without its name yet: its misplaced time zone is in "this service", not "the service \'undefined\'"', async () => {
        const service = (name: string) => agreement(`    service ${name} "Web shop" {
        timezone "UTC"
    }`);
        const { diagnostics } = await validate(service(''));
        expect(messages(diagnostics, 'sla/member-misplaced')).toEqual([
            "The time zone belongs to the agreement, not to a service: this service cannot have its own. The agreement already states 'timezone \"Europe/Berlin\"': remove 'timezone \"UTC\"' from the service, or change the agreement's if this one is meant."
        ]);
        const named = await validate(service('Web'));
        expect(messages(named.diagnostics, 'sla/member-misplaced')[0]).toContain("the service 'Web' cannot have its own");
    });

    test("a dataset without its name yet: what is said of it by name waits for the name; its fields are no 'undefined.field'", async () => {
        const text = (name: string) => agreement(`    dataset ${name} "Tickets" from "data/dialect-excel.csv" {
        separator ";"
        separator "|"
        id text
    }
    service Desk "Desk" {
        kpi Tickets "Tickets" = count(tickets)
        kpi Ids "Ids" = count(tikets.id)
        objective Tickets >= 1 per calendar month
        objective Ids >= 1 per calendar month
    }`);
        const { diagnostics } = await validate(text(''));
        expect(messages(diagnostics).filter(message => /undefined|NaN/.test(message))).toEqual([]);
        expect(messages(diagnostics, 'sla/duplicate-entry')).toEqual([]);
        const named = await validate(text('tickets'));
        expect(messages(named.diagnostics, 'sla/duplicate-entry')).toEqual(["The dataset 'tickets' states its separator twice: which one applies? Keep one."]);
        expect(messages(named.diagnostics, 'sla/unresolved-reference').join('\n')).toContain("Did you mean 'tickets.id'");
    });

    test('a calendar without its name yet: "this calendar has working hours", not "the calendar \'undefined\'"', async () => {
        const text = (name: string) => `agreement A "A" {
    provider P "Provider GmbH"
    customer C "Customer AG"
    valid from 2026-01-01 to 2026-12-31
    calendar ${name} "Office hours" {
        monday to friday 08:00 to 18:00
    }
}
`;
        const { diagnostics } = await validate(text(''));
        expect(messages(diagnostics, 'sla/timezone-missing')).toEqual([
            "The agreement has no time zone, but this calendar has working hours: when does a day or a month start? Add 'timezone \"Europe/Berlin\"' (or your zone) to the agreement."
        ]);
        const named = await validate(text('Office'));
        expect(messages(named.diagnostics, 'sla/timezone-missing')[0]).toContain("but the calendar 'Office' has working hours");
    });

    test('a KPI without its name yet: "this KPI does not count them", not "the KPI \'undefined\'"', async () => {
        const text = (name: string) => agreement(`    dataset open "Open tickets" from "data/desk-tickets.csv" {
        resolved timestamp optional
    }
    service Desk "Desk" {
        kpi ${name} "Resolved tickets" = count(open)
        objective Resolved >= 1 per calendar month
    }`);
        const { diagnostics } = await validate(text(''));
        expect(messages(diagnostics, 'sla/event-time-optional')).toEqual([
            "'resolved' is the event time of the dataset 'open' (its first timestamp field), but it is optional: rows without it lie in no window, so this KPI does not count them. Declare first a timestamp every row has, or make 'resolved' required."
        ]);
        const named = await validate(text('Resolved'));
        expect(messages(named.diagnostics, 'sla/event-time-optional')[0]).toContain("so the KPI 'Resolved' does not count them");
    });

    test("a service without its name yet gives its KPIs no qualified name ('undefined.Latency' names nothing)", async () => {
        const text = (name: string, reference: string) => agreement(`    dataset requests "Requests" from "data/client-incidents.csv" {
        started timestamp
    }
    service ${name} "Web shop" {
        kpi Latency "Requests" = count(requests)
    }
    service Api "API" {
        objective ${reference} >= 1 per calendar month
    }`);
        const target = async (name: string, reference: string) =>
            AstUtils.streamAst((await validate(text(name, reference))).document.parseResult.value).filter(isObjective).head()!.kpi?.ref?.name;
        expect(await target('Web', 'Web.Latency')).toBe('Latency');
        expect(await target('', 'undefined.Latency')).toBeUndefined();
    });

    test("a template default written without its number (`default ms`, no syntax error): the default is reported, not \"'ms' has no unit … 'NaN%'\" where it lands", async () => {
        const text = (latency: string) => template('with availability = 99.95 %')
            .replace('    parameter availability percentage default 99.9 %', `    parameter availability percentage default 99.9 %\n    parameter latency duration default ${latency}`)
            .replace('        objective Availability >= availability per calendar month', '        objective Availability >= availability per calendar month\n        objective Availability >= latency per calendar quarter');
        const { diagnostics } = await validate(text('ms'));
        expect(codes(diagnostics)).not.toContain(SYNTAX);
        expect(messages(diagnostics).filter(message => /undefined|NaN/.test(message))).toEqual([]);
        expect(messages(diagnostics, 'sla/template-argument-type')).toEqual(["The default does not fit: 'latency' is duration: write a duration such as 4 hours."]);
        // With its number, the duration against a percentage is the template's unit mismatch.
        const complete = await validate(text('300 ms'));
        expect(codes(complete.diagnostics)).toContain('sla/unit-mismatch');
        expect(messages(complete.diagnostics).filter(message => /undefined|NaN/.test(message))).toEqual([]);
    });

    test("a template's termination right without its name yet, at a client that sets its count: no crash (a deviation named nothing)", async () => {
        // templates.sla with 'Chronic' not typed yet: its clients give 'streak' other values (6, 2).
        const corpus = readCorpusText(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus', 'templates.sla'), 'utf8')).text;
        const written = 'termination Chronic "Three months in a row"';
        expect(corpus).toContain(written);
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const { diagnostics } = await validate(corpus.replace(written, 'termination "Three months in a row"'));
            expect(logged).not.toHaveBeenCalled();
            expect(messages(diagnostics).filter(message => message.startsWith('An error occurred'))).toEqual([]);
            expect(codes(diagnostics)).toContain(SYNTAX);
            // Named, the longer streak is a right harder to fire: loosened, at the client's argument.
            const named = await validate(corpus);
            expect(logged).not.toHaveBeenCalled();
            expect(messages(named.diagnostics, 'sla/template-loosened').filter(message => message.includes('termination Web.Chronic'))).toEqual([
                "This loosens the template's termination right (termination Web.Chronic: 6 consecutive windows instead of 3 consecutive windows (streak)). If that is the negotiated value, keep it: the portfolio report lists it as a deviation."
            ]);
        } finally {
            logged.mockRestore();
        }
    });

    test('a template parameter without its name yet is asked of no client', async () => {
        const text = (name: string) => `template T "T" {
    parameter ${name} count
    provider P "Provider GmbH"
}
agreement Client "Client" from T {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
}
`;
        const { diagnostics } = await validate(text(''));
        expect(messages(diagnostics, 'sla/template-argument-missing')).toEqual([]);
        const named = await validate(text('limit'));
        expect(messages(named.diagnostics, 'sla/template-argument-missing')).toEqual(["The template 'T' needs a value for 'limit' (count): add 'with limit = …'."]);
    });
});

/** Several documents built together (a catalogue and a client importing it), next to the corpus' data. */
async function validateFiles(files: Record<string, string>): Promise<Record<string, Diagnostic[]>> {
    const services = createSlaServices(NodeFileSystem).Sla;
    const workspace = services.shared.workspace;
    const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
    const documents = Object.entries(files).map(([name, text]) => {
        const document = workspace.LangiumDocumentFactory.fromString(text, URI.file(path.join(folder, name)));
        workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    try {
        await workspace.DocumentBuilder.build(documents, { validation: true });
        return Object.fromEntries(Object.keys(files).map((name, i) => [name, documents[i]!.diagnostics ?? []]));
    } finally {
        for (const document of documents) workspace.LangiumDocuments.deleteDocument(document.uri);
    }
}

describe('a client beside a half-written catalogue', () => {
    const catalogue = (parameter: string, target: string) => `dataset incidents "Incidents" from "data/client-incidents.csv" {
    client text
    service text
    severity one of "outage", "degraded", "minor"
    started timestamp
    resolved timestamp optional
}
template Hosting "Hosting" {
    parameter ${parameter} count
    provider P "Provider GmbH"
    service Web "Web" {
        kpi Availability "Share of the month up" = uptime(incidents, from started to resolved)
        objective Availability >= ${target} per calendar month
    }
}
`;
    const client = `import "~half-catalogue.sla"

agreement Client "Client" from Hosting {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    fee 1000 EUR per calendar month
    client scope client = "good"
    with limit = 3
}
`;
    const diagnosticsOf = async (parameter: string, target: string) =>
        (await validateFiles({ '~half-catalogue.sla': catalogue(parameter, target), '~half-client.sla': client }))['~half-client.sla']!;

    test("the client is asked for no parameter without a name ('needs a value for 'undefined''), and for one with a name", async () => {
        const complete = await diagnosticsOf('limit', '99.9 %');
        expect(messages(complete)).toEqual([]);
        const missing = await diagnosticsOf('claims', '99.9 %');
        expect(messages(missing, 'sla/template-argument-missing')).toEqual(["The template 'Hosting' needs a value for 'claims' (count): add 'with claims = …'."]);
        const nameless = await diagnosticsOf('', '99.9 %');
        expect(messages(nameless).filter(message => /undefined|NaN/.test(message))).toEqual([]);
        expect(messages(nameless, 'sla/template-argument-missing')).toEqual([]);
    });

    test("a client's calendar and the catalogue's, both without their names yet: no crash (the one does not replace the other)", async () => {
        const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            const calendars = (name: string) => `calendar ${name} "Office" {
    monday to friday 08:00 to 18:00
}
template Hosting "Hosting" {
    provider P "Provider GmbH"
}
`;
            const clientWith = (name: string) => `import "~half-catalogue.sla"

agreement Client "Client" from Hosting {
    customer C "Client"
    valid from 2026-01-01 to 2026-12-31
    timezone "Europe/Berlin"
    calendar ${name} "Mine" {
        monday to friday 09:00 to 17:00
    }
}
`;
            const nameless = await validateFiles({ '~half-catalogue.sla': calendars(''), '~half-client.sla': clientWith('') });
            expect(logged).not.toHaveBeenCalled();
            expect(messages(nameless['~half-client.sla']!).filter(message => message.startsWith('An error occurred'))).toEqual([]);
            // Named alike: validated as before (the replacement itself is tested with the templates).
            const named = await validateFiles({ '~half-catalogue.sla': calendars('Office'), '~half-client.sla': clientWith('Office') });
            expect(logged).not.toHaveBeenCalled();
            expect(messages(named['~half-client.sla']!).filter(message => message.startsWith('An error occurred'))).toEqual([]);
        } finally {
            logged.mockRestore();
        }
    });

    test("the template's target without its number: nothing at the client ('Write e.g. 'NaN%''); without a unit: at the template", async () => {
        const half = await diagnosticsOf('limit', '%');
        expect(messages(half)).toEqual([]);
        const bare = await validateFiles({ '~half-catalogue.sla': catalogue('limit', '99.9'), '~half-client.sla': client });
        expect(messages(bare['~half-catalogue.sla']!, 'sla/unit-missing')).toHaveLength(1);
        expect(messages(bare['~half-client.sla']!)).toEqual([]);
    });
});

describe('an agreement beside a catalogue with a dataset not yet named', () => {
    const catalogue = (name: string) => `dataset ${name} "Tickets" from "data/dialect-excel.csv" {
    separator ";"
    id text
}
`;
    const agreementText = (reference: string) => `import "~half-datasets.sla"

${agreement(`    service Desk "Desk" {
        kpi Ids "Ids" = count(${reference})
        objective Ids >= 1 per calendar month
    }`)}`;
    const unresolved = async (name: string, reference: string) =>
        messages((await validateFiles({ '~half-datasets.sla': catalogue(name), '~half-agreement.sla': agreementText(reference) }))['~half-agreement.sla']!, 'sla/unresolved-reference');

    test("its fields have no qualified name until it has one: not 'undefined.id', which a reference could even name", async () => {
        expect(await unresolved('tickets', 'tickets.id')).toEqual([]);
        expect((await unresolved('tickets', 'tikets.id')).join('\n')).toContain("Did you mean 'tickets.id'");
        expect(await unresolved('', 'undefined.id')).toHaveLength(1);
    });
});
