import { describe, expect, it } from 'vitest';
import { CommandError } from '../../util/exec.js';
import {
  GitAuthError,
  GitError,
  GitRepositoryNotFoundError,
  GitUnreachableError,
  toGitError,
} from './errors.js';

const failed = (stderr: string, exitCode: number | null = 128): CommandError =>
  new CommandError('git ls-remote https://u:hunter22@host/r.git', exitCode, stderr, '');

describe('toGitError', () => {
  it.each<[string, CommandError, abstract new (...args: never[]) => GitError, string]>([
    [
      'no credentials',
      failed("fatal: could not read Username for 'https://host': terminal prompts disabled"),
      GitAuthError,
      'authentication failed for https://host/r.git: check the repository credentials',
    ],
    [
      'wrong credentials',
      failed("remote: Invalid username or password.\nfatal: Authentication failed for 'https://host/r.git/'"),
      GitAuthError,
      'authentication failed for https://host/r.git: check the repository credentials',
    ],
    [
      'connection refused',
      failed(
        "fatal: unable to access 'https://host/r.git/': Failed to connect to host port 443: Connection refused",
      ),
      GitUnreachableError,
      'cannot reach https://host/r.git: Failed to connect to host port 443: Connection refused',
    ],
    [
      'DNS',
      failed("fatal: unable to access 'https://host/r.git/': Could not resolve host: host"),
      GitUnreachableError,
      'cannot reach https://host/r.git: Could not resolve host: host',
    ],
    [
      'killed after the timeout',
      failed('', null),
      GitUnreachableError,
      'cannot reach https://host/r.git: git did not finish in time',
    ],
    [
      'no such repository',
      failed("fatal: repository 'https://host/r.git/' not found"),
      GitRepositoryNotFoundError,
      'repository https://host/r.git not found: check the URL and the credentials',
    ],
    [
      'anything else',
      failed('error: object file is empty\nfatal: bad object HEAD'),
      GitError,
      'git failed for https://host/r.git: object file is empty',
    ],
  ])('%s', (_name, err, type, message) => {
    const got = toGitError(err, 'https://host/r.git', ['hunter22']);
    expect(got).toBeInstanceOf(type);
    expect(got.constructor).toBe(type);
    expect(got.message).toBe(message);
    expect(got.cause).toBeInstanceOf(CommandError);
    expect(String(got.cause)).not.toContain('hunter22');
  });

  it('removes credentials from the URL it shows and keeps GitErrors as they are', () => {
    const got = toGitError(new Error('boom hunter22'), 'https://u:hunter22@host/r.git', ['hunter22']);
    expect(got.message).toBe('git failed for https://host/r.git: boom ***');
    expect(toGitError(got, 'x')).toBe(got);
  });

  it('says which errors are worth retrying', () => {
    expect(toGitError(failed('fatal: Authentication failed'), 'u').retryable).toBe(false);
    expect(toGitError(failed('Could not resolve host: h'), 'u').retryable).toBe(true);
  });
});
