import * as path from 'node:path';

// Which changes of files make the portfolio shown out of date: then it is evaluated again
// (register-portfolio-features.ts). Plain code (no `vscode`): the unit tests give it paths.

/** What happened to a file: saved in the editor, or made, changed or deleted on disk (a rename is a deletion and a making). */
export type FileChange = 'saved' | 'created' | 'changed' | 'deleted';

/** The files a portfolio was evaluated from. */
export interface PortfolioFiles {
    /** The folder evaluated. */
    folder: string;
    /** Its clients' files and the files it could not evaluate. */
    listed: readonly string[];
    /** The files those import, directly or not (imported-files.ts): a catalogue may lie outside the folder. */
    imported: ReadonlySet<string>;
}

/**
 * Whether `change` of `file` (an absolute path) makes the portfolio out of date: an .sla file
 * under its folder (a client saved, added, deleted, renamed or changed by a checkout) or one of
 * its files imports (the catalogue of its templates, wherever it lies); or the deletion of a
 * folder that held one of its files (a folder deleted or renamed is one event, not one per file).
 */
export function changeConcernsPortfolio(file: string, change: FileChange, portfolio: PortfolioFiles): boolean {
    const changed = path.resolve(file);
    if (changed.endsWith('.sla') && (isInside(changed, portfolio.folder) || portfolio.imported.has(changed))) return true;
    if (change !== 'deleted') return false;
    return [...portfolio.listed, ...portfolio.imported].some((held) => isInside(path.resolve(held), changed));
}

/** `file` lies in `folder` or below it (not merely a path that starts with the same letters). */
export function isInside(file: string, folder: string): boolean {
    const root = folder.endsWith(path.sep) ? folder : folder + path.sep;
    return file.startsWith(root);
}
