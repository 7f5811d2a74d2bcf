import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, NormalizedTextDocuments, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { SlaGeneratedModule, SlaGeneratedSharedModule } from './generated/module.js';
import { createSlaEvaluationModule, type SlaEvaluationServices } from './lsp/evaluation/sla-evaluation-module.js';
import { SlaExecuteCommandHandler } from './lsp/sla-execute-command-handler.js';
import { SlaLspModule } from './lsp/sla-lsp-module.js';
import { CoalescingDocumentUpdateHandler } from './internals/incremental/coalescing-update-handler.js';
import { SlaIndexManager, SlaLinker, SlaReferenceDescriptionProvider } from './internals/incremental/reference-index.js';
import { SlaDocumentBuilder } from './internals/incremental/sla-document-builder.js';
import { TextEditLog } from './internals/incremental/text-edit-log.js';
import { createSlaCompletionParser, createSlaLangiumParser } from './internals/parser/sla-langium-parser.js';
import { SlaAstNodeLocator } from './internals/workspace/sla-ast-node-locator.js';
import { SlaLexer } from './parser/sla-lexer.js';
import { SlaTokenBuilder } from './parser/field-unit-tokens.js';
import { SlaParserErrorMessageProvider } from './parser/sla-parser-error-messages.js';
import { SlaLexerErrorMessageProvider } from './parser/sla-lexer-error-messages.js';
import { SlaValueConverter } from './parser/sla-value-converter.js';
import { SlaAstNodeDescriptionProvider } from './scoping/sla-node-descriptions.js';
import { SlaScopeComputation } from './scoping/sla-scope-computation.js';
import { SlaReferences } from './scoping/sla-references.js';
import { SlaScopeProvider } from './scoping/sla-scope-provider.js';
import { SlaTypeComputer } from './types/type-computer.js';
import { dataAccessOf, registerValidationChecks, SlaValidationModule } from './validation/sla-validation-module.js';
import { followOutsideImports } from './workspace/outside-imports.js';
import { SlaServiceRegistry } from './workspace/sla-service-registry.js';

/** Services the SLA language adds to Langium's. */
export interface SlaAddedServices {
    types: {
        TypeComputer: SlaTypeComputer;
    };
}

export type SlaServices = LangiumServices & SlaAddedServices & SlaEvaluationServices;

export const SlaModule: Module<SlaServices, PartialLangiumServices & SlaAddedServices> = {
    parser: {
        // Formulas nested deeper than the parser's stack allows are cut short with an error
        // (NestingLimitLexer); unclosed strings and comments and oversized files are one error each.
        Lexer: (services) => new SlaLexer(services),
        // A word after `duration` on its line is the field's unit (parser/field-unit-tokens.ts).
        TokenBuilder: () => new SlaTokenBuilder(),
        LangiumParser: (services) => createSlaLangiumParser(services),
        CompletionParser: (services) => createSlaCompletionParser(services),
        ParserErrorMessageProvider: () => new SlaParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new SlaLexerErrorMessageProvider(),
        ValueConverter: () => new SlaValueConverter()
    },
    references: {
        ScopeProvider: (services) => new SlaScopeProvider(services),
        ScopeComputation: (services) => new SlaScopeComputation(services),
        Linker: (services) => new SlaLinker(services),
        References: (services) => new SlaReferences(services)
    },
    workspace: {
        ReferenceDescriptionProvider: (services) => new SlaReferenceDescriptionProvider(services),
        AstNodeDescriptionProvider: (services) => new SlaAstNodeDescriptionProvider(services),
        AstNodeLocator: () => new SlaAstNodeLocator()
    },
    types: {
        TypeComputer: (services) => new SlaTypeComputer(services)
    }
};

/** `evaluationWorker`: where the language server's evaluation worker is (main.ts); without it, evaluation runs on the calling thread. */
export function createSlaServices(context: DefaultSharedModuleContext & { evaluationWorker?: URL }): { shared: LangiumSharedServices; Sla: SlaServices } {
    // The editor's changes, by place: a burst of edits built at once re-parses only the blocks it touched.
    const editLog = new TextEditLog();
    const shared = inject(createDefaultSharedModule(context), SlaGeneratedSharedModule, {
        // One language: a document no lookup places (an untitled editor just closed) is SLA's.
        ServiceRegistry: (sharedServices: LangiumSharedServices) => new SlaServiceRegistry(sharedServices),
        lsp: {
            ExecuteCommandHandler: (sharedServices: LangiumSharedServices) => new SlaExecuteCommandHandler(sharedServices),
            // A burst of edits is built once, not change by change.
            DocumentUpdateHandler: (sharedServices: LangiumSharedServices) => new CoalescingDocumentUpdateHandler(sharedServices)
        },
        workspace: {
            TextDocuments: () => new NormalizedTextDocuments(editLog.configuration),
            // Edits inside one block of a large file re-parse and re-link only that block.
            DocumentBuilder: (sharedServices: LangiumSharedServices) => new SlaDocumentBuilder(sharedServices, editLog),
            IndexManager: (sharedServices: LangiumSharedServices) => new SlaIndexManager(sharedServices)
        }
    });
    const Sla = inject(
        createDefaultModule({ shared }),
        SlaGeneratedModule,
        SlaModule,
        SlaValidationModule,
        SlaLspModule,
        createSlaEvaluationModule(context.evaluationWorker)
    );
    shared.ServiceRegistry.register(Sla);
    registerValidationChecks(Sla);
    // The server loads allowed imports outside the workspace folders, which its workspace manager does not.
    followOutsideImports(shared, dataAccessOf(Sla));
    return { shared, Sla };
}
