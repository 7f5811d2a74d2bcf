import * as vscode from 'vscode';
import { COMMANDS } from './command-ids.js';
import { agreementsIn } from './target-document.js';

/** "Evaluate | Explain" over each `agreement` line. */
export function registerAgreementCodeLens(): vscode.Disposable {
    return vscode.languages.registerCodeLensProvider({ language: 'sla' }, {
        provideCodeLenses(document) {
            return agreementsIn(document.getText()).flatMap(({ name, line }) => {
                const range = new vscode.Range(line, 0, line, 0);
                return [
                    new vscode.CodeLens(range, { title: 'Evaluate', tooltip: `Evaluate ${name} against its data`, command: COMMANDS.evaluate, arguments: [document.uri, name] }),
                    new vscode.CodeLens(range, { title: 'Explain', tooltip: `${name} in plain language`, command: COMMANDS.explain, arguments: [document.uri] })
                ];
            });
        }
    });
}
