import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Langium joins the tokens of a data type rule without their whitespace: `business days`
 * would read `businessdays`. The unit keeps its space, as the reader wrote and will see it.
 */
export class SlaValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'BusinessDayUnit') return input.replace(/^business/, 'business ');
        return super.runConverter(rule, input, cstNode);
    }
}
