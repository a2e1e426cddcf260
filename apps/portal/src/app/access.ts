import { isLocale, type Locale } from '../i18n/i18n';

/** How the portal authenticates: a portal session from the product, or an operator's API key. */
export interface PortalAccess {
  kind: 'session' | 'api-key';
  token: string;
  /** Scopes of a session token; null for an API key, whose scopes only the server knows. */
  scopes: string[] | null;
  expiresAt: Date | null;
}

export interface Branding {
  name: string | null;
  color: string | null;
  locale: Locale | null;
}

const STORAGE_KEY = 'hookline.portal.access';
const BRAND_KEY = 'hookline.portal.brand';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads the session the product put in the fragment, once, then takes it out of the address bar. */
export function takeAccessFromLocation(win: Window): { access: PortalAccess | null; branding: Branding } {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const token = fragment.get('session');
  if (token) {
    const brandColor = fragment.get('brandColor');
    const locale = fragment.get('locale');
    const branding: Branding = {
      name: fragment.get('brandName'),
      color: brandColor && HEX_COLOR.test(brandColor) ? brandColor : null,
      locale: isLocale(locale) ? locale : null,
    };
    win.sessionStorage.setItem(BRAND_KEY, JSON.stringify(branding));
    const access = sessionAccess(token);
    saveAccess(win, access);
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}#/webhooks`);
    return { access, branding };
  }
  return { access: loadAccess(win), branding: loadBranding(win) };
}

export function apiKeyAccess(key: string): PortalAccess {
  return { kind: 'api-key', token: key.trim(), scopes: null, expiresAt: null };
}

/** The claims are readable (only the signature is secret); the server checks them again on every call. */
export function sessionAccess(token: string): PortalAccess {
  const body = token.replace(/^hlps_/, '').split('.')[0] ?? '';
  try {
    const claims = JSON.parse(atob(body.replace(/-/g, '+').replace(/_/g, '/'))) as {
      scopes?: unknown;
      exp?: unknown;
    };
    return {
      kind: 'session',
      token,
      scopes: Array.isArray(claims.scopes) ? claims.scopes.map(String) : [],
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  } catch {
    return { kind: 'session', token, scopes: [], expiresAt: null };
  }
}

export function saveAccess(win: Window, access: PortalAccess | null): void {
  if (access) {
    win.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ kind: access.kind, token: access.token }));
  } else {
    win.sessionStorage.removeItem(STORAGE_KEY);
  }
}

function loadAccess(win: Window): PortalAccess | null {
  try {
    const stored = JSON.parse(win.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as {
      kind?: string;
      token?: string;
    } | null;
    if (!stored?.token) {
      return null;
    }
    return stored.kind === 'session' ? sessionAccess(stored.token) : apiKeyAccess(stored.token);
  } catch {
    return null;
  }
}

function loadBranding(win: Window): Branding {
  try {
    const stored = JSON.parse(win.sessionStorage.getItem(BRAND_KEY) ?? 'null') as Branding | null;
    return stored ?? { name: null, color: null, locale: null };
  } catch {
    return { name: null, color: null, locale: null };
  }
}

/** Whether the UI offers an action: a session says so itself; an API key's refusals come from the server. */
export function canWrite(access: PortalAccess): boolean {
  return access.scopes === null || access.scopes.includes('webhooks:write');
}

export function canReadSecret(access: PortalAccess): boolean {
  return (
    access.scopes === null ||
    access.scopes.includes('secrets:read') ||
    access.scopes.includes('webhooks:write')
  );
}
