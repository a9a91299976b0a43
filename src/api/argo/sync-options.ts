/**
 * The `Name=value` sync options Argo CD understands in `spec.syncPolicy.syncOptions` and
 * `operation.sync.syncOptions`, with the values each accepts. Argo CD compares them as exact
 * strings (`CreateNamespace=True` does nothing there), so Ferry rejects anything else.
 */
const BOOLEAN = ['true', 'false'] as const;

export const KNOWN_SYNC_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  CreateNamespace: BOOLEAN,
  ServerSideApply: BOOLEAN,
  PruneLast: BOOLEAN,
  ApplyOutOfSyncOnly: BOOLEAN,
  Replace: BOOLEAN,
  Validate: BOOLEAN,
  RespectIgnoreDifferences: BOOLEAN,
  FailOnSharedResource: BOOLEAN,
  SkipDryRunOnMissingResource: BOOLEAN,
  PrunePropagationPolicy: ['foreground', 'background', 'orphan'],
  Prune: ['true', 'false', 'confirm'],
  Delete: ['true', 'false', 'confirm'],
};

function optionError(option: string, path: string): string | undefined {
  const eq = option.indexOf('=');
  if (eq < 0) return `${path} "${option}" is not of the form Name=value`;
  const name = option.slice(0, eq);
  const allowed = KNOWN_SYNC_OPTIONS[name];
  if (allowed === undefined) return `${path} "${option}" is not a known option`;
  if (allowed.includes(option.slice(eq + 1))) return undefined;
  const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
  return `${path} "${option}" is not a known option value; ${name} takes ${choices}`;
}

/** Errors for a syncOptions list found at `path`; non-strings are left to the schema check. */
export function syncOptionErrors(options: unknown, path: string): string[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((option: unknown, i) => {
    const error = typeof option === 'string' ? optionError(option, `${path}[${i}]`) : undefined;
    return error === undefined ? [] : [error];
  });
}
