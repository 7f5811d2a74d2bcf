import type { Module, ValidationChecks } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { SlaAstType } from '../generated/ast.js';
import type { SlaServices } from '../sla-module.js';
import { agreementChecks } from './agreement.js';
import { AgreementIndex } from './agreement-index.js';
import { businessDayChecks } from './business-days.js';
import { calendarChecks } from './calendars.js';
import { clauseChecks } from './clauses.js';
import { clientScopeChecks } from './client-scopes.js';
import { templateChecks } from './templates.js';
import { revalidateTemplatesOfChangedClients, templatePortfolioChecks } from './template-portfolio.js';
import { creditChecks } from './credits.js';
import { creditsCapChecks } from './credits-caps.js';
import { creditAllocationChecks } from './credit-allocations.js';
import { feeChecks } from './fees.js';
import { scopeChecks } from './scopes.js';
import { creditFormulaChecks } from './credit-formulas.js';
import { dataEndChecks } from './data-end.js';
import { datasetChecks } from './datasets.js';
import { csvDialectChecks } from './csv-dialect.js';
import { timestampFormatChecks } from './timestamp-formats.js';
import { duplicateChecks } from './duplicates.js';
import { registerFallbackSyntaxChecks } from './fallback-syntax.js';
import { textEncodingChecks } from './text-encoding.js';
import { fieldRangeChecks } from './field-ranges.js';
import { formulaChecks } from './formulas.js';
import { eachObjectiveChecks } from './each-objectives.js';
import { pauseChecks } from './pauses.js';
import { scoreChecks } from './scores.js';
import { importChecks } from './imports.js';
import { kpiCycleChecks } from './kpi-cycles.js';
import { kpiReferenceChecks } from './kpi-references.js';
import { maintenanceChecks } from './maintenance.js';
import { terminationChecks } from './terminations.js';
import { maintenanceRuleChecks } from './maintenance-rules.js';
import { oneOffSlotChecks } from './one-off-slots.js';
import { holidayChecks } from './holiday-sets.js';
import { minimumSampleChecks } from './minimum-sample.js';
import { misplacedMemberChecks } from './misplaced-members.js';
import { objectiveChecks } from './objectives.js';
import { objectiveScheduleChecks } from './objective-schedule.js';
import { serviceLevelDefaultChecks } from './service-level-defaults.js';
import { continuousImprovementChecks } from './continuous-improvement.js';
import { planChecks } from './plans.js';
import { rowKeyChecks } from './row-keys.js';
import { exclusionChecks } from './exclusions.js';
import { ReusingDocumentValidator } from './reusing-document-validator.js';
import { SlaValidationRegistry } from './sla-validation-registry.js';
import { timezoneChecks } from './timezones.js';
import { timesliceChecks } from './timeslices.js';
import { uptimeOptionChecks } from './uptime-options.js';
import { maintenanceCountingChecks } from './maintenance-counting.js';
import { VagueTerms } from './vague-terms.js';
import { watchProjectConfig } from './project-config-setting.js';
import { watchConnectionSetting } from './connection-setting.js';
import { DataAccess, allowedFoldersSetting, changeWorkspaceFolders, configureFromInitialize } from '../workspace/data-access.js';
import { documentsLeavingWithFolders, onWorkspaceFoldersChange } from '../workspace/workspace-folder-changes.js';
import { URI } from 'langium';
import { windowChecks } from './windows.js';

/** Services the validation adds: the vague-term list in effect. */
export interface SlaValidationServices {
    validation: {
        VagueTerms: VagueTerms;
        DataAccess: DataAccess;
    };
}

/**
 * Validation services of the SLA language. The checks themselves live in files split by
 * concern (windows, units, credits, …) and are registered in `registerValidationChecks`.
 */
export const SlaValidationModule: Module<SlaServices, PartialLangiumServices & SlaValidationServices> = {
    validation: {
        DocumentValidator: (services) => new ReusingDocumentValidator(services),
        ValidationRegistry: (services) => new SlaValidationRegistry(services),
        VagueTerms: () => new VagueTerms(),
        DataAccess: () => new DataAccess()
    }
};

/** The vague-term list of these services (extend it for the CLI; the editor sets it from `sla.vagueTerms`). */
export function vagueTermsOf(services: SlaServices): VagueTerms {
    return (services as SlaServices & SlaValidationServices).validation.VagueTerms;
}

/** Which data and import files these services may read (the CLI sets its folders; the server reads them from the client). */
export function dataAccessOf(services: SlaServices): DataAccess {
    return (services as SlaServices & SlaValidationServices).validation.DataAccess;
}

