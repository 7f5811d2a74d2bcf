import { stream, ValidationRegistry, type Stream, type ValidationCategory, type ValidationCheck } from 'langium';

type CheckEntry = Parameters<ValidationRegistry['addEntry']>[1];

/**
 * Langium's registry, with the checks per node type looked up once instead of once per node:
 * the validator asks for every node of the document, and a 10k-line agreement has ~50k nodes.
 */
export class SlaValidationRegistry extends ValidationRegistry {
    /** Langium's streams are re-iterable: one per node type serves every node of that type. */
    private readonly checksByType = new Map<string, Stream<ValidationCheck>>();

    protected override addEntry(type: string, entry: CheckEntry): void {
        super.addEntry(type, entry);
        this.checksByType.clear();
    }

    override getChecks(type: string, categories?: ValidationCategory[]): Stream<ValidationCheck> {
        const key = categories ? `${type}|${[...categories].sort().join(',')}` : type;
        let checks = this.checksByType.get(key);
        if (!checks) {
            checks = stream(super.getChecks(type, categories).toArray());
            this.checksByType.set(key, checks);
        }
        return checks;
    }
}
