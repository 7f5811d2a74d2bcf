/**
 * A stand-in for the `vscode` module in unit tests (VS Code's own runs only in the
 * extension-host tests): the few classes and functions the evaluation commands use, and a
 * `host` the tests set up (documents, settings, the active editor, what dialogs answer) and
 * read (status bar items, messages). Use: `vi.mock('vscode', () => import('./vscode-stand-in.js'))`.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';

type Listener<T> = (value: T) => void;

export class Uri {
    private constructor(readonly scheme: string, readonly fsPath: string) {}
    static file(file: string): Uri {
        return new Uri('file', file);
    }
    static parse(value: string): Uri {
        return new Uri('file', value.replace(/^file:\/\//, ''));
    }
    toString(): string {
        return `file://${this.fsPath}`;
    }
}

export class Position {
    constructor(readonly line: number, readonly character: number) {}
}

export class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(start: Position | number, end: Position | number, endLine?: number, endCharacter?: number) {
        // As VS Code's: two positions, or start line, start character, end line, end character.
        this.start = typeof start === 'number' ? new Position(start, end as number) : start;
        this.end = typeof start === 'number' ? new Position(endLine!, endCharacter!) : end as Position;
    }
}

export class ThemeColor {
    constructor(readonly id: string) {}
}

export class Disposable {
    constructor(private readonly callOnDispose: () => void) {}
    static from(...disposables: Array<{ dispose(): unknown }>): Disposable {
        return new Disposable(() => disposables.forEach((disposable) => disposable.dispose()));
    }
    dispose(): void {
        this.callOnDispose();
    }
}

export class EventEmitter<T> {
    private readonly listeners = new Set<Listener<T>>();
    readonly event = (listener: Listener<T>): Disposable => {
        this.listeners.add(listener);
        return new Disposable(() => this.listeners.delete(listener));
    };
    fire(value: T): void {
        for (const listener of [...this.listeners]) listener(value);
    }
    dispose(): void {
        this.listeners.clear();
    }
}

export class Diagnostic {
    code?: string;
    source?: string;
    constructor(readonly range: Range, readonly message: string, readonly severity: number) {}
}

export const StatusBarAlignment = { Left: 1, Right: 2 } as const;
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 } as const;
export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

/** An open text document: its text changes only through `host.edit`. */
export interface StandInDocument {
    uri: Uri;
    languageId: string;
    version: number;
    isUntitled: boolean;
    lineCount: number;
    getText(): string;
    lineAt(line: number): { text: string; firstNonWhitespaceCharacterIndex: number };
}

/** A status bar item as the code under test leaves it. */
export interface StandInStatusBarItem {
    name?: string;
    text: string;
    tooltip?: string;
    command?: string | { command: string; title: string; arguments?: unknown[] };
    backgroundColor?: ThemeColor;
    visible: boolean;
    show(): void;
    hide(): void;
    dispose(): void;
}

const documentChanges = new EventEmitter<unknown>();
const activeEditorChanges = new EventEmitter<unknown>();
const diagnosticsChanges = new EventEmitter<unknown>();

