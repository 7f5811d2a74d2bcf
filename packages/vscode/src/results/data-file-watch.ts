import * as path from 'node:path';
import { reportDataFiles, type Report } from '@sla/engine';
import * as vscode from 'vscode';

/** The data files reports read (datasets, pause lists, change logs; local files: a dataset over a table has none), each once. */
export function dataFilesOf(reports: readonly Report[]): string[] {
    return [...new Set(reports.flatMap(reportDataFiles).filter((file) => path.isAbsolute(file)))];
}

/**
 * Calls `onChange` with the path of one of `files` (data files an evaluation read) when it
 * changes on disk, is made or deleted: the evaluation's numbers are then those of data that no
 * longer exist. One watcher per file, on its folder (a file outside the workspace too).
 */
export function watchDataFiles(files: readonly string[], onChange: (file: string) => void): vscode.Disposable {
    const watchers = files.map((file) => {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
        const changed = (): void => onChange(file);
        return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    });
    return vscode.Disposable.from(...watchers);
}

/** What is said where an evaluation's numbers are shown once data files it read (`changed`) changed on disk since; '' when none did. */
export function dataChangedNote(changed: readonly string[]): string {
    if (changed.length === 0) return '';
    return `The data changed since this evaluation (${changed.map((file) => vscode.workspace.asRelativePath(file)).join(', ')}): evaluate again.`;
}
