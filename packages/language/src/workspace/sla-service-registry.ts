import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * The language's services for any document the server holds. Langium finds them by the open
 * editor's language id, else by the file extension: a document that is neither open nor named
 * `.sla` — an untitled editor (`untitled:Untitled-1`) just closed, still held until its removal is
 * built — made any update that walked the documents throw ("no services for the extension ''")
 * and the language server exit. The server knows one language, and holds SLA documents only:
 * when the lookup finds nothing, that language is the answer.
 */
export class SlaServiceRegistry extends DefaultServiceRegistry {
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
