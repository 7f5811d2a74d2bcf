import { isFileOrUnder } from '../data-file-changes.js';

/**
 * Whether `sla.evaluatePortfolio` may evaluate `folder`: a workspace folder, a folder in one, or
 * one holding one. A folder removed from the workspace (or never in it) is not: the server does
 * not follow its files (an editor still open there is the only one it holds), and a portfolio
 * of what happens to be open is no portfolio. A client that named no folders is not checked.
 */
export function folderInWorkspace(folder: string, workspaceFolders: readonly string[] | undefined): boolean {
    if (workspaceFolders === undefined || workspaceFolders.length === 0) return true;
    return workspaceFolders.some(root => isFileOrUnder(folder, root) || isFileOrUnder(root, folder));
}
