import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { CATALOG, renderWithPortal } from '../../test/render';
import { EventsPicker } from './EventsPicker';

function Harness({ initial, onChange }: { initial: string[]; onChange: (patterns: string[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <EventsPicker
      eventTypes={CATALOG}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

describe('EventsPicker', () => {
  it('groups product events by resource with each description, and leaves platform events out', () => {
    renderWithPortal(<Harness initial={[]} onChange={() => undefined} />);
    expect(screen.getByRole('group', { name: /All job events/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /All estimate events/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'job.created' })).toHaveAccessibleDescription(
      'When the job is created',
    );
    expect(screen.queryByRole('checkbox', { name: 'webhook.test' })).not.toBeInTheDocument();
  });

  it('selects a whole group as <resource>.* and ticks every event in it', async () => {
    const changes: string[][] = [];
    renderWithPortal(<Harness initial={['estimate.created']} onChange={(next) => changes.push(next)} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'All job events' }));
    expect(changes.at(-1)).toEqual(['estimate.created', 'job.*']);
    expect(screen.getByRole('checkbox', { name: 'job.created' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'job.updated' })).toBeChecked();
  });

  it('unticking one event of a selected group keeps the others by name', async () => {
    const changes: string[][] = [];
    renderWithPortal(<Harness initial={['job.*']} onChange={(next) => changes.push(next)} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'job.updated' }));
    expect(changes.at(-1)).toEqual(['job.created']);
    expect(screen.getByRole('checkbox', { name: 'All job events' })).not.toBeChecked();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'All job events' }).indeterminate).toBe(
      true,
    );
  });

  it('shows everything selected for "*" and expands it when a group is unticked', async () => {
    const changes: string[][] = [];
    renderWithPortal(<Harness initial={['*']} onChange={(next) => changes.push(next)} />);
    expect(screen.getByRole('checkbox', { name: 'estimate.created' })).toBeChecked();
    await userEvent.click(screen.getByRole('checkbox', { name: 'All estimate events' }));
    expect(changes.at(-1)).toEqual(['job.*']);
  });
});