/** Registers every check of docs/language-reference.md § 16 (Diagnostics) with Langium's validation registry. */
export function registerValidationChecks(services: SlaServices): void {
    const registry = services.validation.ValidationRegistry;
    const agreementIndex = new AgreementIndex(services.shared);
    const all: Array<ValidationChecks<SlaAstType>> = [
        windowChecks(),
        timezoneChecks(),
        objectiveChecks(services, agreementIndex),
        objectiveScheduleChecks(),
        serviceLevelDefaultChecks(),
        continuousImprovementChecks(services),
        planChecks(),
        exclusionChecks(services),
        formulaChecks(services, agreementIndex),
        businessDayChecks(),
        minimumSampleChecks(),
        timesliceChecks(services),
        uptimeOptionChecks(),
        maintenanceCountingChecks(),
        fieldRangeChecks(),
        misplacedMemberChecks(),
        creditChecks(services),
        creditsCapChecks(),
        creditAllocationChecks(),
        feeChecks(services),
        scopeChecks(),
        creditFormulaChecks(services),
        calendarChecks(),
        maintenanceChecks(services),
        terminationChecks(),
        maintenanceRuleChecks(),
        oneOffSlotChecks(),
        holidayChecks(),
        agreementChecks(),
        duplicateChecks(),
        kpiReferenceChecks(agreementIndex),
        kpiCycleChecks(),
        clauseChecks(vagueTermsOf(services), agreementIndex),
        datasetChecks(services),
        rowKeyChecks(),
        csvDialectChecks(),
        timestampFormatChecks(),
        textEncodingChecks(),
        dataEndChecks(),
        importChecks(services),
        eachObjectiveChecks(services),
        pauseChecks(services),
        scoreChecks(services),
        clientScopeChecks(),
        templateChecks(services),
        templatePortfolioChecks(services)
    ];
    for (const checks of all) registry.register(checks);
    registerFallbackSyntaxChecks(services);
    watchVagueTermSetting(services);
    watchDataAccess(services);
    watchProjectConfig(services, vagueTermsOf(services), dataAccessOf(services));
    revalidateTemplatesOfChangedClients(services);
    watchConnectionSetting(services, dataAccessOf(services));
}

/**
 * In the server: Workspace Trust and the workspace folders come with `initialize`
 * (initializationOptions.workspaceTrusted, sent by the VS Code extension); the setting
 * `sla.data.allowedFolders` adds folders and re-validates the workspace when it changes.
 */
function watchDataAccess(services: SlaServices): void {
    const shared = services.shared;
    const access = dataAccessOf(services);
    shared.lsp.LanguageServer.onInitialize(params => configureFromInitialize(access, params, uri => URI.parse(uri).fsPath));
    // A folder added to the workspace later: its .sla files join (as at start-up); a folder removed takes
    // its closed ones away (their diagnostics cleared); every document is checked against the folders now open.
    onWorkspaceFoldersChange(shared, async event => {
        changeWorkspaceFolders(access, event, uri => URI.parse(uri).fsPath);
        const leaving = documentsLeavingWithFolders(shared, event.removed, access.roots ?? []);
        if (leaving.length > 0) await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update([], leaving, token));
        await shared.workspace.WorkspaceLock.write(token => shared.workspace.WorkspaceManager.initializeWorkspace(event.added, token));
        const documents = shared.workspace.LangiumDocuments.all.filter(document => shared.ServiceRegistry.getServices(document.uri) === services).toArray();
        if (documents.length > 0) await shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
    });
    const configuration = shared.workspace.ConfigurationProvider;
    const languageId = services.LanguageMetaData.languageId;
    let current = '[]';
    const apply = (value: unknown): void => {
        const key = JSON.stringify(value ?? []);
        if (key === current) return;
        current = key;
        allowedFoldersSetting(access, (value as { allowedFolders?: unknown } | undefined)?.allowedFolders);
        const documents = shared.workspace.LangiumDocuments.all.filter(document => shared.ServiceRegistry.getServices(document.uri) === services).toArray();
        if (documents.length === 0) return;
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token)).catch(() => undefined);
    };
    void configuration.ready.then(() => configuration.getConfiguration(languageId, 'data')).then(apply, () => undefined);
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === languageId && typeof update.configuration === 'object' && update.configuration !== null) {
            apply((update.configuration as Record<string, unknown>).data);
        }
    });
}

/**
 * In the editor, `sla.vagueTerms` (workspace/configuration) extends the shipped list. A
 * change re-validates the open workspace, so the warnings follow the setting at once.
 */
function watchVagueTermSetting(services: SlaServices): void {
    const shared = services.shared;
    const configuration = shared.workspace.ConfigurationProvider;
    const vagueTerms = vagueTermsOf(services);
    const languageId = services.LanguageMetaData.languageId;
    let current = '[]';
    const apply = (value: unknown): void => {
        const terms = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
        const key = JSON.stringify(terms);
        if (key === current) return;
        current = key;
        vagueTerms.setUserTerms(terms);
        const documents = shared.workspace.LangiumDocuments.all
            .filter(document => shared.ServiceRegistry.getServices(document.uri) === services)
            .toArray();
        if (documents.length === 0) return;
        void shared.workspace.WorkspaceLock.write(token =>
            shared.workspace.DocumentBuilder.build(documents, { validation: true }, token)).catch(() => undefined);
    };
    // `ready` resolves only in a language server; the CLI and tests never wait on it.
    void configuration.ready.then(() => configuration.getConfiguration(languageId, 'vagueTerms')).then(apply, () => undefined);
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === languageId && typeof update.configuration === 'object' && update.configuration !== null) {
            apply((update.configuration as Record<string, unknown>).vagueTerms);
        }
    });
}
