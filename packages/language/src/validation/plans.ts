import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import {
    isAgreement, isDataset, isEnumType, isPlanChoice, isPlanList, isService, isTextType,
    type Agreement, type Credit, type InternalTarget, type Objective, type PlanChoice, type SlaAstType
} from '../generated/ast.js';
import { datasetsRead } from '../model/kpi-reads.js';
import { declaredPlans, planChoiceFor } from '../model/plans.js';
import { nearestWord } from '../types/units.js';
import { cutShortBySyntaxError, fix, insertAfterNode, replaceNode } from './quick-fix.js';
import { keywordNode, propertyNode, report } from './report.js';

type TargetStatement = Objective | InternalTarget;

/**
 * Plans of one service (`plans …`, `plan …`, `by plan { … }`): every declared plan has a
 * line in each `by plan`, some `plan …` line says which plan applies, and a plan read from
 * data is read from a field whose values are plan names.
 */
export function planChecks(): ValidationChecks<SlaAstType> {
    return {
        Objective: checkStatement,
        InternalTarget: checkStatement,
        Credit: checkCreditTables,
        PlanChoice: checkChoice,
        Agreement: checkChoiceCount,
        Service: (service, accept) => checkRepeatedChoice(service.members.filter(isPlanChoice), accept)
    };
}

function checkStatement(node: TargetStatement, accept: ValidationAcceptor): void {
    const targets = node.planTargets;
    if (!targets) return;
    const agreement = AstUtils.getContainerOfType(node, isAgreement);
    const plans = declaredPlans(agreement);
    // A plan given twice: which target applies?
    const seen = new Set<string>();
    for (const line of targets.targets) {
        const name = line.plan?.ref?.name;
        if (!name) continue;
        if (seen.has(name)) report(accept, 'duplicate-entry', `The plan '${name}' has a second line here: which target applies? Keep one.`, { node: line, property: 'plan' });
        seen.add(name);
    }
    const missing = plans.filter(plan => !seen.has(plan.name));
    if (missing.length > 0) {
        const last = targets.targets.at(-1)?.$cstNode;
        // Cut short by a syntax error (a missing comma), the block's last line is not the last line written.
        const anchor = cutShortBySyntaxError(targets) ? undefined : last ?? keywordNode(targets, '{');
        report(accept, 'plan-uncovered',
            `No target for the plan${missing.length > 1 ? 's' : ''} ${missing.map(plan => `'${plan.name}'`).join(', ')}: under ${missing.length > 1 ? 'them' : 'it'} the objective on '${node.kpi?.$refText ?? ''}' would promise nothing by accident. Give ${missing.length > 1 ? 'each' : 'it'} a target, or write '${missing[0]!.name}: none' if the plan offers no such promise.`,
            { node: targets, keyword: 'plan' },
            { fixes: anchor ? [fix(`Add ${missing.map(plan => `'${plan.name}: none'`).join(', ')}`, [insertAfterNode(anchor, (last ? ',' : '') + missing.map(plan => `\n${indentOf(node)}    ${plan.name}: none`).join(','))])] : [] });
    }
    const choice = planChoiceFor(node);
    if (!choice && agreement) {
        const list = agreement.members.find(isPlanList);
        report(accept, 'plan-missing',
            `The objective on '${node.kpi?.$refText ?? ''}' gives a target per plan, but nothing says which plan applies. Add 'plan <Name>' to the agreement (or the service), or 'plan from <field>' when each row names its plan.`,
            { node: targets, keyword: 'by' },
            { fixes: list?.$cstNode ? plans.slice(0, 3).map((plan, i) => fix(`Add 'plan ${plan.name}'`, [insertAfterNode(list.$cstNode!, `\n${indentOf(list)}plan ${plan.name}`)], i === 0)) : [] });
    }
    if (choice?.field && node.scope) {
        report(accept, 'plan-field',
            `The plan comes from the field '${choice.field.$refText}': the objective is judged per plan on the rows of each plan, and cannot also be 'for each ${node.scope.$refText}'. Remove 'for each', or name the plan with 'plan <Name>'.`,
            { node, property: 'scope' });
    }
    if (choice?.field?.ref && node.kpi?.ref) {
        const dataset = AstUtils.getContainerOfType(choice.field.ref, isDataset);
        if (dataset && !datasetsRead(node.kpi.ref).includes(dataset)) {
            report(accept, 'plan-field',
                `The plan comes from '${dataset.name}.${choice.field.ref.name}', but the KPI '${node.kpi.ref.name}' does not read '${dataset.name}': its rows cannot say their plan. Read the plan from a field of the dataset the KPI reads.`,
                { node: targets, keyword: 'by' });
        }
    }
}

/**
 * Credit tables per plan (`plan Premium { … }` in a credit block): every tier in a plan's table,
 * one table per plan, a `plan …` line that says which applies, and a note for a declared plan
 * without a table (it earns no credit).
 */
