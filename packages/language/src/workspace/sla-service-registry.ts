import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * The language's services for any document the server holds. Langium finds them by the open
 * editor's language id, else by the file extension: a document that is neither open nor named
 * `.sla` — an untitled editor (`untitled:Untitled-1`) just closed, still held until its removal is
 * built — made any update that walked the documents throw ("no services for the extension ''")
 * and the language server exit. The server knows one language, and holds SLA documents only:
 * when the lookup finds nothing, that language is the answer.
 *
 * Whether the server holds a document at all is another question (`hasServices`: the workspace
 * manager asks it of every file of the folder, the server of every opened editor): only `.sla`
 * files and SLA editors. Answering it with the fallback made the server load every data file
 * of the workspace (a CSV export, a README) as an SLA document and publish parse errors on it.
 */
export class SlaServiceRegistry extends DefaultServiceRegistry {
    override hasServices(uri: URI): boolean {
        try {
            super.getServices(uri);
            return true;
        } catch {
            return false;
        }
    }

    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const [only, ...others] = this.all;
            if (only !== undefined && others.length === 0) return only;
            throw error;
        }
    }
}
