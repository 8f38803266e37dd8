/** Where the browser-host token is kept for this tab, so a reload keeps working. */
export const TOKEN_KEY = 'mostrador.token';

export type TokenEnv = {
  href: string;
  storage: {
    getItem: (key: string) => string | null;
    setItem: (key: string, value: string) => void;
  };
  /** Replaces the address shown in the address bar without reloading. */
  replaceUrl: (url: string) => void;
};

/**
 * Takes the per-start token from `?token=` once, keeps it in session storage and removes it
 * from the address bar, so it does not end up in history, bookmarks or screenshots.
 * Without one in the URL, the token stored earlier in this tab is used.
 */
export const takeToken = (env: TokenEnv): string | null => {
  const url = new URL(env.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl === null) return env.storage.getItem(TOKEN_KEY);
  url.searchParams.delete('token');
  env.replaceUrl(`${url.pathname}${url.search}${url.hash}`);
  if (fromUrl === '') return env.storage.getItem(TOKEN_KEY);
  env.storage.setItem(TOKEN_KEY, fromUrl);
  return fromUrl;
};