function checkCreditTables(credit: Credit, accept: ValidationAcceptor): void {
    const tables = credit.planTiers;
    if (tables.length === 0) return;
    const kpi = credit.kpi?.$refText ?? '';
    for (const tier of credit.tiers) {
        report(accept, 'credit-plan-tiers',
            `This tier is outside the plan tables of the credit on '${kpi}': under which plan does it apply? Move it into a 'plan … { }' table (each plan's table lists all its tiers).`,
            { node: tier });
    }
    const seen = new Set<string>();
    for (const table of tables) {
        const name = table.plan?.ref?.name;
        if (!name) continue;
        if (seen.has(name)) report(accept, 'duplicate-entry', `The plan '${name}' has a second credit table here: which one applies? Keep one.`, { node: table, property: 'plan' });
        seen.add(name);
        if (table.tiers.length === 0) {
            report(accept, 'credit-plan-tiers', `The credit table of the plan '${name}' has no tiers: write them, or remove the table (a plan without a table earns no credit).`, { node: table, property: 'plan' });
        }
    }
    const agreement = AstUtils.getContainerOfType(credit, isAgreement);
    const missing = declaredPlans(agreement).filter(plan => !seen.has(plan.name));
    if (missing.length > 0) {
        report(accept, 'credit-plan-tiers',
            `No credit table for the plan${missing.length > 1 ? 's' : ''} ${missing.map(plan => `'${plan.name}'`).join(', ')}: under ${missing.length > 1 ? 'them' : 'it'} a breach of '${kpi}' earns no credit. Add a 'plan ${missing[0]!.name} { … }' table if the agreement gives one.`,
            { node: credit, keyword: 'credit' }, { severity: 'info' });
    }
    const choice = planChoiceFor(credit);
    if (!choice && agreement) {
        report(accept, 'plan-missing',
            `The credit on '${kpi}' has a table per plan, but nothing says which plan applies. Add 'plan <Name>' to the agreement (or the service), or 'plan from <field>' when each row names its plan.`,
            { node: tables[0]!, keyword: 'plan' });
    }
    if (choice?.field && credit.scope) {
        report(accept, 'plan-field',
            `The plan comes from the field '${choice.field.$refText}': the credit is computed per plan on the rows of each plan, and cannot also be 'for each ${credit.scope.field?.$refText ?? ''}'. Remove 'for each', or name the plan with 'plan <Name>'.`,
            { node: credit.scope });
    }
}

/** `plan from F`: F must hold plan names (text, or `one of` plan names). */
function checkChoice(choice: PlanChoice, accept: ValidationAcceptor): void {
    const field = choice.field?.ref;
    if (!field) return;
    // A plan still being typed may have no name yet (the parser reports it).
    const plans = declaredPlans(AstUtils.getContainerOfType(choice, isAgreement)).map(plan => plan.name).filter((name): name is string => typeof name === 'string');
    if (isEnumType(field.type)) {
        for (const value of field.type.values) {
            if (plans.includes(value)) continue;
            const nearest = nearestWord(value, plans, Math.max(2, Math.floor(value.length / 3)));
            const valueNode = propertyNode(field.type, 'values', field.type.values.indexOf(value));
            report(accept, 'plan-field',
                `The field '${field.name}' can hold "${value}", which is not a declared plan (${plans.map(p => `'${p}'`).join(', ') || 'none declared'}): rows with it would fall under no plan.${nearest ? ` Did you mean '${nearest}'?` : ''} Make the field's values the plans' names.`,
                { node: choice, property: 'field' },
                { fixes: nearest && valueNode ? [fix(`Write "${nearest}" in the field's values`, [replaceNode(valueNode, JSON.stringify(nearest))], true)] : [] });
        }
    } else if (!isTextType(field.type)) {
        report(accept, 'plan-field',
            `The plan comes from '${field.name}', which is not a text field: its values cannot name plans. Declare it 'one of ${plans.map(p => `"${p}"`).join(', ') || '"…"'}'.`,
            { node: choice, property: 'field' });
    }
}

function checkChoiceCount(agreement: Agreement, accept: ValidationAcceptor): void {
    checkRepeatedChoice(agreement.members.filter(isPlanChoice), accept);
    const lists = agreement.members.filter(isPlanList);
    for (const list of lists.slice(1)) report(accept, 'duplicate-entry', `The plans are declared a second time: keep one 'plans …' line.`, { node: list });
    const services = agreement.members.filter(isService);
    const choices = [...agreement.members.filter(isPlanChoice), ...services.flatMap(s => s.members.filter(isPlanChoice))];
    if (lists.length === 0) {
        // `plan X` without plans is already an unknown name; `plan from F` needs the list to check F's values.
        for (const choice of choices.filter(c => c.field)) {
            report(accept, 'plan-missing',
                `'${choice.$cstNode?.text ?? 'plan'}' names a plan, but the agreement declares none: add 'plans <A>, <B>, …' listing them.`,
                { node: choice, keyword: 'plan' });
        }
    }
}

function checkRepeatedChoice(choices: PlanChoice[], accept: ValidationAcceptor): void {
    for (const choice of choices.slice(1)) report(accept, 'duplicate-entry', `This says a second time which plan applies: which one counts? Keep one.`, { node: choice });
}

/** The indentation of the line a node starts on. */
function indentOf(node: { $cstNode?: { range: { start: { line: number } }; root: { fullText: string } } }): string {
    const cst = node.$cstNode;
    if (!cst) return '    ';
    const line = cst.root.fullText.split(/\r?\n/)[cst.range.start.line] ?? '';
    return /^\s*/.exec(line)?.[0] ?? '';
}
