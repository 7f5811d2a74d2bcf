import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SlaServices } from '../sla-module.js';
import { SlaCodeActionProvider } from './code-actions/sla-code-action-provider.js';
import { SlaCompletionProvider } from './sla-completion-provider.js';
import { SlaDocumentSymbolProvider } from './sla-document-symbols.js';
import { SlaFormatter } from './sla-formatter.js';
import { SlaHoverProvider } from './sla-hover-provider.js';
import { SlaInlayHintProvider } from './sla-inlay-hints.js';
import { SlaReferencesProvider } from './sla-references-provider.js';
import { SlaRenameProvider } from './sla-rename-provider.js';
import { SlaSemanticTokenProvider } from './sla-semantic-tokens.js';
import { SlaSignatureHelpProvider } from './sla-signature-help.js';

/** Language-server features of the SLA language, one feature per file in this folder. */
export const SlaLspModule: Module<SlaServices, PartialLangiumServices> = {
    lsp: {
        HoverProvider: (services) => new SlaHoverProvider(services),
        CompletionProvider: (services) => new SlaCompletionProvider(services),
        Formatter: () => new SlaFormatter(),
        RenameProvider: (services) => new SlaRenameProvider(services),
        ReferencesProvider: (services) => new SlaReferencesProvider(services),
        SemanticTokenProvider: (services) => new SlaSemanticTokenProvider(services),
        InlayHintProvider: (services) => new SlaInlayHintProvider(services),
        SignatureHelp: () => new SlaSignatureHelpProvider(),
        DocumentSymbolProvider: (services) => new SlaDocumentSymbolProvider(services),
        CodeActionProvider: () => new SlaCodeActionProvider()
    }
};
