/**
 * The order in which Helm values are layered, as Argo CD passes them to
 * `helm template`: chart defaults < valueFiles (in order) < values < valuesObject
 * < parameters (--set, last wins). Helm itself merges; we only order the arguments.
 */
export interface HelmValuesInput {
  /** Absolute paths (or http(s) URLs), already resolved and checked. */
  valueFiles: string[];
  /** Written to a file by the caller: `values` then `valuesObject`. */
  inlineValueFiles: string[];
  parameters: Array<{ name: string; value: string; forceString?: boolean }>;
  fileParameters?: Array<{ name: string; path: string }>;
}

export function helmValueArgs(input: HelmValuesInput): string[] {
  const args: string[] = [];
  for (const f of [...input.valueFiles, ...input.inlineValueFiles]) args.push('--values', f);
  for (const p of input.parameters)
    args.push(p.forceString ? '--set-string' : '--set', `${p.name}=${p.value}`);
  for (const p of input.fileParameters ?? []) args.push('--set-file', `${p.name}=${p.path}`);
  return args;
}
