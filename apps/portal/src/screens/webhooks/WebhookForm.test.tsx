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
  metadata: {},
  tls: null,
  retryPolicy: { preset: 'short' },
  timeoutSeconds: 15,
  signatureScheme: { type: 'standard-webhooks' },
  ordered: false,
  rateLimitPerSecond: null,
  maxConcurrency: null,
  disabledReason: null,
  disabledAt: null,
  version: 3,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

/** The OAuth2 client the tests type in or have stored. */
const oauth2Client = {
  type: 'oauth2',
  tokenUrl: 'https://auth.example.com/token',
  clientId: 'hookline',
} as const;

/** The stored webhook, with some settings of its own. */
const existingWith = (changes: Partial<Webhook>): Webhook => ({ ...existing, ...changes });

/** Renders the form with `initial`, handing what it submits to `onSubmit`. */
function renderForm(initial: Webhook | null, onSubmit: (input: Partial<WebhookInput>) => Promise<unknown>) {
  renderWithPortal(
    <WebhookForm initial={initial} eventTypes={CATALOG} onSubmit={onSubmit} onCancel={() => undefined} />,
  );
}

/** Renders the form with `initial`; what it submits is recorded in the list returned. */
function renderFormRecordingSubmits(initial: Webhook | null): Array<Partial<WebhookInput>> {
  const submitted: Array<Partial<WebhookInput>> = [];
  renderForm(initial, async (input) => submitted.push(input));
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

  it('sends OAuth2 client credentials, leaving out the scope and audience not typed', async () => {
    const submitted = renderFormRecordingSubmits(null);
    await userEvent.type(screen.getByLabelText('Name'), 'ERP');
    await userEvent.type(screen.getByLabelText('Webhook URL'), 'https://erp.example.com/in');
    await userEvent.click(screen.getByLabelText('OAuth2 client credentials'));
    await userEvent.type(screen.getByLabelText('Token URL'), 'https://auth.example.com/token');
    await userEvent.type(screen.getByLabelText('Client ID'), 'hookline');
    await userEvent.type(screen.getByLabelText('Client secret'), 'cs_1');
    await userEvent.type(screen.getByLabelText('Scope'), 'webhooks:receive');
    await userEvent.click(screen.getByRole('checkbox', { name: 'All job events' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    expect(submitted[0].auth).toEqual({
      ...oauth2Client,
      clientSecret: 'cs_1',
      scope: 'webhooks:receive',
      audience: null,
    });
  });

  it('on edit of an OAuth2 webhook, shows the client, keeps the stored secret, and sends a new one typed', async () => {
    const oauth2 = existingWith({
      auth: {
        ...oauth2Client,
        scope: null,
        audience: 'https://api.example.com',
      },
    });
    const submitted = renderFormRecordingSubmits(oauth2);
    expect(screen.getByLabelText('Token URL')).toHaveValue('https://auth.example.com/token');
    expect(screen.getByLabelText('Client ID')).toHaveValue('hookline');
    expect(screen.getByLabelText('Audience')).toHaveValue('https://api.example.com');
    expect(screen.getByLabelText('Client secret')).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    await userEvent.type(screen.getByLabelText('Client secret'), 'cs_2');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    expect(submitted[0]).not.toHaveProperty('auth');
    expect(submitted[1].auth).toEqual({
      ...oauth2Client,
      clientSecret: 'cs_2',
      scope: null,
      audience: 'https://api.example.com',
    });
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
    renderForm(null, onSubmit);
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
    renderForm(existing, onSubmit);
    const filter = screen.getByLabelText('Payload filter');
    await userEvent.clear(filter);
    await userEvent.type(filter, 'status is completed');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    await waitFor(() => expect(filter).toHaveAttribute('aria-invalid', 'true'));
    expect(filter).toHaveAccessibleDescription(expect.stringContaining('filter must be an object'));
    expect(sent).toEqual(['status is completed']);
  });

  it('sends the pasted client certificate, key and CA together, and leaves out empty TLS fields', async () => {
    const submitted = renderFormRecordingSubmits(null);
    expect(screen.queryByLabelText('Remove the client certificate and CA')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    await userEvent.click(screen.getByLabelText('Client certificate (PEM)'));
    await userEvent.paste('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    await userEvent.click(screen.getByLabelText('Private key (PEM)'));
    await userEvent.paste('-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    expect(submitted[0]).not.toHaveProperty('tls');
    expect(submitted[1].tls).toEqual({
      clientCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      privateKey: '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n',
      caCertificates: null,
    });
  });

  it('on edit, keeps stored TLS settings unless replaced or removed, and shows a refusal on the field it names', async () => {
    const withTls = existingWith({
      tls: {
        clientCertificate: {
          subject: 'CN=hookline-client',
          issuer: 'CN=Acme CA',
          fingerprintSha256: 'AB:CD',
          notBefore: '2026-11-01T00:00:00.000Z',
          notAfter: '2027-11-01T00:00:00.000Z',
        },
        caCertificates: [],
      },
    });
    const sent: Array<Partial<WebhookInput>> = [];
    const onSubmit = (input: Partial<WebhookInput>) => {
      sent.push(input);
      return sent.length < 3
        ? Promise.resolve()
        : Promise.reject(
            new ApiError(400, 'invalid', [
              'tls.privateKey is not the key of tls.clientCertificate (the first certificate)',
            ]),
          );
    };
    renderForm(withTls, onSubmit);
    const key = screen.getByLabelText('Private key (PEM)');
    expect(key).toHaveValue('');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    await userEvent.click(screen.getByLabelText('Remove the client certificate and CA'));
    expect(key).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    await userEvent.click(screen.getByLabelText('Remove the client certificate and CA'));
    await userEvent.click(screen.getByLabelText('Client certificate (PEM)'));
    await userEvent.paste('CERT');
    await userEvent.click(key);
    await userEvent.paste('KEY');
    await userEvent.click(screen.getByRole('button', { name: 'Save webhook' }));

    await waitFor(() => expect(key).toHaveAttribute('aria-invalid', 'true'));
    expect(key).toHaveAccessibleDescription(expect.stringContaining('tls.privateKey is not the key'));
    expect(screen.getByLabelText('Client certificate (PEM)')).toHaveAttribute('aria-invalid', 'false');
    expect(sent[0]).not.toHaveProperty('tls');
    expect(sent[1].tls).toBeNull();
    expect(sent[2].tls).toEqual({ clientCertificate: 'CERT\n', privateKey: 'KEY\n', caCertificates: null });
  });
});
