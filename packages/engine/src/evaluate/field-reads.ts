/**
 * A dataset's field index (name → position in a row) that notes every field looked up.
 * Everything that reads row values — compiled filters and values, the event time,
 * scopes, outage intervals, routing — finds its field's position through it while the
 * plan is built, so afterwards `read` holds every field the pass reads; the scan may
 * leave the others unconverted (see ScanOptions.readFields).
 */
export class FieldReads extends Map<string, number> {
    readonly read = new Set<string>();

    override get(name: string): number | undefined {
        this.read.add(name);
        return super.get(name);
    }
}
