/**
 * RFC 6901 JSON pointers: `/spec/template/metadata/annotations/a~1b` where `~1` is `/`
 * and `~0` is `~`. Used both to read ignore rules and to name changes.
 */
import { isPlainObject, type Path, type PathSegment } from './values.js';

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Splits a pointer into unescaped tokens; throws SyntaxError when it is not RFC 6901. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new SyntaxError('a JSON pointer must start with "/"');
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw new SyntaxError(`bad escape in token ${JSON.stringify(token)}`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** The pointer for a path; array indices become decimal tokens. */
export function formatPointer(path: Path): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Appends one segment to a pointer. */
export function childPointer(pointer: string, segment: PathSegment): string {
  return pointer + formatPointer([segment]);
}

/**
 * The concrete path a pointer names in `doc`, or undefined when nothing is there
 * (a missing key, an index out of range, or a step into a scalar).
 */
export function resolvePointer(doc: unknown, tokens: readonly string[]): PathSegment[] | undefined {
  const path: PathSegment[] = [];
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      const index = Number(token);
      if (index >= node.length) return undefined;
      path.push(index);
      node = node[index];
    } else if (isPlainObject(node) && Object.hasOwn(node, token)) {
      path.push(token);
      node = node[token];
    } else {
      return undefined;
    }
  }
  return path;
}
