import { type LangiumDocument, type ValidationOptions } from 'langium';
import { SyntaxAwareDocumentValidator } from '../parser/sla-document-validator.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SlaServices } from '../sla-module.js';
import { editDistance } from '../types/units.js';
import { qualifiedCode } from './diagnostic-codes.js';
import type { SlaDiagnosticData } from './quick-fix.js';

const KIND_NAMES: Record<string, string> = {
    Kpi: 'KPI', Calendar: 'calendar', Maintenance: 'maintenance', Field: 'field', Dataset: 'dataset',
    NamedElement: 'KPI, dataset or field'
};

/**
 * Langium's validator, with linking errors turned into `sla/unresolved-reference`
 * diagnostics that say what kind of thing was expected and which names are close.
 */
export class SlaDocumentValidator extends SyntaxAwareDocumentValidator {
    private readonly slaServices: SlaServices;

    constructor(services: SlaServices) {
        super(services);
        this.slaServices = services;
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error;
            if (!error) continue;
            const info = error.info;
            const text = reference.$refText;
            let kind = 'name';
            let nearest: string[] = [];
            try {
                const type = this.slaServices.shared.AstReflection.getReferenceType(info);
                kind = KIND_NAMES[type] ?? type;
                const names = this.slaServices.references.ScopeProvider.getScope(info).getAllElements().map(d => d.name).toArray();
                nearest = nearestNames(text, names);
            } catch {
                // a half-written document: no suggestions
            }
            const where = kind === 'field' || kind === 'KPI, dataset or field'
                ? ' Fields are written bare inside an aggregate over their dataset, or as dataset.field.' : '';
            const suggestion = nearest.length > 0 ? ` Did you mean ${nearest.map(n => `'${n}'`).join(' or ')}?` : '';
            const message = `Unknown ${kind} '${text}': nothing of that name is declared here or in an imported file.${suggestion}${where}`;
            const data: SlaDiagnosticData = {
                code: qualifiedCode('unresolved-reference'),
                fixes: reference.$refNode ? nearest.map((name, i) => ({
                    title: `Write '${name}'`,
                    edits: [{ range: reference.$refNode!.range, newText: name }],
                    ...(i === 0 ? { preferred: true } : {})
                })) : []
            };
            diagnostics.push(this.toDiagnostic('error', message, {
                node: info.container, range: reference.$refNode?.range, property: info.property, index: info.index,
                code: qualifiedCode('unresolved-reference'), data
            } as never));
        }
    }
}

function nearestNames(text: string, names: string[], max = 3): string[] {
    const wanted = text.toLowerCase();
    return [...new Set(names)]
        .map(name => ({ name, distance: editDistance(wanted, name.toLowerCase()) }))
        .filter(entry => entry.distance <= Math.max(2, Math.floor(text.length / 3)))
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
        .slice(0, max)
        .map(entry => entry.name);
}
