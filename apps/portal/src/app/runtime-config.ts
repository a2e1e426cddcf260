/** Where the APIs are, as the browser reaches them; served next to the app as `config.json`. */
export interface RuntimeConfig {
  subscriptionUrl: string;
  auditUrl: string;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`config.json answered ${response.status}`);
  }
  const body = (await response.json()) as { auditUrl?: unknown; subscriptionUrl?: unknown };
  if (typeof body.auditUrl !== 'string') {
    throw new Error('config.json has no auditUrl');
  }
  return {
    auditUrl: body.auditUrl,
    subscriptionUrl: typeof body.subscriptionUrl === 'string' ? body.subscriptionUrl : '',
  };
}
