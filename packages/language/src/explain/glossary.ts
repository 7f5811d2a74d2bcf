/** The glossary: one entry per term, shown on keyword hovers and at the end of `sla explain`. */

export interface GlossaryEntry {
    term: string;
    text: string;
}

export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = {
    calendarWindow: {
        term: 'Calendar window',
        text: 'A period aligned to the calendar in the agreement\'s time zone: a calendar day, ISO week (Monday to Sunday), month, quarter or year. `per calendar month` means 1 March 00:00 up to 1 April 00:00, however many hours that is (March 2026 in Europe/Berlin has 743 hours). `per fiscal quarter` and `per fiscal year` count in the agreement\'s fiscal year (`fiscal year from february`: February–April, May–July, August–October, November–January).'
    },
    rollingWindow: {
        term: 'Rolling window',
        text: '`per rolling 7 days` looks back over the last 7 × 24 hours, evaluated at the end of every calendar day; each day\'s window overlaps the previous one. The report shows the worst window per month and how many windows met the objective.'
    },
    percentile: {
        term: 'Percentile',
        text: '`percentile(p, x)` is the nearest-rank percentile of the exact values: the smallest value such that at least p% of the values are at or below it (sorted[ceil(p/100 × n) − 1]). No interpolation, no estimate.'
    },
    uptime: {
        term: 'Uptime',
        text: '`uptime(outages, from start to end)` is the share of eligible time not covered by outage intervals: overlapping outages count once, an outage with no end lasts until the end of the evaluation period, and excluded time (maintenance) is removed from both downtime and eligible time. uptime = (eligible − downtime) / eligible.'
    },
    timeslices: {
        term: 'Timeslices',
        text: '`slices(every 5 minutes: …)` cuts each window into fixed slices of absolute time from its start (a 31-day month has 8,928 five-minute slices; a month with a daylight-saving change 12 fewer or more), gives each slice a value from its own rows, and aggregates: `avg of` averages the slice values, `count where`, `duration where` and `share where` count the bad slices (where the condition holds), `at least N consecutive` only in runs of N or more. `empty as …` says what a slice without data counts as: `good`, `bad`, `no data` (left out; it ends a run) or a value (`0%`) in an average. A window without any data is no data, whatever the rule; slices after the data end are unknown, not empty.'
    },
    errorBudget: {
        term: 'Error budget',
        text: 'What a percentage target leaves to fail: 99.9% per calendar month of an `uptime(…)` allows 0.1% of the month as downtime (44 min 38 s in a 31-day month), of a `share(…)` of requests 1 in 1,000 requests. A KPI that weighs or averages such terms (`100% - 2 * (100% - uptime(…))`, `avg(loss)`) has its budget in its own percentage points. The report shows how much of it a window consumed: (1 − value) / (1 − target).'
    },
    serviceCredit: {
        term: 'Service credit',
        text: 'The amount the provider owes the customer when an objective is missed, per window: the most severe tier whose threshold the value falls below (tiers do not add up), as a share of that window\'s fee or a money amount, then limited by the cap per window and per year.'
    },
    businessHours: {
        term: 'Business hours (`during`)',
        text: '`during SupportHours` counts only time inside the named calendar\'s working hours, on days that are not exceptions: a ticket opened Friday 17:30 and answered Monday 08:30 took 60 business minutes with hours 08:00–18:00.'
    },
    businessDays: {
        term: 'Business days',
        text: '`elapsed(opened, resolved) during SupportHours <= 2 business days` counts working days of the calendar: the working days the ticket crossed, plus the worked share of its first and last day. With hours 08:00–18:00 a ticket opened Monday 15:00 is due Wednesday 15:00, one opened Friday 15:00 is due Tuesday 15:00, one opened on Saturday is due at the end of Tuesday, 18:00 (its clock starts Monday 08:00); every working day counts 1, whatever its hours. `2 days` would be 48 business hours, nearly five working days.'
    },
    minimumSample: {
        term: 'Minimum sample',
        text: '`with at least 20 tickets` makes a window with fewer rows behind its value *insufficient data*: reported like no data, never met or breached, and earning no credit. One late ticket out of three would otherwise be a 66.7 % month. `with at least 20 incidents, else at most 1 failing` is the small-volume rule of outsourcing contracts instead: such a window is met when at most 1 of its items fails, else breached.'
    },
    excluding: {
        term: 'Excluding',
        text: '`excluding Patching` removes the maintenance windows from the measurement: an outage inside a maintenance window is not downtime, and the window does not count as eligible time either.'
    },
    countedAsAvailable: {
        term: 'Counted as available',
        text: '`counting Patching as available` (in an exclusion: `during Patching, counted as available`) keeps the maintenance windows in the measurement as available time: an outage inside them is not downtime, and they still count as eligible time ("scheduled maintenance is not downtime"; uptime over all the minutes of the month). `excluding` takes them out of both instead: with 9 hours of patching in a 31-day month, one hour down is 99.8656 % counted as available and 99.8639 % excluded.'
    },
    wallClock: {
        term: 'Wall-clock time',
        text: '`wall-clock` (the default for `elapsed`) counts every real elapsed minute, nights and weekends included.'
    },
    aggregate: {
        term: 'Aggregates',
        text: '`count`, `sum`, `avg`, `min` and `max` read the rows whose event time (the dataset\'s first timestamp field) lies in the window; `where` keeps only the rows that satisfy the condition. `share(part of whole)` divides one count by another; a window with no rows has no data, never 0.'
    },
    elapsed: {
        term: 'Elapsed time',
        text: '`elapsed(a, b)` is the time from a to b in each row; a row whose end is missing is open: judged on its time so far (failed once that is past the limit, else pending: left out, and the window provisional if it could change it) and listed in the report, never dropped.'
    },
    objective: {
        term: 'Objective',
        text: 'A promise to the customer: a KPI, a comparison, a target with its unit and a measurement window. Each window is met, breached or has no data; no data is never reported as met.'
    },
    internalTarget: {
        term: 'Internal target',
        text: 'A target the provider sets for its own staff, usually stricter than the objective; evaluated like an objective but reported separately and never promised to the customer.'
    },
    kpi: {
        term: 'KPI',
        text: 'A named measurement: a formula over declared datasets with a unit that is checked, not free text.'
    },
    maintenance: {
        term: 'Maintenance window',
        text: 'Planned time during which the service may be down without counting as downtime, where a KPI says `excluding` it or `counting` it `as available`, or an exclusion `during` it; recurring (`every sunday 02:00 to 04:00`), one-off, or listed in data (`periods(…)`), with a notice period, or `requested by customer` (downtime the customer plans).'
    },
    listedMaintenance: {
        term: 'Maintenance listed in data (`periods`)',
        text: '`periods(changes where kind = "standard", from start to end, announced at announced)` in a maintenance reads its periods from a change calendar, one per row. With the maintenance\'s `notice 5 days`, a period counts only if announced at least 5 days before it starts; one announced later, or never, is ordinary time, and an outage in it is downtime. The report lists every period that did not count.'
    },
    validity: {
        term: 'Validity',
        text: '`valid from D1 to D2` covers whole days D1 through D2, both included, in the agreement\'s time zone: from D1 00:00 up to, not including, the day after D2 00:00.'
    },
    timezone: {
        term: 'Time zone',
        text: 'An IANA zone name (`Europe/Berlin`); all calendar arithmetic uses its real clock changes. In a zone without daylight saving time (`UTC`, `Asia/Tokyo`) every day lasts 24 hours; in one with it, the day the clocks go forward is shorter and the day they go back longer (23 and 25 hours in `Europe/Berlin`, 23.5 and 24.5 in `Australia/Lord_Howe`). The explanation of a `timezone` line lists its changes in the validity period.'
    },
    forEach: {
        term: 'For each',
        text: '`for each region` evaluates and reports the objective separately for each value of the field, as if each were its own promise. `objective each tickets: …` (without `for`) is a promise on every item: see "Each item".'
    },
    eachObjective: {
        term: 'Each item (`objective each`)',
        text: '`objective each tickets by id where priority = "P1": ResolutionTime <= 4 hours per calendar month` promises the limit for every P1 ticket, judged one by one with a per-row KPI: a window is breached when any item fails; the report counts the failed items and lists the first 10 with their values. An open ticket already past the limit has failed; one that could still make it is pending.'
    },
    pauses: {
        term: 'Paused clock (`excluding pauses`)',
        text: '`elapsed(opened, resolved) during SupportHours excluding pauses(ticketPauses by ticket = id, from pausedFrom to pausedTo)` stops the clock while the ticket waits for the customer: the ticket\'s pauses are merged, clipped to the ticket, and their (working) time is not counted. A pause without an end lasts until the ticket\'s end. With a limit in business days (`<= 2 business days`) each pause\'s share of business days is taken off, exactly: a pause from 10:00 to 15:00 of an 08:00–18:00 day is half a business day.'
    },
    score: {
        term: 'Score',
        text: '`satisfaction score 1 to 5` is a number on a scale: values outside it are invalid rows, averages stay on the scale, and a target is a plain number on it (`>= 4.2` reads "at least 4.2 out of 5").'
    },
    exclusion: {
        term: 'Exclusion',
        text: 'A named term the promises do not cover. `= incidents where cause = "customer"` leaves those rows out of every KPI in its scope that reads them; `during Patching, at most 10 hours per calendar year` leaves the maintenance time out of uptime until the cap is used (`, counted as available`: keeps it as available time, in which no outage is downtime); with neither (force majeure) it is a declared term the data cannot show, listed in the report. The report shows the rows and time each exclusion took out per window.'
    },
    termination: {
        term: 'Termination right (chronic failure)',
        text: '`termination ChronicFailure "…" when Availability is breached in 3 consecutive windows` (or `in 4 of any 12 consecutive windows`) is the customer\'s right to end the agreement when a promise fails again and again. It judges the windows of the one objective on that KPI with a calendar window: a window counts when it is over and breached for good (one in progress, or that open rows could still change, is not known yet; one without data is not breached). `, notice within 60 days` gives the customer\'s notice period after the window that fires it. `when any objective is breached …` counts a window when any promise of the agreement (or of the right\'s service) with that calendar window is breached in it.'
    },
    creditsCap: {
        term: 'Cap on all credits together (at-risk amount)',
        text: '`credits capped at 12% of fee per calendar month` limits the service credits of all the agreement\'s credit blocks together in each calendar month (or quarter, or year; `, capped at 60000 EUR per calendar year` adds another period): an outsourcing contract\'s "at-risk amount". It applies after each credit\'s own caps: when a period\'s credits owe more, those counted last (by the end of their window, then as written) are lowered, so no more than the cap is paid. Every credit window must lie inside one period.'
    },
    atRiskAllocation: {
        term: 'Allocation of the at-risk amount',
        text: '`below 99.8% : 40% of at-risk amount` pays 40 % of the at-risk amount of the credit\'s period — the agreement\'s cap on all credits together per that period (`credits capped at 12% of fee per calendar month`: 40 % of 12 % of the fee is 4.8 % of the fee, computed exactly). `, pool 250%` after the cap bounds the sum of the credits\' allocations (each credit\'s largest, as one tier of a window is paid): an outsourcing contract\'s "pool percentage". A pool above 100 % lets one service level carry more weight without the customer receiving more than the at-risk amount in any period.'
    },
    objectiveTerm: {
        term: 'Promise over the term',
        text: '`objective Availability >= 99.5% per calendar month from 2026-04-01, >= 99.7% from 2027-01-01` is in force from 1 April 2026 — the windows before it (a transition period) are not judged, earn no credit and count towards no termination right — and its target steps up to 99.7 % from 1 January 2027: each window is judged against the target of the day it starts, and the report gives that target per window. A credit tier `missed : 5% of fee` applies when the objective is missed, whatever its target in that window; a tier written as a threshold (`below 99.5%`) stays where it is written.'
    },
    serviceLevelDefault: {
        term: 'Service Level Default (Expected and Minimum Service Levels)',
        text: '`objective Availability >= 99.9% per calendar month, minimum 99.5%, default when breached in 3 of any 12 consecutive windows`: 99.9 % is the Expected Service Level and 99.5 % the Minimum; a window that misses the minimum (below it for `>=`, above it for `<=`) is a Service Level Default, and so is a window that misses the target and makes 3 missed windows among the 12 ending with it (that window and the 11 before). A credit tier `default : 40% of at-risk amount` pays in those windows only, and a termination right may count them (`when Availability defaults in 3 of any 12 consecutive windows`). The report marks each default (`below minimum` or `repeated`) and says when open rows could still make or unmake one.'
    },
    continuousImprovement: {
        term: 'Continuous Improvement',
        text: '`objective Availability >= 99.5% per calendar month, improved yearly to the mean of the best 6 windows by at most 0.2%`: the target of each contract year after the first (contract years run from the validity\'s first day to each anniversary) is the mean of the 6 best windows of the year before (the highest values; the lowest for `<=`), taken to the precision the target is written with (99.5% → 0.1 %) towards the year before\'s target, moved by at most 0.2 percentage points, and kept when that is not stricter: a target is never loosened. When fewer than 6 windows of a year have a value, the next year keeps that year\'s target. Each window is judged against its year\'s target; the report lists each year\'s target with the windows it was computed from.'
    },
    procedural: {
        term: 'Procedural clause',
        text: '`procedural clause` states a procedure or the provider\'s conduct (how to claim a credit, notices, "commercially reasonable efforts"), not a level of service: its deadlines are not unmeasured promises, and a standard of effort is not flagged as vague. Other vague words (promptly) still are.'
    },
    plan: {
        term: 'Plan',
        text: '`plans A, B` declares the plans (support levels, tiers) of one agreement; `plan B` says which one it is under, `plan from F` that each row names its plan. `objective K by plan { A: none, B: <= 4 hours }` gives each plan its target: the plan in effect decides, or, from data, each plan is judged on its own rows.'
    }
};

