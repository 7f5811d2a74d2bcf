/**
 * Find references: Langium's, for the declaration and every declaration tied to it by name — a
 * template's (or catalogue's) declaration and the clients' declarations that replace it
 * (replacement-family.ts). From the catalogue's `calendar OfficeHours`, a client's own
 * `calendar OfficeHours` and what names it are listed too: renaming one without the other
 * changes what the client is measured with.
 */
import type { LangiumDocument, LangiumDocuments, LeafCstNode } from 'langium';
import { DefaultReferencesProvider, type LangiumServices } from 'langium/lsp';
import { Location, type ReferenceParams } from 'vscode-languageserver';
import { replacementFamily } from './replacement-family.js';

export class SlaReferencesProvider extends DefaultReferencesProvider {
    private readonly documents: LangiumDocuments;

    constructor(services: LangiumServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    protected override getReferences(selectedNode: LeafCstNode, params: ReferenceParams, _document: LangiumDocument): Location[] {
        const locations: Location[] = [];
        const seen = new Set<string>();
        for (const target of this.references.findDeclarations(selectedNode)) {
            for (const member of replacementFamily(target, this.documents)) {
                this.references.findReferences(member, { includeDeclaration: params.context.includeDeclaration }).forEach(reference => {
                    const key = `${reference.sourceUri.toString()}#${reference.segment.offset}`;
                    if (seen.has(key)) return;
                    seen.add(key);
                    locations.push(Location.create(reference.sourceUri.toString(), reference.segment.range));
                });
            }
        }
        return locations;
    }
}
