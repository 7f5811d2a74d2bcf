import { afterEach, describe, expect, it } from 'vitest';
import { isDataset } from '../../src/generated/ast.js';
import { agreement, createTestServices, syntaxErrors } from '../test-services.js';

const { parse, clear } = createTestServices();
afterEach(clear);

describe('datasets', () => {
    it('parses path, format, zone, every field type, column mapping and optional fields', async () => {
        const document = await parse(agreement(`
            dataset tickets "Service desk tickets" from "data/tickets.ndjson" {
                format ndjson
                timezone "Europe/Berlin"
                opened    timestamp
                responded timestamp optional
                wait      duration s column "wait_seconds"
                cost      number in EUR
                reopened  integer
                sla_share percent
                summary   text column "title" optional
                vip       boolean
                priority  one of "P1", "P2", "P3", "P4"
            }`));
        expect(syntaxErrors(document)).toEqual([]);
        const dataset = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).find(isDataset)!;
        expect([dataset.name, dataset.description, dataset.path, dataset.formats, dataset.timezones[0].zone])
            .toEqual(['tickets', 'Service desk tickets', 'data/tickets.ndjson', ['ndjson'], 'Europe/Berlin']);
        expect(dataset.fields.map(f => [f.name, f.type.$type, f.column, f.optional])).toEqual([
            ['opened', 'TimestampType', undefined, false],
            ['responded', 'TimestampType', undefined, true],
            ['wait', 'DurationType', 'wait_seconds', false],
            ['cost', 'NumberType', undefined, false],
            ['reopened', 'IntegerType', undefined, false],
            ['sla_share', 'PercentType', undefined, false],
            ['summary', 'TextType', 'title', true],
            ['vip', 'BooleanType', undefined, false],
            ['priority', 'EnumType', undefined, false]
        ]);
        const wait = dataset.fields[2].type;
        expect(wait.$type === 'DurationType' && wait.unit).toBe('s');
        const priority = dataset.fields[8].type;
        expect(priority.$type === 'EnumType' && priority.values).toEqual(['P1', 'P2', 'P3', 'P4']);
    });

    it('accepts fields named like keywords (real data has columns called service, from, time)', async () => {
        const document = await parse(agreement(`
            dataset log "Access log" from "log.csv" {
                time timestamp
                service text
                from text
                to text
                per integer
                format text
                timezone text
                n integer column "count"
            }
            kpi Webshop = count(log where service = "webshop" and from = "eu" and n > 0)`));
        expect(syntaxErrors(document)).toEqual([]);
        const dataset = document.parseResult.value.elements.flatMap(e => 'members' in e ? e.members : []).find(isDataset)!;
        expect(dataset.fields.map(f => f.name)).toEqual(['time', 'service', 'from', 'to', 'per', 'format', 'timezone', 'n']);
        expect(dataset.formats).toEqual([]);
    });
});
