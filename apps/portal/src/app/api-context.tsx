import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import type { PortalAccess } from './access';

interface PortalContextValue {
  api: ApiClient;
  access: PortalAccess;
}

const PortalContext = createContext<PortalContextValue | null>(null);

export function PortalProvider({ value, children }: { value: PortalContextValue; children: ReactNode }) {
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) {
    throw new Error('usePortal outside PortalProvider');
  }
  return value;
}

export const useApi = (): ApiClient => usePortal().api;
