import { createContext, useContext } from 'react';

/** A context that only has a value under its provider: its hook throws anywhere else. */
export function requiredContext<T>(hookName: string, providerName: string) {
  const Context = createContext<T | null>(null);
  function useRequired(): T {
    const value = useContext(Context);
    if (!value) {
      throw new Error(`${hookName} outside ${providerName}`);
    }
    return value;
  }
  return { Provider: Context.Provider, use: useRequired };
}
