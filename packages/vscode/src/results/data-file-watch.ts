import * as path from 'node:path';
import type { Report } from '@sla/engine';
import * as vscode from 'vscode';

/**
 * Calls `onChange` with the path of a data file a report read (a local file: a dataset over a
 * table has none) when it changes on disk, is made or deleted: the report's numbers are then
 * those of data that no longer exist. One watcher per file, on its folder (a file outside the
 * workspace too).
 */
export function watchDataFiles(report: Report, onChange: (file: string) => void): vscode.Disposable {
    const files = [...new Set(report.datasets.map((dataset) => dataset.path).filter((file) => path.isAbsolute(file)))];
    const watchers = files.map((file) => {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
        const changed = (): void => onChange(file);
        return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    });
    return vscode.Disposable.from(...watchers);
}
