import { stream, ValidationRegistry, type AstNode, type Stream, type ValidationAcceptor, type ValidationCategory, type ValidationCheck } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

type CheckEntry = Parameters<ValidationRegistry['addEntry']>[1];

/**
 * Langium's registry, with the checks per node type looked up once instead of once per node:
 * the validator asks for every node of the document, and a 10k-line agreement has ~50k nodes.
 * A check that returns nothing is run as a plain call: Langium's wrapper makes every check
 * an async function, a promise (and a turn of the microtask queue) per check and node.
 */
export class SlaValidationRegistry extends ValidationRegistry {
    /** The checks per node type (and categories), in registration order. */
    private readonly checksByType = new Map<string, readonly ValidationCheck[]>();
    /** Langium's streams are re-iterable: one per node type serves every node of that type. */
    private readonly streamsByType = new Map<string, Stream<ValidationCheck>>();

    protected override addEntry(type: string, entry: CheckEntry): void {
        super.addEntry(type, entry);
        this.checksByType.clear();
        this.streamsByType.clear();
        this.checksByCategories = new WeakMap();
        this.checksByCategoriesKey.clear();
    }

    /** The checks of a node type, as an array (what the validator calls for every node). */
    checksOf(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        // One validation asks with the same categories array for every node: its key is made once.
        let byType: Map<string, readonly ValidationCheck[]> | undefined;
        if (categories) {
            byType = this.checksByCategories.get(categories);
            if (!byType) {
                // Langium's builder makes an array per document: the same categories share one table.
                const key = checksKey('', categories);
                byType = this.checksByCategoriesKey.get(key);
                if (!byType) {
                    byType = new Map();
                    this.checksByCategoriesKey.set(key, byType);
                }
                this.checksByCategories.set(categories, byType);
            }
            const found = byType.get(type);
            if (found) return found;
        }
        const key = checksKey(type, categories);
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = super.getChecks(type, categories).toArray();
            this.checksByType.set(key, checks);
        }
        byType?.set(type, checks);
        return checks;
    }

    /**
     * The checks per categories array (as the validator was given it) and node type: a key per
     * node (`categories` sorted and joined) cost as much as the lookup. The arrays are not
     * changed once given (Langium's document builder makes one per validation).
     */
    private checksByCategories = new WeakMap<readonly ValidationCategory[], Map<string, readonly ValidationCheck[]>>();
    /** The same tables by the categories' key (sorted, joined), for the next array of the same categories. */
    private readonly checksByCategoriesKey = new Map<string, Map<string, readonly ValidationCheck[]>>();

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        const key = checksKey(type, categories);
        let checks = this.streamsByType.get(key);
        if (!checks) {
            checks = stream(this.checksOf(type, categories));
            this.streamsByType.set(key, checks);
        }
        return checks;
    }

    /**
     * Langium's handling of a check's exception (handleException: an error diagnostic at the
     * node; a cancellation goes on), with a promise only when the check returns one or throws.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                return this.handleException(() => { throw error; }, CHECK_EXCEPTION_CONTEXT, accept, node);
            }
            return isPromiseLike(result) ? this.handleException(() => result as Promise<void>, CHECK_EXCEPTION_CONTEXT, accept, node) : undefined;
        };
    }
}

/** The words Langium puts before a check's exception in its diagnostic. */
const CHECK_EXCEPTION_CONTEXT = 'An error occurred during validation';

/** The cache key of a node type's checks for the given categories. */
function checksKey(type: string, categories: ValidationCategory[] | undefined): string {
    return categories ? `${type}|${[...categories].sort().join(',')}` : type;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