/** What the tests set up and read. */
export const host = {
    trusted: true,
    documents: new Map<string, { uri: Uri; text: string; version: number; languageId: string }>(),
    settings: {} as Record<string, unknown>,
    activeDocument: undefined as Uri | undefined,
    statusBarItems: [] as StandInStatusBarItem[],
    messages: [] as string[],
    /** What the quick pick answers, from the items it was given. */
    pick: (items: unknown[]): unknown => items[0],
    /** What the open dialog answers. */
    openFiles: [] as Uri[],
    /** Per file, every collection's diagnostics (`languages.getDiagnostics`). */
    allDiagnostics: new Map<string, unknown[]>(),
    /** Per collection name, the diagnostics the code under test set, per file. */
    collections: new Map<string, Map<string, Diagnostic[]>>(),
    /** The files `workspace.findFiles` finds. */
    files: [] as Uri[],
    commands: (_command: string, ..._args: unknown[]): unknown => undefined,

    /** Opens a document with `text` (version 1); its URI, typed as VS Code's for the code under test. */
    open(file: string, text: string, languageId = 'sla'): Uri & vscode.Uri {
        const uri = Uri.file(file);
        this.documents.set(uri.toString(), { uri, text, version: 1, languageId });
        return uri as Uri & vscode.Uri;
    },
    /** Replaces `length` characters at `offset` by `text`, as the user typing: the document's version goes up and listeners hear it. */
    edit(uri: Uri, offset: number, length: number, text: string): void {
        const document = this.documents.get(uri.toString())!;
        const before = document.text;
        const lineAt = (at: number): number => before.slice(0, at).split('\n').length - 1;
        const start = new Position(lineAt(offset), offset - before.lastIndexOf('\n', offset - 1) - 1);
        const end = new Position(lineAt(offset + length), offset + length - before.lastIndexOf('\n', offset + length - 1) - 1);
        document.text = before.slice(0, offset) + text + before.slice(offset + length);
        document.version++;
        documentChanges.fire({ document: standInDocument(uri), contentChanges: [{ range: new Range(start, end), rangeOffset: offset, rangeLength: length, text }] });
    },
    setActive(uri: Uri | undefined): void {
        this.activeDocument = uri;
        activeEditorChanges.fire(this.activeEditor());
    },
    activeEditor(): { document: StandInDocument } | undefined {
        return this.activeDocument ? { document: standInDocument(this.activeDocument) } : undefined;
    },
    reset(): void {
        this.trusted = true;
        this.documents.clear();
        this.settings = {};
        this.activeDocument = undefined;
        this.statusBarItems.length = 0;
        this.messages.length = 0;
        this.pick = (items) => items[0];
        this.openFiles = [];
        this.allDiagnostics.clear();
        this.collections.clear();
        this.files = [];
        this.commands = () => undefined;
    }
};

function standInDocument(uri: Uri): StandInDocument {
    const document = host.documents.get(uri.toString());
    if (!document) throw new Error(`no such document: ${uri.toString()}`);
    const lines = () => document.text.split('\n');
    return {
        uri: document.uri, languageId: document.languageId, get version() { return document.version; }, isUntitled: false,
        get lineCount() { return lines().length; },
        getText: () => document.text,
        lineAt: (line: number) => ({ text: lines()[line]!, firstNonWhitespaceCharacterIndex: lines()[line]!.search(/\S|$/) })
    };
}

export const workspace = {
    get isTrusted(): boolean {
        return host.trusted;
    },
    get textDocuments(): StandInDocument[] {
        return [...host.documents.values()].map((document) => standInDocument(document.uri));
    },
    getConfiguration: () => ({ get: (key: string) => host.settings[key] }),
    getWorkspaceFolder: () => undefined,
    openTextDocument: async (uri: Uri) => standInDocument(uri),
    onDidChangeTextDocument: documentChanges.event,
    findFiles: async () => host.files,
    asRelativePath: (file: string) => path.basename(file)
};

export const window = {
    get activeTextEditor() {
        return host.activeEditor();
    },
    onDidChangeActiveTextEditor: activeEditorChanges.event,
    createStatusBarItem: (): StandInStatusBarItem => {
        const item: StandInStatusBarItem = {
            text: '', visible: false,
            show: () => { item.visible = true; },
            hide: () => { item.visible = false; },
            dispose: () => undefined
        };
        host.statusBarItems.push(item);
        return item;
    },
    withProgress: async <T>(_options: unknown, task: (progress: unknown, token: { isCancellationRequested: boolean }) => Promise<T>): Promise<T> =>
        await task({ report: () => undefined }, { isCancellationRequested: false }),
    showInformationMessage: async (message: string) => { host.messages.push(message); return undefined; },
    showWarningMessage: async (message: string) => { host.messages.push(message); return undefined; },
    showErrorMessage: async (message: string) => { host.messages.push(message); return undefined; },
    setStatusBarMessage: (message: string) => { host.messages.push(message); return new Disposable(() => undefined); },
    showQuickPick: async (items: unknown[]) => host.pick(items),
    showOpenDialog: async () => host.openFiles
};

export const languages = {
    getDiagnostics: (uri: Uri) => host.allDiagnostics.get(uri.toString()) ?? [],
    onDidChangeDiagnostics: diagnosticsChanges.event,
    createDiagnosticCollection: (name: string) => {
        const files = new Map<string, Diagnostic[]>();
        host.collections.set(name, files);
        return { set: (uri: Uri, diagnostics: Diagnostic[]) => files.set(uri.toString(), diagnostics), get: (uri: Uri) => files.get(uri.toString()), dispose: () => undefined };
    }
};

export const commands = {
    executeCommand: async (command: string, ...args: unknown[]) => host.commands(command, ...args)
};
