import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { rereadClosedEditors } from './lsp/closed-editors.js';
import { keepOpenEditorsOnDiskChanges } from './lsp/open-editors-on-disk-changes.js';
import { recheckOnDataFileChanges } from './lsp/data-file-changes.js';
import { refreshHintsOfDependentFiles } from './lsp/dependent-hints-refresh.js';
import { registerPlaceRequestHandlers } from './lsp/place-request-handlers.js';
import { evaluationWorkerModule } from './lsp/evaluation/evaluation-worker-module.js';
import { missingServerNodeOptions } from './lsp/server-node-options.js';
import { exitWithReason, socketPort, watchedSocket, watchedStdio } from './lsp/stdio-transport.js';
import { createSlaServices } from './sla-module.js';
import { SlaNodeFileSystem } from './workspace/sla-node-file-system.js';

// The language server entry point. `vscode-languageserver/node` picks the transport from
// the command line (`--stdio`, `--node-ipc`, `--socket=`), so any LSP client can start it;
// `sla.evaluate` runs the engine on a worker thread (lsp/evaluation/model-evaluator.ts).
// stdio and sockets are set up here to exit on input that is not LSP (see stdio-transport.ts).
const port = socketPort(process.argv);
const watched = process.argv.includes('--stdio') ? watchedStdio(exitWithReason) : port !== undefined ? watchedSocket(port, exitWithReason) : undefined;
const connection = watched ? createConnection(ProposedFeatures.all, watched.reader, watched.writer) : createConnection(ProposedFeatures.all);
const { shared } = createSlaServices({ connection, ...SlaNodeFileSystem, evaluationWorker: evaluationWorkerModule() });
startLanguageServer(shared);
// Hovers and completions during a burst of edits: answered at once where the edits cannot change them.
registerPlaceRequestHandlers(connection, shared);
// A client agreement's hints show its template's defaults: a change of the template refreshes them.
refreshHintsOfDependentFiles(shared);
// A data file changed on disk (a new export, a header fixed): the agreements reading it are checked again.
recheckOnDataFileChanges(shared);
// An editor closed without saving: the file (and what reads it) is built from the disk's text again.
rereadClosedEditors(shared);
// While its editor is open, the disk does not count for a file (a checkout deleting it keeps the document).
keepOpenEditorsOnDiskChanges(shared);

shared.lsp.LanguageServer.onInitialized(() => {
    const missing = missingServerNodeOptions(process.execArgv, process.env.NODE_OPTIONS);
    if (missing.length > 0) {
        connection.console.info(`Started without ${missing.join(' ')}: large workspaces need up to about 100 MB more memory. `
            + `Start the server as: node ${missing.join(' ')} sla-language-server.cjs --stdio (see docs/editors.md).`);
    }
});
