/** An HTTP proxy that egress tunnels through with CONNECT; operator configuration, never customer input. */
export interface EgressProxy {
  host: string;
  port: number;
  /** `Basic …` from the URL's userinfo, or null; never logged. */
  authorization: string | null;
  /** The URL without its credentials, for logs and errors. */
  display: string;
}

/** Parses `http://[user:password@]host:port`; throws naming `variableName`, never echoing the password. */
export function parseEgressProxyUrl(value: string, variableName = 'DELIVERY_EGRESS_PROXY_URL'): EgressProxy {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variableName} must be a URL such as http://proxy.internal:3128`);
  }
  if (url.protocol !== 'http:') {
    throw new Error(`${variableName} must use http: (the tunnel it opens carries TLS end to end)`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new Error(`${variableName} must be only scheme, optional user:password@, host and port`);
  }
  const display = `http://${url.host}`;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 80 : Number(url.port),
    authorization:
      user === '' && password === ''
        ? null
        : `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
    display,
  };
}
