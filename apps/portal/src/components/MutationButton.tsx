import type { ReactNode } from 'react';

interface MutationButtonProps {
  mutation: { mutate: () => void; isPending: boolean };
  children: ReactNode;
}

/** A button that runs an action of the API, disabled while it is under way. */
export function MutationButton({ mutation, children }: MutationButtonProps) {
  return (
    <button type="button" className="button" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
      {children}
    </button>
  );
}
