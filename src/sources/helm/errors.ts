/** Errors of Helm chart sources, worded for the Application's status. */
export class ChartNotFoundError extends Error {
  constructor(repoURL: string, chart: string, version: string, available: string[]) {
    const listed = available.length
      ? `; available: ${available.slice(0, 10).join(', ')}${available.length > 10 ? ', …' : ''}`
      : '';
    super(`chart "${chart}" version "${version}" not found in ${repoURL}${listed}`);
    this.name = 'ChartNotFoundError';
  }
}

export class RepositoryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RepositoryError';
  }
}
