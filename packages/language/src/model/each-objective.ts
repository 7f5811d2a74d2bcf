/** `objective each …`: an objective with an item selection (the grammar's `items`), seen as its own kind of promise. */
import { isObjective, type ItemSelection, type Objective } from '../generated/ast.js';

/** An objective on every item of a dataset: `objective each tickets by id where …: Kpi <= 4 hours per …`. */
export type EachObjective = Objective & { items: ItemSelection };

export function isEachObjective(node: unknown): node is EachObjective {
    return isObjective(node) && node.items !== undefined;
}

/** An ordinary objective: one value of its KPI per window. */
export function isWindowObjective(node: unknown): node is Objective {
    return isObjective(node) && node.items === undefined;
}
