/**
 * Finds marked scalars in the text of one YAML file (every document of it) and splices
 * new values into the original text: only the scalar's own characters change, so
 * comments, key order, indentation, quoting and line endings elsewhere stay byte for byte.
 */
import { isMap, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
import { parseMarker, setterValue, type Marker, type PolicyImage } from './marker.js';
import { isEditableStyle, scalarSource } from './scalar.js';

/** Which object a change was made in (Flux's ObjectIdentifier); empty fields for a file without them. */
export interface ObjectId {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface ScalarChange {
  object: ObjectId;
  setter: string;
  oldValue: string;
  newValue: string;
}

interface Edit extends ScalarChange {
  start: number;
  end: number;
  text: string;
}

/** The comment on the rest of the line after `offset`, without `#`; undefined if none. */
function lineCommentAfter(source: string, offset: number): string | undefined {
  const newline = source.indexOf('\n', offset);
  const rest = source.slice(offset, newline < 0 ? undefined : newline).replace(/\r$/, '');
  return /^[ \t]+#(.*)$/.exec(rest)?.[1];
}

function objectOf(doc: Document): ObjectId {
  const str = (path: string[]): string => {
    const v = isMap(doc.contents) ? doc.getIn(path) : undefined;
    return typeof v === 'string' ? v : '';
  };
  return {
    apiVersion: str(['apiVersion']),
    kind: str(['kind']),
    name: str(['metadata', 'name']),
    namespace: str(['metadata', 'namespace']),
  };
}

function editFor(
  source: string,
  node: Scalar,
  marker: Marker,
  image: PolicyImage,
): Omit<Edit, 'object'> | undefined {
  const newValue = setterValue(marker.field, image);
  const [start, end] = node.range ?? [];
  if (newValue === undefined || start === undefined || end === undefined) return undefined;
  if (!isEditableStyle(node.type)) return undefined;
  const oldValue = node.type === 'PLAIN' ? source.slice(start, end) : String(node.value);
  if (oldValue === newValue) return undefined;
  return { start, end, text: scalarSource(newValue, node.type), setter: marker.setter, oldValue, newValue };
}

function editsIn(source: string, doc: Document, policies: ReadonlyMap<string, PolicyImage>): Edit[] {
  const edits: Edit[] = [];
  const object = objectOf(doc);
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || !node.range) return;
      const comment = lineCommentAfter(source, node.range[1]);
      const marker = comment === undefined ? undefined : parseMarker(comment);
      const image = marker && policies.get(marker.policy);
      const edit = marker && image ? editFor(source, node, marker, image) : undefined;
      if (edit) edits.push({ ...edit, object });
    },
  });
  return edits;
}

/**
 * Applies the policies' images to the markers in `source`. Returns the new text and the
 * changes; the text is `source` itself when nothing changed. A file YAML cannot parse
 * is an error (Flux fails the run on it too).
 */
export function updateDocumentText(
  source: string,
  policies: ReadonlyMap<string, PolicyImage>,
): { text: string; changes: ScalarChange[] } {
  const docs = parseAllDocuments(source);
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length > 0);
  if (broken) throw new Error(`invalid YAML: ${broken.errors[0]?.message ?? 'parse error'}`);
  const edits = list.flatMap((doc) => editsIn(source, doc, policies)).sort((a, b) => b.start - a.start);
  let text = source;
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  const changes = edits
    .reverse()
    .map(({ object, setter, oldValue, newValue }) => ({ object, setter, oldValue, newValue }));
  return { text, changes };
}
