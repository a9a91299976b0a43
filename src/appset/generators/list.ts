/**
 * The list generator: one parameter set per element (and per entry of elementsYaml).
 * Without goTemplate every value must be a string; a `values` map becomes `values.<key>`.
 * With goTemplate the elements are used as written. As in Argo CD, elementsYaml entries
 * are always used as written.
 */
import { parse } from 'yaml';
import type { ListGenerator } from '../../api/argo/index.js';
import { isPlainObject, type Params } from '../params.js';
import { GeneratorError } from './types.js';

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
}

function flatValues(values: unknown, index: number): Params {
  if (!isPlainObject(values))
    throw new GeneratorError(`error parsing values map: list element ${index} values is ${describe(values)}`);
  const params: Params = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v !== 'string')
      throw new GeneratorError(
        `error parsing value as string: list element ${index} values.${k} is ${describe(v)} (without goTemplate every value must be a string)`,
      );
    params[`values.${k}`] = v;
  }
  return params;
}

function flatElement(element: Record<string, unknown>, index: number): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'values') Object.assign(params, flatValues(value, index));
    else if (typeof value === 'string') params[key] = value;
    else
      throw new GeneratorError(
        `error parsing value as string: list element ${index} key "${key}" is ${describe(value)} (without goTemplate every value must be a string)`,
      );
  }
  return params;
}

function yamlElements(text: string): Params[] {
  let parsed: unknown;
  try {
    parsed = parse(text, { version: '1.1' });
  } catch (err) {
    throw new GeneratorError(`error unmarshling decoded ElementsYaml ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (parsed === null || parsed === undefined) return [];
  if (!Array.isArray(parsed) || !parsed.every(isPlainObject))
    throw new GeneratorError('error unmarshling decoded ElementsYaml: expected a list of objects');
  return parsed;
}

export function listParams(list: ListGenerator, goTemplate: boolean): Params[] {
  const params = (list.elements ?? []).map((element, i) => {
    if (!isPlainObject(element))
      throw new GeneratorError(`error unmarshling list element ${i}: ${describe(element)} is not an object`);
    return goTemplate ? element : flatElement(element, i);
  });
  return list.elementsYaml ? [...params, ...yamlElements(list.elementsYaml)] : params;
}
