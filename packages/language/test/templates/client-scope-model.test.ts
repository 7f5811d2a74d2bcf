import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAgreement } from '../../src/generated/ast.js';
import { toAgreementModel } from '../../src/evaluation/agreement-model.js';
import { loadSlaFiles } from '../../src/node.js';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'validation', 'corpus', 'client-scope.sla');

describe('client scope in the engine model', async () => {
    const { documents, services } = await loadSlaFiles([corpus]);
    const agreements = documents[0].parseResult.value.elements.filter(isAgreement);
    const model = (name: string) => toAgreementModel(agreements.find(a => a.name === name)!, services.types.TypeComputer);

    it('restricts every dataset with the field to the client', () => {
        // Northwind reads incidents (has `client`) and requests (has not): only incidents is scoped.
        const northwind = model('Northwind');
        expect(northwind.datasets.incidents.clientScope).toEqual({ field: 'client', value: 'northwind' });
        expect(northwind.datasets.requests.clientScope).toBeUndefined();
        expect(model('Contoso').datasets.incidents.clientScope).toEqual({ field: 'client', value: 'contoso' });
    });
});
