/**
 * Rename that understands qualified names: renaming the KPI `Availability` turns
 * `WebShop.Availability` into `WebShop.Uptime` (not `Uptime`), renaming the dataset `requests`
 * turns `requests.latency` into `log.latency`, renaming a service rewrites the `Service.`
 * prefix of references to its KPIs (SlaReferences lists those prefixes as references of the
 * dataset or service, so find references shows the same places). References in other files
 * (imports) are included. With the cursor on `requests` in `requests.latency`, the dataset is renamed.
 * Declarations tied by name are renamed together (replacement-family.ts): a template's or a
 * catalogue's declaration and the clients' declarations that replace it, from whichever of them
 * the rename starts — renamed alone, a client's `calendar OfficeHours` would no longer replace the
 * catalogue's, and the client would be measured with the catalogue's calendar without a word.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument, type LangiumDocuments, type References } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { ResponseError, TextEdit, type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isCreditInput, isParameter } from '../generated/ast.js';
import { replacementFamily } from './replacement-family.js';

const NAME = /^[_a-zA-Z][\w]*$/;

interface Occurrence {
    uri: string;
    /** The reference or declaration text and where it starts. */
    document: LangiumDocument;
    offset: number;
    text: string;
}

export class SlaRenameProvider extends DefaultRenameProvider {
    private readonly slaReferences: References;
    private readonly documents: LangiumDocuments;

    /** The language's words: a parameter named like one would be read as the word (sla/parameter-name-keyword). */
    private readonly keywords: ReadonlySet<string>;

    constructor(services: LangiumServices) {
        super(services);
        this.slaReferences = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value));
    }

    /** `fee`, `downtime`, `window` in a credit formula: not renamable (the client says so). */
    override async prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Promise<Range | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root ? CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp) : undefined;
        if (leaf && isCreditInput(this.slaReferences.findDeclarations(leaf)[0])) return undefined;
        return super.prepareRename(document, params);
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        if (!NAME.test(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid name: use letters, digits and _, starting with a letter or _.`);
        }
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const target = this.slaReferences.findDeclarations(leaf)[0];
        if (!target) return undefined;
        // `fee`, `downtime`, `window` in a credit formula are the language's names, not declarations: nothing to rename.
        if (isCreditInput(target)) return undefined;
        if (isParameter(target) && this.keywords.has(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is a word of the language: \`>= ${params.newName}\` would be read as that word, not as the parameter. Choose another name.`);
        }
        const oldName = (target as AstNode & { name?: string }).name;
        if (!oldName) return undefined;

        const changes: Record<string, TextEdit[]> = {};
        const seen = new Set<string>();
        // A reference to the target itself names it in its last segment (`Web.Latency`, `requests.status`);
        // the references of a dataset (service) include the first segment of `dataset.field` (`Service.Kpi`) on their own.
        for (const occurrence of this.occurrences(target)) {
            const parts = occurrence.text.split('.');
            const segment = parts.length - 1;
            if (parts[segment] !== oldName) continue;
            const start = occurrence.offset + parts.slice(0, segment).reduce((sum, part) => sum + part.length + 1, 0);
            if (seen.has(`${occurrence.uri}#${start}`)) continue;
            seen.add(`${occurrence.uri}#${start}`);
            const range = { start: occurrence.document.textDocument.positionAt(start), end: occurrence.document.textDocument.positionAt(start + oldName.length) };
            (changes[occurrence.uri] ??= []).push(TextEdit.replace(range, params.newName));
        }
        return { changes };
    }

    private *occurrences(target: AstNode): Generator<Occurrence> {
        const references = replacementFamily(target, this.documents).flatMap(member => this.slaReferences.findReferences(member, { includeDeclaration: true }).toArray());
        for (const reference of references) {
            const document = this.documents.getDocument(reference.sourceUri);
            if (!document) continue;
            const offset = document.textDocument.offsetAt(reference.segment.range.start);
            const text = document.textDocument.getText(reference.segment.range);
            yield { uri: reference.sourceUri.toString(), document, offset, text };
        }
    }
}
