import { AstUtils, DocumentState, type AstNode, type LangiumDocument, type Reference, type ReferenceDescription, type ReferenceInfo, type URI } from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { isDocument, isKpi } from '../../generated/ast.js';
import type { SlaScopeProvider } from '../../scoping/sla-scope-provider.js';
import type { SlaServices } from '../../sla-module.js';
import { acceptsDiagnosticReuse, bucketOf, type DiagnosticReuse } from '../../workspace/diagnostic-reuse.js';
import { resolveImportUri } from '../../workspace/imports.js';
import { PhaseDrivenDocumentBuilder, setTextDocument } from '../langium-private.js';
import { applyBlockReparse, namedNodes, reparseBlock } from './block-reparse.js';
import { changedRegion } from './changed-region.js';
import { referenceInfo, type SlaIndexManager, type SlaLinker, type SlaReferenceDescriptionProvider } from './reference-index.js';
import { bucketsOfReference, planReuse, type EditedReferences } from './validation-reuse.js';

/** The phases between parsing and validation, in Langium's order. */
const PHASES_BEFORE_VALIDATION = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences];

/**
 * Langium's document builder, with one shortcut for typing in a large file: an edit inside
 * one block (a service, calendar, maintenance, dataset or credit) re-parses that block
 * alone, re-links the references it touches, and re-checks only the blocks that can see
 * the change (validation-reuse.ts). Langium would re-parse, re-link and re-check the whole
 * file, about 300 ms at 5,000 lines. Anything the shortcut cannot prove safe takes
 * Langium's full path; the tests compare both paths on random edits.
 */
export class SlaDocumentBuilder extends PhaseDrivenDocumentBuilder {
    override async update(changed: URI[], deleted: URI[], cancelToken = CancellationToken.None): Promise<void> {
        if (deleted.length === 0 && changed.length === 1 && await this.updateWithinBlock(changed[0], cancelToken)) return;
        await super.update(changed, deleted, cancelToken);
    }

    /** True when the edit was applied by re-parsing one block; false leaves the document untouched. */
    private async updateWithinBlock(uri: URI, cancelToken: CancellationToken): Promise<boolean> {
        const document = this.langiumDocuments.getDocument(uri);
        const textDocument = this.openTextDocument(uri);
        if (!document || !textDocument || document.state < DocumentState.IndexedReferences) return false;
        const oldText = document.parseResult.value.$cstNode?.root.fullText;
        const newText = textDocument.getText();
        if (oldText === undefined || !this.othersAreBuilt(document)) return false;
        const region = changedRegion(oldText, newText);
        if (!region) {
            // The same text (the file opened in the editor, an undo back to it): what was built
            // still holds; the client hears its diagnostics again, as after any update.
            if (document.state !== DocumentState.Validated || !this.isBuildComplete(document)) return false;
            await this.announceValidatedAgain(document, cancelToken);
            return true;
        }
        if (this.isUsedElsewhere(document)) return false;
        const services = this.serviceRegistry.getServices(uri) as SlaServices;
        const reparse = reparseBlock(document, region, newText, services.parser.LangiumParser);
        if (!reparse) return false;

        // Caches (types, agreement facts) hold nodes of the old block: clear them first. Scope
        // tables keep their names and move to the new block's nodes (the names are the same).
        const oldNamed = namedNodes(reparse.oldNode);
        const newNamed = namedNodes(reparse.newNode);
        (services.references.ScopeProvider as SlaScopeProvider).carryOver(oldNamed.map((node, i) => [node, newNamed[i]]));
        await this.announceChange(uri);
        let reuse: DiagnosticReuse;
        try {
            // From here to the reference index nothing waits on I/O or timers (no cancellable step),
            // so no request sees a half-updated file.
            const linker = services.references.Linker as SlaLinker;
            const blockStart = reparse.oldNode.$cstNode!.offset;
            const blockEnd = reparse.oldNode.$cstNode!.end;
            const { kept: keptReferences, stale, referencedBefore } = sortReferences(document, reparse.oldNode, blockStart, blockEnd);
            const staleInfos = stale.map(referenceInfo).filter((info): info is ReferenceInfo => info !== undefined);
            // References inside the old block and those re-linked lose their index entries.
            const keptSet = new Set(keptReferences);
            const droppedRefNodes = new Set((document.references as Reference[]).filter(reference => !keptSet.has(reference)).map(reference => reference.$refNode));
            const editedRange = reparse.oldNode.$cstNode!.range;

            const shift = applyBlockReparse(reparse, newText);
            setTextDocument(document, textDocument);
            document.state = DocumentState.Parsed;
            await this.indexManager.updateContent(document, CancellationToken.None);
            document.state = DocumentState.IndexedContent;
            document.localSymbols = await services.references.ScopeComputation.collectLocalSymbols(document, CancellationToken.None);
            document.state = DocumentState.ComputedScopes;

            document.references = keptReferences;
            const linked: ReferenceInfo[] = [];
            for (const info of staleInfos) {
                linker.resetReference(info.reference as Reference);
                linker.linkReference(info, document);
                linked.push(info);
            }
            for (const node of AstUtils.streamAst(reparse.newNode)) {
                AstUtils.streamReferences(node).forEach(info => {
                    linker.linkReference(info, document);
                    linked.push(info);
                });
            }
            document.state = DocumentState.Linked;

            const describer = services.workspace.ReferenceDescriptionProvider as SlaReferenceDescriptionProvider;
            const added: ReferenceDescription[] = [];
            for (const info of linked) if (!info.reference.error) added.push(...describer.describe(info));
            (this.indexManager as SlaIndexManager).replaceBlockReferences(document, droppedRefNodes, added);
            document.state = DocumentState.IndexedReferences;
            reuse = planReuse(document, oldText, bucketOf(reparse.newNode) ?? reparse.newNode, referencedBefore, shift, editedRange);
        } catch (error) {
            // Not expected; should it happen, the full path rebuilds the file from its text.
            console.error('Incremental update failed; re-parsing the whole file:', error);
            document.parseResult = services.parser.LangiumParser.parse(newText);
            Object.assign(document.parseResult.value, { $document: document });
            this.resetToState(document, DocumentState.Changed);
            return false;
        }

        await this.announcePhases(document, PHASES_BEFORE_VALIDATION, cancelToken);
        const validator = services.validation.DocumentValidator;
        if (acceptsDiagnosticReuse(validator)) validator.planReuse(document, reuse);
        await this.validateAfterUpdate(document, cancelToken);
        return true;
    }

