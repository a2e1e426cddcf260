import type { ReactNode } from 'react';

interface ScreenFrameProps {
  /** The id of the heading, which names the screen for assistive technology. */
  titleId: string;
  title: ReactNode;
  /** Buttons or links beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A top-level screen: a section named by its heading, with the screen's actions beside it. */
export function ScreenFrame({ titleId, title, actions, children }: ScreenFrameProps) {
  return (
    <section aria-labelledby={titleId}>
      <header className="screen-header">
        <h2 id={titleId}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
