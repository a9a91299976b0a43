/**
 * The environment of one git command. Credentials travel as an HTTP header in
 * `GIT_CONFIG_COUNT/KEY/VALUE` variables: never in a URL, never in the mirror's
 * config, never on a command line (where `ps` would show them), never on disk.
 */

export interface GitCredentials {
  username?: string;
  /** A password or an access token. */
  password?: string;
  /** Skip TLS certificate verification. */
  insecure?: boolean;
}

/** Inherited variables that would point git at another repository or other settings. */
const DROPPED =
  /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_CONFIG_PARAMETERS|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|SSH_ASKPASS)$/;

/**
 * Builds the environment for git: never prompts (no terminal, no askpass program), speaks
 * English (so failures can be classified), and authenticates with `credentials` if given.
 * A token alone is sent with the user name `git`, which every major host accepts.
 */
export function gitEnv(
  credentials?: GitCredentials,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!DROPPED.test(key)) env[key] = value;
  Object.assign(env, { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '' });
  const config = configFor(credentials);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

function configFor(credentials: GitCredentials | undefined): Array<[string, string]> {
  const config: Array<[string, string]> = [];
  if (credentials?.username || credentials?.password) {
    const basic = Buffer.from(`${credentials.username || 'git'}:${credentials.password ?? ''}`).toString(
      'base64',
    );
    config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
    // Ours only: a stored credential must not stand in for (or outlive) the given ones.
    config.push(['credential.helper', '']);
  }
  if (credentials?.insecure) config.push(['http.sslVerify', 'false']);
  return config;
}

/** What must never appear in a message: the password and the header that carries it. */
export function secretsOf(credentials: GitCredentials | undefined): string[] {
  if (!credentials?.password) return [];
  const basic = Buffer.from(`${credentials.username || 'git'}:${credentials.password}`).toString('base64');
  return [credentials.password, encodeURIComponent(credentials.password), basic];
}
