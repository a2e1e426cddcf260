import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Attempt } from '../../api/types';
import { renderWithPortal } from '../../test/render';
import { AttemptsAccordion } from './AttemptsAccordion';

const attempt = (overrides: Partial<Attempt>): Attempt => ({
  id: 'att_1',
  attempt: 1,
  startedAt: '2026-11-22T10:00:00.000Z',
  durationMs: 42,
  responseStatus: 500,
  responseHeaders: { 'content-type': 'text/plain', 'x-request-id': 'r-1' },
  responseBody: 'database unavailable',
  responseBodyTruncated: false,
  outcome: 'http_5xx',
  error: null,
  nextAttemptAt: '2026-11-22T10:05:00.000Z',
  requestHeaders: { 'webhook-id': 'evt_1' },
  ...overrides,
});

describe('AttemptsAccordion', () => {
  const attempts = [
    attempt({}),
    attempt({
      id: 'att_2',
      attempt: 2,
      responseStatus: null,
      responseHeaders: null,
      responseBody: null,
      outcome: 'timeout',
      error: 'no answer within 15 s',
      nextAttemptAt: null,
    }),
  ];

  it('lists each attempt closed, with its number, code and result', () => {
    renderWithPortal(<AttemptsAccordion attempts={attempts} />);
    const first = screen.getByRole('button', { name: /^Attempt 1: 500/ });
    expect(first).toHaveAttribute('aria-expanded', 'false');
    expect(first).toHaveTextContent('Server error');
    expect(screen.getByRole('button', { name: /^Attempt 2: No response/ })).toHaveTextContent('Timed out');
    expect(screen.queryByText('database unavailable')).not.toBeInTheDocument();
  });

  it('opens an attempt onto its response code, duration, headers and body, by keyboard', async () => {
    renderWithPortal(<AttemptsAccordion attempts={attempts} />);
    const first = screen.getByRole('button', { name: /^Attempt 1: 500/ });
    first.focus();
    await userEvent.keyboard('{Enter}');
    expect(first).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('attempt-code')).toHaveTextContent('500');
    expect(screen.getByText('42 ms')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Response headers' })).toHaveTextContent('x-request-idr-1');
    expect(screen.getByLabelText('Response body')).toHaveTextContent('database unavailable');
    expect(screen.getByText(/Next retry at/)).toBeInTheDocument();
  });

  it('shows the error class and message of an attempt that got no response', async () => {
    renderWithPortal(<AttemptsAccordion attempts={attempts} />);
    await userEvent.click(screen.getByRole('button', { name: /^Attempt 2/ }));
    expect(screen.getByText('no answer within 15 s')).toBeInTheDocument();
    expect(screen.getByText('timeout')).toBeInTheDocument();
    expect(screen.getByLabelText('Response body')).toHaveTextContent('(empty)');
  });
});
