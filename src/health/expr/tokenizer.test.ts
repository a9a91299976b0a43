import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './errors.js';
import { tokenize } from './tokenizer.js';

const kinds = (source: string) => tokenize(source).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it.each([
    ['status.phase', ['identifier:status', 'operator:.', 'identifier:phase', 'end:']],
    [
      'a>=1&&!b',
      ['identifier:a', 'operator:>=', 'number:1', 'operator:&&', 'operator:!', 'identifier:b', 'end:'],
    ],
    ['x == -2.5', ['identifier:x', 'operator:==', 'number:-2.5', 'end:']],
    [
      '[name=my-app]',
      ['operator:[', 'identifier:name', 'operator:=', 'identifier:my-app', 'operator:]', 'end:'],
    ],
    [`'it\\'s' "a\\"b"`, ["string:it's", 'string:a"b', 'end:']],
    ['  ', ['end:']],
  ])('%j', (source, expected) => {
    expect(kinds(source)).toEqual(expected);
  });

  it('records positions', () => {
    expect(tokenize('a  ==  "b"').map((t) => t.position)).toEqual([0, 3, 7, 10]);
  });

  it.each([
    ['a # b', 2, "found '#'"],
    ['a == "open', 10, 'expected closing " for the string at column 6'],
    ['"bad \\q"', 5, "found '\\q'"],
    ['a - b', 2, "found '-'"],
  ])('rejects %j at offset %i', (source, position, text) => {
    const error = (() => {
      try {
        tokenize(source);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect((error as ExpressionSyntaxError).position).toBe(position);
    expect((error as ExpressionSyntaxError).message).toContain(text);
  });
});
