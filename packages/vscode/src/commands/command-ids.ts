/** The extension's commands (package.json `contributes.commands`, category "SLA"). */
export const COMMANDS = {
    evaluate: 'sla.evaluateAgreement',
    evaluateWithOtherData: 'sla.evaluateWithOtherData',
    explain: 'sla.explainAgreement',
    // Not `sla.diff`: the server's command (see below).
    compareWithRevision: 'sla.compareWithRevision',
    showLastReport: 'sla.showLastReport',
    validateWorkspace: 'sla.validateWorkspace',
    restartServer: 'sla.restartServer',
    createStarter: 'sla.createStarterAgreement',
    showDataset: 'sla.showDataset',
    // Not `sla.evaluatePortfolio`: that is the server's command (see below).
    evaluatePortfolio: 'sla.evaluatePortfolioFolder',
    refreshPortfolio: 'sla.refreshPortfolio',
    openPortfolioClient: 'sla.openPortfolioClient',
    setConnectionPassword: 'sla.setConnectionPassword'
} as const;
// Not `sla.evaluate` / `sla.explain` / `sla.diff`: vscode-languageclient registers the server's
// executeCommand ids as VS Code commands under those names already.
