/**
 * The HTTP API against the real test bed: a git repository whose one ConfigMap a custom
 * health check (argocd-cm) calls Degraded when `data.state` is "broken", so tests can
 * turn an app Degraded and back by pushing commits; and small HTTP and SSE clients.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Testbed } from '../../src/testbed/testbed.js';
import type { FerryUnderTest } from '../support/ferry.js';
import type { Operation } from '../../src/api/argo/index.js';
import type { StreamMessage } from '../../src/server/api/stream.js';

/** Pushes the next commit of the `widgets` repository with the ConfigMap's state; returns its sha. */
export function pushWidgets(bed: Testbed, state: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-widgets-'));
  writeFileSync(
    join(dir, 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: widget\ndata:\n  state: ${state}\n`,
  );
  return bed.git.pushFolder('widgets', dir);
}

/** The repository credentials and the health rule the tests rely on. */
export async function configureWidgets(bed: Testbed, f: FerryUnderTest): Promise<void> {
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'widgets',
      namespace: 'argocd',
      labels: { 'argocd.argoproj.io/secret-type': 'repository' },
    },
    stringData: {
      type: 'git',
      url: bed.git.cloneUrl('widgets', false),
      username: bed.git.username!,
      password: bed.git.password!,
    },
  });
  await f.home.apply({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace: 'argocd' },
    data: {
      'ferry.customizations.health.ConfigMap':
        'rules:\n  - when: data.state == "broken"\n    status: Degraded\n    message: "{{ metadata.name }} is broken"\n',
    },
  });
}

export function widgetsApp(bed: Testbed, name: string, automated = false) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', labels: { team: 'widgets' } },
    spec: {
      project: 'default',
      source: { repoURL: bed.git.cloneUrl('widgets', false), path: '.', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { ...(automated ? { automated: {} } : {}), syncOptions: ['CreateNamespace=true'] },
    },
  };
}

/** The JSON answers the tests read (each has some of these). */
export interface Body {
  error: string;
  openapi: string;
  paths: Record<string, unknown>;
  items: Array<{ name: string } & Record<string, unknown>>;
  operation: Operation;
  history: unknown[];
  nodes: unknown[];
  resources: Array<{ resource: string; diff: string }>;
  [key: string]: unknown;
}

export interface Answer {
  status: number;
  body: Body;
}

/** A JSON request to the server under test. */
export async function call(
  base: string,
  path: string,
  options: { token?: string; method?: string; body?: unknown; rawBody?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined)
    headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (metrics)
  }
  return { status: res.status, body: body as Body };
}

/** The /metrics text. */
export async function scrape(base: string): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/** Complete `data:` messages at the front of `buffer`, and what is left of it. */
function takeMessages(buffer: string): { messages: StreamMessage[]; rest: string } {
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages = blocks
    .map((block) =>
      block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n'),
    )
    .filter(Boolean)
    .map((data) => JSON.parse(data) as StreamMessage);
  return { messages, rest };
}

/** Reads an SSE stream; `next(match)` resolves with the first message (since the last call) that matches. */
export async function openStream(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
  const messages: StreamMessage[] = [];
  const waiters: Array<() => void> = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const taken = takeMessages(buffer + decoder.decode(chunk, { stream: true }));
        buffer = taken.rest;
        messages.push(...taken.messages);
        waiters.splice(0).forEach((w) => w());
      }
    } catch {
      // aborted
    }
  })();
  let read = 0;
  const next = async (match: (m: StreamMessage) => boolean, timeoutMs = 10_000): Promise<StreamMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.slice(read).findIndex(match);
      if (found >= 0) {
        read += found + 1;
        return messages[read - 1]!;
      }
      read = messages.length;
      if (Date.now() > deadline) throw new Error(`no matching stream message in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return { next, close: () => controller.abort() };
}
