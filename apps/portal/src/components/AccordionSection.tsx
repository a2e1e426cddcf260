import { Accordion } from 'radix-ui';
import type { ReactNode } from 'react';

interface AccordionSectionProps {
  value: string;
  /** The heading level the section's trigger sits in, below the heading of what lists it. */
  heading: 'h4' | 'h5';
  /** What the closed section shows in its trigger. */
  summary: ReactNode;
  children: ReactNode;
}

/** One section of an accordion: a heading that opens and closes it, and what it holds. */
export function AccordionSection({ value, heading: Heading, summary, children }: AccordionSectionProps) {
  return (
    <Accordion.Item value={value} className="attempt">
      <Accordion.Header asChild>
        <Heading>
          <Accordion.Trigger className="attempt-trigger">
            {summary}
            <span aria-hidden="true" className="chevron">
              ▾
            </span>
          </Accordion.Trigger>
        </Heading>
      </Accordion.Header>
      <Accordion.Content className="attempt-content">{children}</Accordion.Content>
    </Accordion.Item>
  );
}
