import { screen, waitFor } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { ApiError } from '../../api/api-error';
import type { Webhook, WebhookInput } from '../../api/types';
import { CATALOG, renderWithPortal } from '../../test/render';
import { WebhookForm } from './WebhookForm';

const userEvent = userEventLib.setup({ delay: null });

const existing: Webhook = {
  id: 'wh_1',
  name: 'CRM sync',
  description: null,
  url: 'https://crm.example.com/hooks',
  events: ['job.created'],
  filter: { field: 'data.job.status', eq: 'completed' },
  active: true,
  auth: { type: 'basic', username: 'hookline' },
  headers: { 'X-Tenant': 'acme' },
  retryPolicy: { preset: 'short' },
  timeoutSeconds: 15,
  signatureScheme: { type: 'standard-webhooks' },
  ordered: false,
  disabledReason: null,
  disabledAt: null,
  version: 3,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

/** Renders the form with `initial`; what it submits is recorded in the list returned. */
function renderFormRecordingSubmits(initial: Webhook | null): Array<Partial<WebhookInput>> {
  const submitted: Array<Partial<WebhookInput>> = [];
  renderWithPortal(
    <WebhookForm
      initial={initial}
      eventTypes={CATALOG}
      onSubmit={async (input) => submitted.push(input)}
      onCancel={() => undefined}
    />,
  );
  return submitted;
}

describe('WebhookForm', () => {
  it('sends every field of a new webhook as typed', async () => {
    const submitted = renderFormRecordingSubmits(null);
    await userEvent.type(screen.getByLabelText('Name'), 'ERP');
    await userEvent.type(screen.getByLabelText('Webhook URL'), 'https://erp.example.com/in');
    await userEvent.click(screen.getByLabelText('Bearer token'));
    await userEvent.type(screen.getByLabelText('Token'), 's3cret');
    await userEvent.click(screen.getByRole('checkbox', { name: 'All job events' }));
    await userEvent.click(screen.getByLabelText('Custom delays'));
    await userEvent.type(screen.getByLabelText(/Delays before each retry/), '60, 600');
    await userEvent.click(screen.getByRole('button', { name: 'Add header' }));
    await userEvent.type(screen.getByLabelText('Header name'), 'X-Source');
    await userEvent.type(screen.getByLabelText('Header value'), 'hookline');
    await userEvent.click(screen.getByLabelText('Ordered delivery'));
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(submitted).toEqual([
      {
        name: 'ERP',
        description: null,
        url: 'https://erp.example.com/in',
        events: ['job.*'],
        filter: null,
        auth: { type: 'bearer', token: 's3cret' },
        headers: { 'X-Source': 'hookline' },
        retryPolicy: { preset: 'custom', delaysSeconds: [60, 600] },
        timeoutSeconds: 15,
        ordered: true,
        signatureScheme: { type: 'standard-webhooks' },
        active: false,
      },
    ]);
  });

  it('shows each problem the API reports on the field it names', async () => {
    const onSubmit = () =>
      Promise.reject(
        new ApiError(400, 'url must use https; events should not be empty', [
          'url must use https (set ALLOW_INSECURE_URLS=true for local development)',
          'events should not be empty',
          'something else entirely',
        ]),
      );
    renderWithPortal(
      <WebhookForm initial={null} eventTypes={CATALOG} onSubmit={onSubmit} onCancel={() => undefined} />,
    );
    await userEvent.type(screen.getByLabelText('Webhook URL'), 'http://example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    const url = screen.getByLabelText('Webhook URL');
    // The refusal arrives after the click has returned: wait for the form to show it.
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'));
    expect(url).toHaveAccessibleDescription(expect.stringContaining('url must use https'));
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByText('events should not be empty')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('something else entirely');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveFocus());
  });

  it("inherits each event type's schedule unless a preset is chosen, and shows an inheriting webhook so", async () => {
    const created = renderFormRecordingSubmits(null);
    expect(screen.getByLabelText(/Each event type's default/)).toBeChecked();
    await userEvent.type(screen.getByLabelText('Name'), 'ERP');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(created[0]).toMatchObject({ retryPolicy: null });
  });

  it("sends null to return an edited webhook to its event types' schedules", async () => {
    const submitted = renderFormRecordingSubmits(existing);
    await userEvent.click(screen.getByLabelText(/Each event type's default/));
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(submitted[0]).toMatchObject({ retryPolicy: null });
  });

  it('on edit, keeps stored credentials and redacted headers unless they are changed', async () => {
    const submitted = renderFormRecordingSubmits(existing);
    expect(screen.getByLabelText('Username')).toHaveValue('hookline');
    expect(screen.getByLabelText(/Short: retry after 5 minutes/)).toBeChecked();
    await userEvent.clear(screen.getByLabelText('Name'));
    await userEvent.type(screen.getByLabelText('Name'), 'CRM sync v2');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(submitted[0]).toMatchObject({ name: 'CRM sync v2', retryPolicy: { preset: 'short' } });
    expect(submitted[0]).not.toHaveProperty('auth');
    expect(submitted[0]).not.toHaveProperty('headers');
    expect(submitted[0]).not.toHaveProperty('active');
  });

  it('sends the payload filter parsed, shows the stored one, and clears it when emptied', async () => {
    const submitted = renderFormRecordingSubmits(existing);
    const filter = screen.getByLabelText('Payload filter');
    expect(JSON.parse((filter as HTMLTextAreaElement).value)).toEqual(existing.filter);

    await userEvent.clear(filter);
    await userEvent.click(filter);
    await userEvent.paste('{"or": [{"field": "subject", "startsWith": "job_"}]}');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    await userEvent.clear(filter);
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    expect(submitted.map((input) => input.filter)).toEqual([
      { or: [{ field: 'subject', startsWith: 'job_' }] },
      null,
    ]);
  });

  it('sends a filter that is not JSON as typed, and shows the API’s refusal on the field', async () => {
    const sent: unknown[] = [];
    const onSubmit = (input: Partial<WebhookInput>) => {
      sent.push(input.filter);
      return Promise.reject(
        new ApiError(400, 'invalid', ['filter must be an object: a condition, or one of and, or, not']),
      );
    };
    renderWithPortal(
      <WebhookForm initial={existing} eventTypes={CATALOG} onSubmit={onSubmit} onCancel={() => undefined} />,
    );
    const filter = screen.getByLabelText('Payload filter');
    await userEvent.clear(filter);
    await userEvent.type(filter, 'status is completed');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    await waitFor(() => expect(filter).toHaveAttribute('aria-invalid', 'true'));
    expect(filter).toHaveAccessibleDescription(expect.stringContaining('filter must be an object'));
    expect(sent).toEqual(['status is completed']);
  });
});
