import { useEffect, useState } from 'react';

/** Screens live in the fragment, so the portal needs no server-side routes wherever it is mounted. */
export type Route =
  | { screen: 'webhooks' }
  | { screen: 'new-webhook' }
  | { screen: 'webhook'; id: string }
  | { screen: 'edit-webhook'; id: string }
  | { screen: 'statistics'; webhookId?: string }
  | { screen: 'catalog' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'statistics') {
    return parts[1] ? { screen: 'statistics', webhookId: parts[1] } : { screen: 'statistics' };
  }
  if (parts[0] === 'catalog') {
    return { screen: 'catalog' };
  }
  if (parts[0] === 'webhooks' && parts[1] === 'new') {
    return { screen: 'new-webhook' };
  }
  if (parts[0] === 'webhooks' && parts[1] && parts[2] === 'edit') {
    return { screen: 'edit-webhook', id: parts[1] };
  }
  if (parts[0] === 'webhooks' && parts[1]) {
    return { screen: 'webhook', id: parts[1] };
  }
  return { screen: 'webhooks' };
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'webhooks':
      return '#/webhooks';
    case 'new-webhook':
      return '#/webhooks/new';
    case 'webhook':
      return `#/webhooks/${encodeURIComponent(route.id)}`;
    case 'edit-webhook':
      return `#/webhooks/${encodeURIComponent(route.id)}/edit`;
    case 'statistics':
      return route.webhookId ? `#/statistics/${encodeURIComponent(route.webhookId)}` : '#/statistics';
    case 'catalog':
      return '#/catalog';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
