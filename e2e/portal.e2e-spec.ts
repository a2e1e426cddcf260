import type { Page } from 'playwright-core';
import { signPortalSessionToken } from '@hookline/platform';
import { TestReceiver, eventually, type ReceiverReply } from '@hookline/testing';
import { call } from './support/api-client';
import {
  createOrganization,
  startPlatform,
  type Organization,
  type Platform,
  publishEvent,
} from './support/platform';
import {
  launchPortalBrowser,
  screenshot,
  seriousAccessibilityViolations,
  type PortalBrowser,
} from './support/portal-browser';

const UI_TIMEOUT = 20_000;
const FRAME_ANCESTOR = 'https://dashboard.example.com';

interface PortalSession {
  url: string;
  token: string;
  scopes: string[];
  expiresAt: string;
}

describe('the webhooks portal in Chromium against the running platform', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let browser: PortalBrowser;
  let acme: Organization;
  let other: Organization;
  let page: Page;
  let webhookId: string;
  let failingWebhookId: string;

  const openSession = async (organizationId: string, body: Record<string, unknown>) => {
    const response = await call<PortalSession>(
      'POST',
      `${platform.subscription.baseUrl}/v1/organizations/${organizationId}/portal-sessions`,
      { token: platform.adminToken, body },
    );
    expect(response.status).toBe(201);
    return response.body;
  };

  const publish = (subject: string) => publishEvent(platform, acme.apiKey.key, subject);

  const expectAccessible = async (target: Page, screen: string) => {
    expect({ screen, violations: await seriousAccessibilityViolations(target) }).toEqual({
      screen,
      violations: [],
    });
  };

  const visible = (target: Page, text: string | RegExp) =>
    target.getByText(text).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });

  beforeAll(async () => {
    receiver = await TestReceiver.start((request): ReceiverReply =>
      request.path === '/fail'
        ? { status: 500, headers: { 'content-type': 'text/plain' }, body: 'receiver is down for maintenance' }
        : { status: 200, headers: { 'x-receiver': 'portal-e2e' }, body: 'thanks' },
    );
    platform = await startPlatform({ PORTAL_FRAME_ANCESTORS: FRAME_ANCESTOR });
    acme = await createOrganization(platform, 'Acme Roofing');
    other = await createOrganization(platform, 'Other Org');
    browser = await launchPortalBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await receiver?.stop();
  });

  it('serves the portal with a CSP that lets only the configured origin frame it', async () => {
    const response = await fetch(`${platform.subscription.baseUrl}/portal/`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`frame-ancestors ${FRAME_ANCESTOR}`);
    // The platform's blanket X-Frame-Options: DENY would contradict the allowed origin.
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(policy).toContain(`connect-src 'self' ${platform.audit.baseUrl}`);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('opens from a session URL, explains an empty list, and shows the brand', async () => {
    const session = await openSession(acme.id, {
      access: 'read-write',
      brandName: 'Summit CRM',
      brandColor: '#0b6bcb',
      locale: 'en',
    });
    expect(session.scopes).toEqual(['webhooks:read', 'webhooks:write', 'deliveries:read', 'secrets:read']);
    page = await browser.context.newPage();
    await page.goto(session.url);
    await visible(page, 'No webhooks yet');
    await visible(page, 'Summit CRM · Webhooks');
    expect(page.url()).not.toContain('hlps_');
    await expectAccessible(page, 'webhooks (empty)');
    await screenshot(page, '01-webhooks-empty');
  });

  it('creates a webhook in the form, showing the API’s validation problem on the URL field', async () => {
    await page.getByRole('link', { name: 'Add webhook' }).first().click();
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByLabel('Webhook URL').fill('ftp://example.com/hooks');
    await page.getByLabel('All job events').check();
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await visible(page, 'The webhook was not saved. Fix the fields marked below.');
    const urlField = page.getByLabel('Webhook URL');
    expect(await urlField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await urlField.getAttribute('aria-describedby')) ?? '';
    const urlErrors = await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText();
    expect(urlErrors).toMatch(/^url /);
    await expectAccessible(page, 'webhook form with errors');
    await screenshot(page, '02-webhook-form-errors');

    await urlField.fill(`${receiver.url}/ok`);
    await page.getByRole('button', { name: 'Save webhook' }).click();
    await page.getByRole('link', { name: 'CRM sync', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    const listed = await call<{ items: Array<{ id: string; active: boolean; events: string[] }> }>(
      'GET',
      `${platform.subscription.baseUrl}/v1/webhooks`,
      { token: acme.apiKey.key },
    );
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ active: false, events: ['job.*'] });
    webhookId = listed.body.items[0].id;
  });

  it('turns the webhook on from the list, and the receiver gets webhook.test', async () => {
    const toggle = page.getByRole('switch', { name: 'Deliver events to CRM sync' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Space');
    await eventually(async () => expect(await toggle.getAttribute('aria-checked')).toBe('true'));
    const test = await eventually(() => {
      const found = receiver
        .requestsTo('/ok')
        .find((request) => JSON.parse(request.body).type === 'webhook.test');
      expect(found).toBeDefined();
      return found;
    });
    expect(test?.method).toBe('POST');
    await expectAccessible(page, 'webhooks list');
    await screenshot(page, '03-webhooks-list');
    await page.setViewportSize({ width: 900, height: 900 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(900);
    await screenshot(page, '03-webhooks-list-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows an ingested event in the log history, with its payload and the 200 attempt and its headers', async () => {
    const eventId = await publish('job_portal_1');
    await page.getByRole('link', { name: 'CRM sync', exact: true }).click();
    await visible(page, eventId);
    await page.getByRole('button', { name: `Show details of ${eventId}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('figure', { name: 'Payload' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('pre[aria-label="Payload"]').innerText()).toContain(`"id": "${eventId}"`);
    const attempt = page.getByRole('button', { name: /^Attempt 1: 200/ });
    await attempt.click();
    await visible(page, 'x-receiver');
    await visible(page, 'portal-e2e');
    expect(await page.getByTestId('attempt-code').first().innerText()).toBe('200');
    await expectAccessible(page, 'log history with an expanded delivery');
    await screenshot(page, '04-log-history-expanded');
  });

  it('rotates the signing secret and shows the new one', async () => {
    await page.getByRole('button', { name: 'Reveal secret' }).click();
    const secret = page.getByTestId('signing-secret');
    await eventually(async () => expect(await secret.innerText()).toMatch(/^whsec_/));
    const before = await secret.innerText();
    await page.getByRole('button', { name: 'Rotate secret' }).click();
    await visible(page, 'During the grace period requests carry a signature with the old secret too');
    await expectAccessible(page, 'rotate secret dialog');
    await screenshot(page, '05-rotate-secret-dialog');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate' }).click();
    await eventually(async () => expect(await secret.innerText()).not.toBe(before));
    const current = await call<{ key: string }>(
      'GET',
      `${platform.subscription.baseUrl}/v1/webhooks/${webhookId}/secret`,
      {
        token: acme.apiKey.key,
      },
    );
    expect(await secret.innerText()).toBe(current.body.key);
    expect(current.body.key).not.toBe(before);
  });

  it('shows a failing endpoint’s 500 with its body, and redelivers it', async () => {
    const created = await call<{ id: string }>('POST', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: acme.apiKey.key,
      body: {
        name: 'Broken ERP',
        url: `${receiver.url}/fail`,
        events: ['job.created'],
        retryPolicy: { preset: 'none' },
      },
    });
    expect(created.status).toBe(201);
    failingWebhookId = created.body.id;
    const activated = await call(
      'PATCH',
      `${platform.subscription.baseUrl}/v1/webhooks/${failingWebhookId}`,
      {
        token: acme.apiKey.key,
        body: { active: true },
      },
    );
    expect(activated.status).toBe(200);
    await eventually(() => expect(receiver.requestsTo('/fail').length).toBeGreaterThan(0));
    const eventId = await publish('job_portal_2');
    await eventually(() =>
      expect(
        receiver.requestsTo('/fail').filter((request) => request.headers['webhook-id'] === eventId),
      ).toHaveLength(1),
    );
    await page.goto(`${platform.subscription.baseUrl}/portal/#/webhooks/${failingWebhookId}`);
    await visible(page, eventId);
    await page.getByRole('button', { name: `Show details of ${eventId}` }).click();
    await page.getByRole('button', { name: /^Attempt 1: 500/ }).click();
    await visible(page, 'receiver is down for maintenance');
    await screenshot(page, '06-failing-attempt');

    await page.getByRole('button', { name: 'Redeliver' }).click();
    await visible(page, /Redelivery of .* queued/);
    await eventually(
      () =>
        expect(
          receiver.requestsTo('/fail').filter((request) => request.headers['webhook-id'] === eventId),
        ).toHaveLength(2),
      { timeoutMs: 30_000 },
    );
  });

  it('sends a test event on demand and deletes a webhook after confirmation', async () => {
    const before = receiver.requestsTo('/fail').length;
    await page.getByRole('button', { name: 'Send test event' }).click();
    await visible(page, /^Test event evt_\w+ sent\.$/);
    await eventually(() => expect(receiver.requestsTo('/fail').length).toBeGreaterThan(before));

    await page.getByRole('button', { name: 'Delete webhook' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete Broken ERP?' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(
      (
        await call('GET', `${platform.subscription.baseUrl}/v1/webhooks/${failingWebhookId}`, {
          token: acme.apiKey.key,
        })
      ).status,
    ).toBe(200);
    await page.getByRole('button', { name: 'Delete webhook' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await visible(page, 'Broken ERP was deleted.');
    await page.getByRole('link', { name: 'CRM sync', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    expect(
      (
        await call('GET', `${platform.subscription.baseUrl}/v1/webhooks/${failingWebhookId}`, {
          token: acme.apiKey.key,
        })
      ).status,
    ).toBe(404);
  });

  it('draws statistics and lists the event catalog with what the organization receives', async () => {
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('figure', { name: 'Success rate' }).waitFor({ timeout: UI_TIMEOUT });
    await visible(page, /of deliveries succeeded/);
    await page.locator('.recharts-surface').first().waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    await expectAccessible(page, 'statistics');
    await screenshot(page, '07-statistics');

    await page.getByRole('link', { name: 'Event catalog' }).click();
    const jobCreated = page.getByRole('button', { name: /^job\.created\b/ });
    await jobCreated.waitFor({ timeout: UI_TIMEOUT });
    await eventually(async () =>
      expect(await jobCreated.innerText()).toContain('Received by an active webhook'),
    );
    await jobCreated.click();
    await page.getByRole('figure', { name: 'JSON Schema' }).first().waitFor({ timeout: UI_TIMEOUT });
    await expectAccessible(page, 'event catalog');
    await screenshot(page, '08-event-catalog');
  });

  it('shows another organization’s session none of it', async () => {
    const session = await openSession(other.id, { access: 'read-write' });
    const otherPage = await browser.context.newPage();
    await otherPage.goto(session.url);
    await visible(otherPage, 'No webhooks yet');
    await otherPage.goto(`${platform.subscription.baseUrl}/portal/#/webhooks/${webhookId}`);
    await visible(otherPage, `Not found: webhook ${webhookId} not found`);
    expect(await otherPage.getByText('CRM sync').count()).toBe(0);
    const deliveries = await call('GET', `${platform.audit.baseUrl}/v1/webhooks/${webhookId}/deliveries`, {
      token: session.token,
    });
    expect(deliveries.status).toBe(404);
    await otherPage.close();
  });

  it('gives a session only what its access allows: no API keys, no further sessions, no writes when read-only', async () => {
    const readOnly = await openSession(acme.id, {});
    expect(readOnly.scopes).toEqual(['webhooks:read', 'deliveries:read']);
    const sub = platform.subscription.baseUrl;
    const asSession = (method: string, url: string, body?: unknown) =>
      call(method, url, { token: readOnly.token, body });
    expect((await asSession('GET', `${sub}/v1/webhooks/${webhookId}`)).status).toBe(200);
    expect(
      (await asSession('GET', `${platform.audit.baseUrl}/v1/webhooks/${webhookId}/deliveries`)).status,
    ).toBe(200);
    expect((await asSession('PATCH', `${sub}/v1/webhooks/${webhookId}`, { active: false })).status).toBe(403);
    expect(
      (await asSession('POST', `${sub}/v1/organizations/${acme.id}/api-keys`, { name: 'x' })).status,
    ).toBe(401);
    expect((await asSession('POST', `${sub}/v1/portal-sessions`, { access: 'read-write' })).status).toBe(403);
    expect(
      (await asSession('POST', `${platform.ingest.baseUrl}/v1/events`, { type: 'job.created' })).status,
    ).toBe(401);

    const narrowKey = await call<{ key: string }>('POST', `${sub}/v1/organizations/${acme.id}/api-keys`, {
      token: platform.adminToken,
      body: { name: 'support desk', scopes: ['webhooks:read', 'deliveries:read'] },
    });
    expect(narrowKey.status).toBe(201);
    const fromKey = await call<PortalSession>('POST', `${sub}/v1/portal-sessions`, {
      token: narrowKey.body.key,
      body: { access: 'read-write' },
    });
    expect(fromKey.status).toBe(201);
    expect(fromKey.body.scopes).toEqual(['webhooks:read', 'deliveries:read']);

    const readOnlyPage = await browser.context.newPage();
    await readOnlyPage.goto(readOnly.url);
    await visible(readOnlyPage, 'Read-only access');
    expect(await readOnlyPage.getByRole('switch', { name: 'Deliver events to CRM sync' }).isDisabled()).toBe(
      true,
    );
    expect(await readOnlyPage.getByRole('link', { name: 'Add webhook' }).count()).toBe(0);
    await readOnlyPage.close();
  });

  it('tells an expired session so, and shows no data', async () => {
    const expired = signPortalSessionToken(
      {
        sid: 'ps_expired',
        organizationId: acme.id,
        scopes: ['webhooks:read', 'deliveries:read'],
        exp: Math.floor(Date.now() / 1000) - 5,
      },
      platform.env.PORTAL_SESSION_SECRET,
    );
    const refused = await call<{ message: string }>('GET', `${platform.subscription.baseUrl}/v1/webhooks`, {
      token: expired,
    });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/^portal session expired at /);
    const expiredPage = await browser.context.newPage();
    await expiredPage.goto(`${platform.subscription.baseUrl}/portal/#session=${expired}`);
    await visible(expiredPage, 'Your session has ended');
    expect(await expiredPage.getByText('CRM sync').count()).toBe(0);
    await expectAccessible(expiredPage, 'session ended');
    await screenshot(expiredPage, '09-session-ended');
    await expiredPage.close();
  });

  it('opens stand-alone with an organization API key, in Korean', async () => {
    const standalone = await browser.context.newPage();
    await standalone.goto(`${platform.subscription.baseUrl}/portal/`);
    await standalone.getByLabel('Language').selectOption('ko');
    await standalone.getByLabel('조직 API 키').fill(acme.apiKey.key);
    await standalone.getByRole('button', { name: '로그인' }).click();
    await standalone.getByRole('link', { name: 'CRM sync', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    await visible(standalone, '웹훅 추가');
    await expectAccessible(standalone, 'webhooks list (Korean)');
    await screenshot(standalone, '10-webhooks-korean');
    await standalone.close();
  });
});
