/**
 * Ferry's dashboard: a token form, the app list (#/) and one app's page (#/apps/NAME),
 * fed by the live store. Theme follows the system unless picked (kept in localStorage).
 */
import type { JSX } from 'preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { auth, clearToken, getToken } from './api.js';
import { store } from './store.js';
import { AppList } from './components/AppList.js';
import { AppPage } from './components/AppPage.js';
import { Login } from './components/Login.js';
import { FluxList } from './components/FluxList.js';
import { FluxPage } from './components/FluxPage.js';
import './styles.css';

const themeKey = 'ferry.theme';

function useRoute(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = (): void => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function useStore(): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), []);
  return version;
}

function ThemeToggle(): JSX.Element {
  const [theme, setTheme] = useState(localStorage.getItem(themeKey) ?? '');
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
    else delete document.documentElement.dataset.theme;
    localStorage.setItem(themeKey, theme);
  }, [theme]);
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  return (
    <button type="button" aria-pressed={dark} onClick={() => setTheme(dark ? 'light' : 'dark')}>
      {dark ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

function Dashboard(): JSX.Element {
  useStore();
  const route = useRoute();
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, []);
  const apps = [...store.apps.values()].sort((a, b) => a.name.localeCompare(b.name));
  const name = /^#\/apps\/(.+)$/.exec(route)?.[1];
  const flux = /^#\/flux\/([^/]+)\/([^/]*)\/([^/]+)$/.exec(route);
  const app = name ? store.apps.get(decodeURIComponent(name)) : undefined;
  return (
    <>
      <nav class="top" aria-label="Ferry">
        <a href="#/" class="brand">
          Ferry
        </a>
        <a href="#/">Applications</a>
        <a href="#/flux">Flux</a>
        <span class={store.connected ? 'live on' : 'live'} role="status">
          {store.connected ? 'live' : 'connecting…'}
        </span>
        <ThemeToggle />
        <button
          type="button"
          onClick={() => {
            clearToken();
            location.reload();
          }}
        >
          Sign out
        </button>
      </nav>
      {flux ? (
        <FluxPage
          plural={flux[1]!}
          namespace={decodeURIComponent(flux[2]!)}
          name={decodeURIComponent(flux[3]!)}
        />
      ) : route === '#/flux' ? (
        <FluxList />
      ) : name ? (
        app ? (
          <AppPage app={app} />
        ) : (
          <main>Loading {decodeURIComponent(name)}…</main>
        )
      ) : (
        <AppList apps={apps} />
      )}
    </>
  );
}

function Root(): JSX.Element {
  const [signedIn, setSignedIn] = useState(Boolean(getToken()));
  const [reason, setReason] = useState<string | undefined>();
  auth.onUnauthorized = () => {
    clearToken();
    store.stop();
    setReason('The token was refused; enter it again.');
    setSignedIn(false);
  };
  return signedIn ? <Dashboard /> : <Login reason={reason} onDone={() => setSignedIn(true)} />;
}

render(<Root />, document.getElementById('root')!);
