/**
 * Edits of files users wrote (a Helm values file, a kustomization.yaml) that keep every
 * byte outside the changed values: an existing scalar is replaced in place, keeping its
 * quoting; only a missing key makes the document be written again (comments kept).
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document } from 'yaml';

export class ValuesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesFileError';
  }
}

export interface Assignment {
  /** Key path, e.g. ['image', 'tag'] (Helm's `image.tag`). */
  path: (string | number)[];
  value: string;
}

/** The text with each assignment made; unchanged text when every value already matches. */
export function setValues(text: string, assignments: Assignment[], file: string): string {
  let out = text;
  for (const a of assignments) out = setValue(out, a, file);
  return out;
}

function setValue(text: string, { path, value }: Assignment, file: string): string {
  const doc = load(text, file);
  const node: unknown = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    if (String(node.value) === value) return text;
    const [start, end] = node.range;
    return text.slice(0, start) + scalarText(value, node.type) + text.slice(end);
  }
  if (node !== undefined && !isScalar(node))
    throw new ValuesFileError(`${file}: ${path.join('.')} is not a plain value`);
  doc.setIn(path, value);
  return doc.toString();
}

function load(text: string, file: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new ValuesFileError(`${file}: invalid YAML: ${doc.errors[0]!.message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new ValuesFileError(`${file}: not a YAML mapping`);
  return doc;
}

/** A string in the scalar's original style; plain only when it still reads back as the same string. */
function scalarText(value: string, type: Scalar['type']): string {
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  const plain = parseDocument(`v: ${value}`).get('v');
  return plain === value && !/[#:]/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

/** Helm's dotted parameter name as a key path (`a.b[0].c` → a, b, 0, c; `\.` escapes a dot). */
export function helmKeyPath(name: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const raw of name.split(/(?<!\\)\./)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(raw.replace(/\\\./g, '.'));
    if (!m) throw new ValuesFileError(`"${name}" is not a Helm parameter name`);
    if (m[1]) parts.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) parts.push(Number(idx[1]));
  }
  return parts;
}

/**
 * A kustomization's `images:` entry for `name` set to `newName`/`newTag` (or `digest`),
 * as `kustomize edit set image` does; the entry is added when missing.
 */
export function setKustomizeImage(
  text: string,
  image: { name: string; newName?: string; newTag?: string; digest?: string },
  file: string,
): string {
  const doc = load(text, file);
  const images = doc.get('images', true);
  if (images !== undefined && !isSeq(images)) throw new ValuesFileError(`${file}: images is not a list`);
  const index = isSeq(images)
    ? images.items.findIndex((item) => isMap(item) && item.get('name') === image.name)
    : -1;
  if (index < 0) {
    const entry: Record<string, string> = { name: image.name };
    if (image.newName) entry.newName = image.newName;
    if (image.digest) entry.digest = image.digest;
    else if (image.newTag) entry.newTag = image.newTag;
    if (isSeq(images)) images.add(doc.createNode(entry));
    else doc.set('images', doc.createNode([entry]));
    return doc.toString();
  }
  const assignments: Assignment[] = [];
  if (image.newName) assignments.push({ path: ['images', index, 'newName'], value: image.newName });
  if (image.digest) assignments.push({ path: ['images', index, 'digest'], value: image.digest });
  else if (image.newTag) assignments.push({ path: ['images', index, 'newTag'], value: image.newTag });
  return setValues(text, assignments, file);
}
