/**
 * Parsed expressions, remembered by source text so a check run on every object of a kind
 * parses each rule once. The cache is bounded; it is emptied when full.
 */
import type { ExprNode } from './ast.js';
import { parseExpression } from './parser.js';

const MAX_ENTRIES = 1000;
const cache = new Map<string, ExprNode>();

export function compileExpression(source: string): ExprNode {
  const known = cache.get(source);
  if (known) return known;
  const node = parseExpression(source);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(source, node);
  return node;
}
