import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import type { PortalAccess } from './access';
import { requiredContext } from './required-context';

interface PortalContextValue {
  api: ApiClient;
  access: PortalAccess;
}

const PortalContext = requiredContext<PortalContextValue>('usePortal', 'PortalProvider');

export function PortalProvider({ value, children }: { value: PortalContextValue; children: ReactNode }) {
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export const usePortal: () => PortalContextValue = PortalContext.use;

export const useApi = (): ApiClient => usePortal().api;
