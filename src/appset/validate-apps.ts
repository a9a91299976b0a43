/**
 * Checks of the generated Applications before anything is written: a name, a valid
 * one (an RFC 1123 subdomain, as the API server requires), no two alike, an existing
 * project, a known destination cluster, and a spec Ferry can read. Any problem stops
 * the whole ApplicationSet (nothing is created, changed or deleted).
 */
import type { Application } from '../api/argo/index.js';
import { validateApplication } from '../api/argo/index.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface AppCheckInputs {
  appSetName: string;
  /** Whether the AppProject exists (`default` always does). */
  projectExists(name: string): boolean;
  /** Why the destination names no known cluster, or undefined when it does. */
  destinationProblem(destination: Application['spec']['destination']): string | undefined;
}

function nameProblem(name: string | undefined, inputs: AppCheckInputs): string | undefined {
  if (!name)
    return `ApplicationSet ${inputs.appSetName} contains an application with no name; a name must be set in the template's metadata.name or via a templatePatch (generateName is not supported)`;
  if (name.length > 253 || !SUBDOMAIN.test(name))
    return `ApplicationSet ${inputs.appSetName} generated an invalid application name "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (at most 253 characters)`;
  return undefined;
}

function appProblem(app: Application, inputs: AppCheckInputs): string | undefined {
  const project = app.spec.project || 'default';
  if (!inputs.projectExists(project)) return `application references project ${project} which does not exist`;
  const destination = inputs.destinationProblem(app.spec.destination ?? {});
  if (destination) return `application destination spec is invalid: ${destination}`;
  const { errors } = validateApplication(app);
  return errors.length
    ? `generated application ${app.metadata.name} is invalid: ${errors.join('; ')}`
    : undefined;
}

/** Problems by application name, in order; empty when every Application may be written. */
export function checkGeneratedApplications(apps: readonly Application[], inputs: AppCheckInputs): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const app of apps) {
    const name = app.metadata.name;
    const problem =
      nameProblem(name, inputs) ??
      (seen.has(name!)
        ? `ApplicationSet ${inputs.appSetName} contains applications with duplicate name: ${name}`
        : undefined) ??
      appProblem(app, inputs);
    if (name) seen.add(name);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Several problems as one condition message, the way Argo CD words it: one, and how many more. */
export function summarizeProblems(problems: readonly string[]): string {
  const first = problems[0] ?? '';
  return problems.length > 1 ? `${first} (and ${problems.length - 1} more)` : first;
}