/** The glossary entry a keyword opens on hover. */
const KEYWORD_ENTRIES: Readonly<Record<string, keyof typeof GLOSSARY>> = {
    calendar: 'calendarWindow', rolling: 'rollingWindow', percentile: 'percentile', uptime: 'uptime',
    credit: 'serviceCredit', capped: 'serviceCredit', below: 'serviceCredit', during: 'businessHours', excluding: 'excluding', counting: 'countedAsAvailable', counted: 'countedAsAvailable',
    'wall-clock': 'wallClock', count: 'aggregate', sum: 'aggregate', avg: 'aggregate', min: 'aggregate', max: 'aggregate',
    share: 'aggregate', where: 'aggregate', elapsed: 'elapsed', objective: 'objective', internal: 'internalTarget',
    kpi: 'kpi', maintenance: 'maintenance', valid: 'validity', timezone: 'timezone', each: 'forEach',
    business: 'businessDays', with: 'minimumSample', pauses: 'pauses', score: 'score', exclusion: 'exclusion', procedural: 'procedural', plan: 'plan', plans: 'plan',
    slices: 'timeslices', empty: 'timeslices', consecutive: 'timeslices', periods: 'listedMaintenance', announced: 'listedMaintenance', termination: 'termination', breached: 'termination', credits: 'creditsCap', pool: 'atRiskAllocation', 'at-risk': 'atRiskAllocation',
    missed: 'objectiveTerm', minimum: 'serviceLevelDefault', improved: 'continuousImprovement'
};

