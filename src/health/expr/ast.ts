/**
 * The syntax tree of a health expression. Every node keeps the offset it started at, so
 * evaluation errors can point at the source.
 */
export type Scalar = string | number | boolean | null;

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = '&&' | '||';

/** One step of a path: `.name` / `["key"]`, `[0]`, or `[field=value]` (first list item matching). */
export type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'select'; field: string[]; value: Scalar };

export interface PathNode {
  type: 'path';
  segments: Segment[];
  position: number;
}

export type FunctionName = 'has' | 'len';

export type ExprNode =
  | { type: 'literal'; value: Scalar; position: number }
  | PathNode
  | { type: 'call'; name: FunctionName; argument: PathNode; position: number }
  | { type: 'not'; operand: ExprNode; position: number }
  | { type: 'compare'; operator: ComparisonOperator; left: ExprNode; right: ExprNode; position: number }
  | { type: 'logical'; operator: LogicalOperator; left: ExprNode; right: ExprNode; position: number };
