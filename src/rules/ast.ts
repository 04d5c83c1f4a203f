/**
 * The syntax tree of the rules language. Every node carries the offsets of its source text (`start`
 * inclusive, `end` exclusive) so that errors and explanations can point into the rule.
 */

/** Binary operators, from arithmetic to logic. */
export type BinaryOperator = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';

/** Where a node's text is in its rule: offsets into the source. */
export interface Span {
  start: number;
  end: number;
}

/** A node of the syntax tree. */
export type Expression =
  | ({ kind: 'number'; value: number } & Span)
  | ({ kind: 'money'; fen: number } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'boolean'; value: boolean } & Span)
  | ({ kind: 'date'; value: string } & Span)
  | ({ kind: 'list'; items: Expression[] } & Span)
  | ({ kind: 'fact'; path: string } & Span)
  | ({ kind: 'parameter'; name: string } & Span)
  | ({ kind: 'as_of' } & Span)
  | ({ kind: 'unary'; operator: '-' | 'not'; operand: Expression } & Span)
  | ({ kind: 'binary'; operator: BinaryOperator; left: Expression; right: Expression } & Span)
  | ({ kind: 'in'; value: Expression; list: Expression; negated: boolean } & Span)
  | ({ kind: 'if'; condition: Expression; then: Expression; otherwise: Expression } & Span)
  | ({ kind: 'call'; name: string; args: Expression[] } & Span);

/** A node of one kind. */
export type ExpressionOf<K extends Expression['kind']> = Extract<Expression, { kind: K }>;

/** The tree without positions, for comparing two trees by meaning (the printer's round trip). */
export function withoutSpans(node: Expression): unknown {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) copy[key] = value.map((item: Expression) => withoutSpans(item));
    else if (value && typeof value === 'object') copy[key] = withoutSpans(value as Expression);
    else copy[key] = value;
  }
  return copy;
}

/** Every fact path the expression reads, in order of first appearance. */
export function factsRead(node: Expression, into: string[] = []): string[] {
  visit(node, (child) => {
    if (child.kind === 'fact' && !into.includes(child.path)) into.push(child.path);
  });
  return into;
}

/** Every parameter name the expression reads, in order of first appearance. */
export function parametersRead(node: Expression, into: string[] = []): string[] {
  visit(node, (child) => {
    if (child.kind === 'parameter' && !into.includes(child.name)) into.push(child.name);
  });
  return into;
}

/** Calls `see` on the node and every node below it, parents first. */
export function visit(node: Expression, see: (node: Expression) => void): void {
  see(node);
  switch (node.kind) {
    case 'list':
      for (const item of node.items) visit(item, see);
      return;
    case 'unary':
      visit(node.operand, see);
      return;
    case 'binary':
      visit(node.left, see);
      visit(node.right, see);
      return;
    case 'in':
      visit(node.value, see);
      visit(node.list, see);
      return;
    case 'if':
      visit(node.condition, see);
      visit(node.then, see);
      visit(node.otherwise, see);
      return;
    case 'call':
      for (const arg of node.args) visit(arg, see);
      return;
    default:
      return;
  }
}
