import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createSlaServices } from './sla-module.js';

// The language server entry point. `vscode-languageserver/node` picks the transport from
// the command line (`--stdio`, `--node-ipc`, `--socket=`), so any LSP client can start it.
const connection = createConnection(ProposedFeatures.all);
const { shared } = createSlaServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
