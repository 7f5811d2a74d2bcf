import { stream, type AstNodeDescription, type Scope, type Stream } from 'langium';

/**
 * A map-based scope that keeps every declaration of a name in insertion order: the first
 * one wins for linking, the others stay visible so that validation can report a name that
 * resolves to two declarations (e.g. KPIs of two services).
 */
export class NameTableScope implements Scope {
    private readonly table = new Map<string, AstNodeDescription[]>();

    constructor(descriptions: Iterable<AstNodeDescription>) {
        for (const description of descriptions) {
            const entries = this.table.get(description.name);
            if (entries) entries.push(description);
            else this.table.set(description.name, [description]);
        }
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.table.get(name)?.[0];
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.table.get(name) ?? []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.table.values()).flatMap(entries => entries);
    }
}
