// proxy-from-env@2 ships no types.
declare module 'proxy-from-env' {
  /** The proxy URL for a URL from *_PROXY / NO_PROXY (any case), or '' to connect directly. */
  export function getProxyForUrl(url: string | URL): string
}
