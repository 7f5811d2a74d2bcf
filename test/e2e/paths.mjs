// Where the e2e scripts find the repository, the installed tools and their output.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(REPO_ROOT, 'packages/vscode');
export const FIXTURE_WORKSPACE = join(REPO_ROOT, 'test/e2e/fixtures/workspace');
export const TEST_OUTPUT_DIR = join(REPO_ROOT, 'test-output');
export const INSTALL_SCRIPT = join(REPO_ROOT, 'scripts/e2e/install-code-server.sh');

export const CODE_SERVER_VERSION = '4.100.3';
/** Outside the git tree, kept between runs (scripts/e2e/install-code-server.sh fills it). */
export const TOOLS_DIR = process.env.SLA_TOOLS_DIR ?? join(homedir(), '.cache/sla-e2e');
export const CODE_SERVER_ENTRY = join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/code-server/out/node/entry.js');
/** code-server's native modules are built for the system Node 20, not the repo's Node 24. */
export const SYSTEM_NODE = process.env.SLA_SYSTEM_NODE ?? '/usr/bin/node';
export const CHROMIUM = process.env.SLA_CHROMIUM ?? '/usr/bin/chromium';

/** Throws a message that says how to install what is missing. */
export function assertToolsInstalled() {
    const missing = [CODE_SERVER_ENTRY, SYSTEM_NODE, CHROMIUM].filter((path) => !existsSync(path));
    if (missing.length > 0) {
        throw new Error(`missing ${missing.join(', ')}: run bash scripts/e2e/install-code-server.sh`);
    }
}
