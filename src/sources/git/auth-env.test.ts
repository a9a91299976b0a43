import { describe, expect, it } from 'vitest';
import { gitEnv, secretsOf } from './auth-env.js';

const config = (env: NodeJS.ProcessEnv): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let i = 0; i < Number(env.GIT_CONFIG_COUNT); i++)
    out[env[`GIT_CONFIG_KEY_${i}`]!] = env[`GIT_CONFIG_VALUE_${i}`]!;
  return out;
};
const basic = (s: string): string => `Authorization: Basic ${Buffer.from(s).toString('base64')}`;

describe('gitEnv', () => {
  it.each<[string, Parameters<typeof gitEnv>[0], Record<string, string>]>([
    ['anonymous', undefined, {}],
    [
      'user and password',
      { username: 'u', password: 'p' },
      { 'http.extraHeader': basic('u:p'), 'credential.helper': '' },
    ],
    ['a token alone', { password: 'tok' }, { 'http.extraHeader': basic('git:tok'), 'credential.helper': '' }],
    ['insecure', { insecure: true }, { 'http.sslVerify': 'false' }],
  ])('%s', (_name, credentials, expected) => {
    expect(config(gitEnv(credentials, {}))).toEqual(expected);
  });

  it('never prompts, speaks English and drops inherited repository and config variables', () => {
    const env = gitEnv(undefined, {
      PATH: '/bin',
      GIT_DIR: '/elsewhere',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_VALUE_0: 'c',
      SSH_ASKPASS: '/usr/bin/askpass',
    });
    expect(env).toEqual({
      PATH: '/bin',
      LC_ALL: 'C',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      GIT_CONFIG_COUNT: '0',
    });
  });

  it('names the secrets to keep out of messages', () => {
    expect(secretsOf({ username: 'u', password: 'p w' })).toEqual([
      'p w',
      'p%20w',
      Buffer.from('u:p w').toString('base64'),
    ]);
    expect(secretsOf({ username: 'u' })).toEqual([]);
  });
});
