/** Origins as a CSP source list; the values were validated at boot as http(s) origins. */
export function parseOriginList(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((origin) => new URL(origin).origin);
}

/**
 * Headers of every portal response. Only the configured origins may frame it (none by default), and
 * scripts come from the portal itself; the only other host it talks to is the audit API.
 */
export function portalSecurityHeaders(frameAncestors: string[], auditUrl: string): Record<string, string> {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    // Component and chart libraries set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${new URL(auditUrl).origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(frameAncestors.length === 0 ? { 'x-frame-options': 'DENY' } : {}),
  };
}
