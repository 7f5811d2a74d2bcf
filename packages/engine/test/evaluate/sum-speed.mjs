// Cost check of the exact sum accumulator (not a test): adds 10M values per run into
// per-segment accumulators, the previous compensated (Neumaier) double sums against the
// exact scaled-integer sums (ExactSegmentSums), alternating in one process so both see
// the same machine load. Run after `npm run build`:
//   node packages/engine/test/evaluate/sum-speed.mjs [values=10000000] [runs=5]
import { ExactSegmentSums } from '../../out/evaluate/exact-sum.js';

const n = Number(process.argv[2] ?? 10_000_000);
const runs = Number(process.argv[3] ?? 5);
const SEGMENTS = 400; // a year of daily segments, as in rolling windows

// Value shapes the hot path sees, as the CSV decoder gives them (the double nearest to the
// decimal text): whole milliseconds, percentages (0.998 from "99.8"), amounts in cents.
const shapes = {
    'integer ms': Float64Array.from({ length: n }, (_, i) => (i * 7919) % 2000),
    'percent 0.1 %': Float64Array.from({ length: n }, (_, i) => Number(`0.${900 + ((i * 7919) % 100)}`)),
    'money cents': Float64Array.from({ length: n }, (_, i) => Number(`${(i * 7919) % 1000}.${String((i * 31) % 100).padStart(2, '0')}`))
};
const segmentOf = Int32Array.from({ length: n }, (_, i) => Math.floor((i / n) * SEGMENTS));

/** CPU time (user + system) since `started`: steadier than wall time on a shared machine. */
function cpuMs(started) {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
}

function neumaier(values) {
    const sum = new Float64Array(SEGMENTS);
    const error = new Float64Array(SEGMENTS);
    const started = process.cpuUsage();
    for (let i = 0; i < values.length; i++) {
        const segment = segmentOf[i];
        const number = values[i];
        const s = sum[segment];
        const next = s + number;
        error[segment] += Math.abs(s) >= Math.abs(number) ? s - next + number : number - next + s;
        sum[segment] = next;
    }
    const ms = cpuMs(started);
    let total = 0;
    for (let s = 0; s < SEGMENTS; s++) total += sum[s] + error[s];
    return { ms, total };
}

function exact(values) {
    const sums = new ExactSegmentSums(SEGMENTS);
    const started = process.cpuUsage();
    for (let i = 0; i < values.length; i++) sums.add(segmentOf[i], values[i]);
    const ms = cpuMs(started);
    const total = sums.range(0, SEGMENTS);
    return { ms, total: Number(total.num) / Number(total.den) };
}

for (const [name, values] of Object.entries(shapes)) {
    const times = { neumaier: [], exact: [] };
    for (let run = 0; run < runs; run++) {
        for (const [label, fn] of run % 2 === 0 ? [['neumaier', neumaier], ['exact', exact]] : [['exact', exact], ['neumaier', neumaier]]) {
            const result = fn(values);
            times[label].push(result.ms);
            if (run === 0) console.log(`${name}: ${label} total ${result.total}`);
        }
    }
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    console.log(
        `${name}: ${n.toLocaleString('en')} values, median CPU time of ${runs}: neumaier ${median(times.neumaier).toFixed(1)} ms, exact ${median(times.exact).toFixed(1)} ms` +
            ` (runs: ${times.neumaier.map((t) => t.toFixed(0)).join('/')} vs ${times.exact.map((t) => t.toFixed(0)).join('/')})`
    );
}