    /** The shortcut assumes every other document is fully built (no build was cut short). */
    private othersAreBuilt(document: LangiumDocument): boolean {
        return this.langiumDocuments.all.every(other => other === document
            || (other.state === DocumentState.Validated && this.isBuildComplete(other)));
    }

    /** Another file that imports or refers to this one may link or validate differently after the edit. */
    private isUsedElsewhere(document: LangiumDocument): boolean {
        const uri = document.uri.toString();
        const changed = new Set([uri]);
        return this.langiumDocuments.all.some(other => {
            if (other === document) return false;
            if (this.indexManager.isAffected(other, changed)) return true;
            const root = other.parseResult.value;
            return isDocument(root) && root.imports.some(imp => resolveImportUri(imp)?.toString() === uri);
        });
    }
}

/**
 * The file's references sorted out: those outside the block that stay as they are, those
 * outside that point into the block (to be linked again to the new nodes), and the
 * top-level declarations and KPIs the block's own references point to. Buckets (remembered per
 * reference) settle most references at once; offsets decide only within the block's bucket.
 */
function sortReferences(document: LangiumDocument, block: AstNode, blockStart: number, blockEnd: number): { kept: Reference[]; stale: Reference[]; referencedBefore: EditedReferences } {
    const blockBucket = bucketOf(block) ?? block;
    const kept: Reference[] = [];
    const stale: Reference[] = [];
    const referencedBefore: EditedReferences = { buckets: new Set(), kpis: new Set() };
    for (const reference of document.references as Reference[]) {
        const { source, target } = bucketsOfReference(reference);
        if (source === blockBucket) {
            const at = reference.$refNode?.offset ?? -1;
            if (at >= blockStart && at < blockEnd) {
                if (target) referencedBefore.buckets.add(target);
                if (isKpi(reference.ref)) referencedBefore.kpis.add(reference.ref);
                continue;
            }
        }
        if (target === blockBucket) {
            const targetCst = reference.ref?.$cstNode;
            if (targetCst && targetCst.offset >= blockStart && targetCst.end <= blockEnd) {
                stale.push(reference);
                continue;
            }
        }
        kept.push(reference);
    }
    return { kept, stale, referencedBefore };
}
