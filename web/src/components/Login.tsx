/** The token form: shown until a valid token is entered; the token stays in this tab only. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, clearToken, setToken } from '../api.js';

export function Login({ onDone, reason }: { onDone: () => void; reason?: string }): JSX.Element {
  const [value, setValue] = useState('');
  const [error, setError] = useState(reason ?? '');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setToken(value.trim());
    try {
      await api('/api/v1/whoami');
      onDone();
    } catch (err) {
      clearToken();
      setError((err as Error).message);
    }
  };
  return (
    <main class="login">
      <h1>Ferry</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label for="token">API token</label>
        <input
          id="token"
          type="password"
          autocomplete="off"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
          required
        />
        <p class="hint">
          Create one with <code>ferry token create --role readonly</code>. It is kept in this tab only.
        </p>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}