/**
 * Keywords whose entry depends on the grammar rule they are written in: every word of a default
 * rule (`default when breached in 3 of any 12 consecutive windows`: not the termination right's
 * `breached` nor the timeslices' `consecutive`), the credit tier `default` (a template parameter's
 * `default` is another thing), a right's `defaults`.
 */
const RULE_ENTRIES: Readonly<Record<string, keyof typeof GLOSSARY>> = {
    DefaultRule: 'serviceLevelDefault', MinimumLevel: 'serviceLevelDefault', 'TierCondition default': 'serviceLevelDefault', 'Termination defaults': 'serviceLevelDefault',
    // Every word of `improved yearly to the mean of the best 6 windows by at most 0.2%` ('yearly' is otherwise a window).
    ContinuousImprovement: 'continuousImprovement'
};

/** The glossary entry a keyword opens on hover; `rule` is the grammar rule it is written in, when known. */
export function glossaryForKeyword(keyword: string, rule?: string): GlossaryEntry | undefined {
    const key = (rule === undefined ? undefined : RULE_ENTRIES[rule] ?? RULE_ENTRIES[`${rule} ${keyword}`]) ?? KEYWORD_ENTRIES[keyword];
    return key ? GLOSSARY[key] : undefined;
}

export function glossaryMarkdown(entry: GlossaryEntry): string {
    return `**${entry.term}**: ${entry.text}`;
}
