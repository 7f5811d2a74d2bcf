/**
 * Client values that look like the agreement's client scope but are not it: `Northwind`,
 * ` northwind` or `NORTHWIND` in an export whose scope is `client = "northwind"`.
 *
 * A client scope matches a value exactly (client-scope.ts), so such rows are another client's:
 * neither measured nor rejected. Usually they are the client's own rows, typed by hand or from
 * another system, and a breach may hide in them. The scope keeps its exact meaning (a contract
 * cannot count rows by a guess), but every path that decides a row is another client's counts
 * those whose value differs from the client's only in case, spacing or Unicode form, and the
 * report says so with their values and row counts (`clientScope.lookalikes`, and a warning).
 */

/** A value of the scope field that differs from the client's only in case, spacing or Unicode form, and its rows. */
export interface ClientLookalike {
    value: string;
    rows: number;
}

/** The form two client values share when they differ only in case, spacing or Unicode form. */
export function lookalikeForm(text: string): string {
    return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** A text that is not the client's value but looks like it. */
export function isLookalikeOf(text: string, value: string, valueForm = lookalikeForm(value)): boolean {
    return text !== value && lookalikeForm(text) === valueForm;
}

/** Distinct texts a check remembers; past this (a field of ids, not clients) each text is judged afresh. */
const REMEMBERED_TEXTS = 10_000;

/**
 * The lookalike rows of one client scope as a pass counts them. Texts are judged once each
 * (remembered), so a path that meets another client's row pays one map lookup; typed readers,
 * which ask once per distinct text, get a small id per lookalike text (`idOf`).
 */
export class LookalikeCounts {
    private readonly form: string;
    /** per text judged: its lookalike id (>= 0), or -1 */
    private readonly judged = new Map<string, number>();
    private readonly texts: string[] = [];
    private readonly rows: number[] = [];

    constructor(private readonly value: string) {
        this.form = lookalikeForm(value);
    }

    /** The lookalike id of a text (its index here), or -1 when it is not one. */
    idOf(text: string): number {
        const known = this.judged.get(text);
        if (known !== undefined) return known;
        const id = isLookalikeOf(text, this.value, this.form) ? this.slotOf(text) : -1;
        if (this.judged.size < REMEMBERED_TEXTS) this.judged.set(text, id);
        return id;
    }

    /** The index of a lookalike text among those counted, given one when new. */
    private slotOf(text: string): number {
        const known = this.texts.indexOf(text);
        if (known >= 0) return known;
        this.texts.push(text);
        this.rows.push(0);
        return this.texts.length - 1;
    }

    /** Counts `rows` rows of lookalike `id` (from idOf). */
    countId(id: number, rows = 1): void {
        this.rows[id]! += rows;
    }

    /** Counts a row of another client by its cell (text as is; numbers and booleans are never lookalikes). */
    noteCell(cell: unknown): void {
        if (typeof cell !== 'string') return;
        const id = this.idOf(cell);
        if (id >= 0) this.rows[id]!++;
    }

    /** Counts `rows` rows of a text already known to be a lookalike (a router's, a merged range's). */
    add(text: string, rows: number): void {
        if (rows <= 0) return;
        this.rows[this.slotOf(text)]! += rows;
    }

    /** The lookalikes with rows, most rows first (then by value). */
    entries(): ClientLookalike[] {
        return this.texts
            .map((value, id) => ({ value, rows: this.rows[id]! }))
            .filter((entry) => entry.rows > 0)
            .sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }

    /** Forgets the counts (a range's sink is emptied after exporting them: pass-state.ts); the judged texts stay. */
    resetCounts(): void {
        this.rows.fill(0);
    }
}

/**
 * The parsing thread's side of a portfolio's routed pass (row-batches.ts): texts of no client of
 * the portfolio that look like one's, as ordinals below -1 (-2 - their index here), and their rows
 * counted until the batch that carries them to the evaluating thread (`take`), whose router gives
 * them to the sinks of the clients they look like (pass-target.ts).
 */
export class RoutedLookalikes {
    private readonly forms: Set<string>;
    /** per text judged: -1, or its lookalike ordinal */
    private readonly judged = new Map<string, number>();
    private readonly texts: string[] = [];
    private readonly rows: number[] = [];
    private counted = false;

    constructor(clients: readonly string[]) {
        this.forms = new Set(clients.map(lookalikeForm));
    }

    /** For a text that is no client's value: -1, or its lookalike ordinal (below -1). */
    ordinalOf(text: string): number {
        const known = this.judged.get(text);
        if (known !== undefined) return known;
        let ordinal = -1;
        if (this.forms.has(lookalikeForm(text))) {
            let index = this.texts.indexOf(text);
            if (index < 0) {
                index = this.texts.length;
                this.texts.push(text);
                this.rows.push(0);
            }
            ordinal = -2 - index;
        }
        if (this.judged.size < REMEMBERED_TEXTS) this.judged.set(text, ordinal);
        return ordinal;
    }

    /** Counts a row of a lookalike ordinal. */
    count(ordinal: number): void {
        this.rows[-2 - ordinal]!++;
        this.counted = true;
    }

    /** The rows counted since the last call, per text; undefined when none. */
    take(): [string, number][] | undefined {
        if (!this.counted) return undefined;
        const taken: [string, number][] = [];
        this.texts.forEach((text, index) => {
            if (this.rows[index]! > 0) taken.push([text, this.rows[index]!]);
        });
        this.rows.fill(0);
        this.counted = false;
        return taken;
    }
}

/** The warning for an agreement's datasets whose client-scope field holds lookalikes of its value; undefined when none does. */
export function clientLookalikeNote(datasets: readonly { name: string; clientScope?: { field: string; value: string; lookalikes?: readonly ClientLookalike[] } }[]): string | undefined {
    const parts: string[] = [];
    let scope: { field: string; value: string } | undefined;
    for (const dataset of datasets) {
        const lookalikes = dataset.clientScope?.lookalikes;
        if (lookalikes === undefined || lookalikes.length === 0) continue;
        scope ??= dataset.clientScope!;
        parts.push(`${lookalikes.map((entry) => `${entry.rows.toLocaleString('en-US')} row(s) with ${JSON.stringify(entry.value)}`).join(', ')} in dataset '${dataset.name}'`);
    }
    if (scope === undefined) return undefined;
    return `Warning: client scope ${scope.field} = ${JSON.stringify(scope.value)} counts only rows whose ${scope.field} is exactly ${JSON.stringify(scope.value)}; ${parts.join('; ')} differ from it only in case or spacing and were not counted as this client's. If they are the client's rows, correct them in the data; if they belong to another client, no action is needed.`;
}

/** A dataset read beside the measured ones (a pause list, a change log), its file, and the lookalike rows one reader of it left out. */
export interface DatasetLookalikes {
    name: string;
    path: string;
    clientScope: { field: string; value: string; lookalikes: readonly ClientLookalike[] };
}

/** What a reader of a dataset counted, for sideDatasetLookalikes; undefined without a client scope or a lookalike row. */
export function datasetLookalikes(spec: { name: string; path: string; clientScope?: { field: string; value: string } }, counts: LookalikeCounts | undefined): DatasetLookalikes | undefined {
    const lookalikes = counts?.entries() ?? [];
    if (spec.clientScope === undefined || lookalikes.length === 0) return undefined;
    return { name: spec.name, path: spec.path, clientScope: { field: spec.clientScope.field, value: spec.clientScope.value, lookalikes } };
}

/**
 * The lookalike rows of the datasets read beside the measured ones, one entry per dataset. Its
 * readers count the same rows (every row they would read as valid, whatever its time or filter),
 * but for a row one of them finds invalid: per value, the most one of them counted. None for a
 * dataset that is also measured and already named by the measured datasets' warning: its pass
 * counted the same rows, and the others. The report warns of each (sideDatasetLookalikeNotes);
 * the portfolio says them once per file with the measured datasets' (report/note-facts.ts).
 */
export function sideDatasetLookalikes(read: readonly DatasetLookalikes[], measured: readonly { name: string; clientScope?: { lookalikes?: readonly ClientLookalike[] } }[]): DatasetLookalikes[] {
    const warned = new Set(measured.filter((dataset) => (dataset.clientScope?.lookalikes?.length ?? 0) > 0).map((dataset) => dataset.name));
    const datasets = new Map<string, { path: string; field: string; value: string; most: Map<string, number> }>();
    for (const { name, path, clientScope } of read) {
        if (warned.has(name)) continue;
        let dataset = datasets.get(name);
        if (dataset === undefined) {
            dataset = { path, field: clientScope.field, value: clientScope.value, most: new Map() };
            datasets.set(name, dataset);
        }
        for (const { value, rows } of clientScope.lookalikes) dataset.most.set(value, Math.max(dataset.most.get(value) ?? 0, rows));
    }
    const merged: DatasetLookalikes[] = [];
    for (const [name, { path, field, value, most }] of datasets) {
        const counts = new LookalikeCounts(value);
        for (const [text, rows] of most) counts.add(text, rows);
        const lookalikes = counts.entries();
        if (lookalikes.length > 0) merged.push({ name, path, clientScope: { field, value, lookalikes } });
    }
    return merged;
}

/** The warnings for the datasets read beside the measured ones (sideDatasetLookalikes), in clientLookalikeNote's words, one per dataset. */
export function sideDatasetLookalikeNotes(side: readonly DatasetLookalikes[]): string[] {
    return side.flatMap((dataset) => clientLookalikeNote([dataset]) ?? []);
}
