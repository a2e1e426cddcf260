import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

type Notify = (message: string) => void;
const NoticeContext = createContext<Notify>(() => undefined);

/** Confirmations of what just happened, announced to screen readers through a polite live region. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Array<{ id: number; text: string }>>([]);
  const notify = useCallback<Notify>((text) => {
    const id = Date.now() + Math.random();
    setMessages((current) => [...current.slice(-2), { id, text }]);
    window.setTimeout(() => setMessages((current) => current.filter((message) => message.id !== id)), 6000);
  }, []);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {messages.map((message) => (
          <p key={message.id} className="notice">
            {message.text}
          </p>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export const useNotify = (): Notify => useContext(NoticeContext);
