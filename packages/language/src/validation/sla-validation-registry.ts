import { isOperationCancelled, stream, ValidationRegistry, type AstNode, type Stream, type ValidationAcceptor, type ValidationCategory, type ValidationCheck } from 'langium';
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
    }

    /** The checks of a node type, as an array (what the validator calls for every node). */
    checksOf(type: string, categories?: ValidationCategory[]): readonly ValidationCheck[] {
        const key = categories ? `${type}|${[...categories].sort().join(',')}` : type;
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = super.getChecks(type, categories).toArray();
            this.checksByType.set(key, checks);
        }
        return checks;
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        const key = categories ? `${type}|${[...categories].sort().join(',')}` : type;
        let checks = this.streamsByType.get(key);
        if (!checks) {
            checks = stream(this.checksOf(type, categories));
            this.streamsByType.set(key, checks);
        }
        return checks;
    }

    /**
     * Langium's handling of a check's exception (an error diagnostic at the node; a
     * cancellation goes on), with a promise only when the check returns one.
     */
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken: CancellationToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (error) {
                reportCheckException(error, accept, node);
                return;
            }
            if (isPromiseLike(result)) return Promise.resolve(result).then(() => undefined, error => reportCheckException(error, accept, node));
            return;
        };
    }
}

/** What Langium's `handleException` does with a check's exception. */
function reportCheckException(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
    if (isOperationCancelled(error)) throw error;
    const messageContext = 'An error occurred during validation';
    console.error(`${messageContext}:`, error);
    if (error instanceof Error && error.stack) console.error(error.stack);
    const messageDetails = error instanceof Error ? error.message : String(error);
    accept('error', `${messageContext}: ${messageDetails}`, { node });
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
    return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}
