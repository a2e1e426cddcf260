// Hookline as the bench uses it: organizations with webhooks pointing at the receiver, events, warm-up.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './services.mjs';
import { newId, sleep } from './util.mjs';

export const EVENT_TYPE = 'job.created';

/** The contracts library as built in dist/ (the event catalog's example payload, topic names). */
export function loadContracts() {
  const require = createRequire(import.meta.url);
  require(path.join(ROOT, 'tools/runtime/register.js'));
  return require(path.join(ROOT, 'dist/out-tsc/libs/contracts/src/index.js'));
}

export class BenchPlatform {
  constructor({ api, receiver, contracts, log }) {
    this.api = api;
    this.receiver = receiver;
    this.contracts = contracts;
    this.log = log;
    this.example = contracts.findEventType(EVENT_TYPE).example;
    this.ports = [];
  }

  async receiverPorts(count) {
    if (this.ports.length < count) {
      this.ports = await this.receiver.call('ports', { count });
    }
    return this.ports.slice(0, count);
  }

  /**
   * An organization with one webhook per spec (`{mode: ok|fail|hang, key}`), each on its own receiver port
   * (one origin per endpoint, as distinct customers would have), subscribed to `job.*`.
   */
  async provisionOrg(name, specs) {
    const org = await this.api.createOrganization(name);
    const ports = await this.receiverPorts(Math.max(...specs.map((spec, index) => (spec.port ?? index) + 1)));
    const webhooks = [];
    for (const [index, spec] of specs.entries()) {
      const url = `http://127.0.0.1:${ports[spec.port ?? index]}/${spec.mode}/${spec.key}`;
      const created = await this.api.createWebhook(org.apiKey, {
        name: `bench ${spec.key}`,
        url,
        events: ['job.*'],
      });
      // Right away: an active webhook is sent a `webhook.test` event as soon as it exists.
      await this.receiver.call('secrets', { entries: [[spec.key, created.signingSecret]] });
      webhooks.push({ ...spec, url, id: created.id, secret: created.signingSecret });
    }
    return { name, ...org, webhooks };
  }

  /**
   * `count` organizations with one webhook each, on receiver ports 0…count-1: the load of many customers.
   * `modeOf(index)` picks the endpoint's behaviour (ok by default). Events go round robin (`endpointOf`).
   */
  async provisionEndpoints(prefix, count, modeOf = () => 'ok') {
    const endpoints = [];
    for (let index = 0; index < count; index += 1) {
      const mode = modeOf(index);
      const key = `${prefix}-${mode}-${index}`;
      const org = await this.provisionOrg(`bench ${prefix} ${index}`, [{ mode, key, port: index }]);
      endpoints.push({ index, key, mode, org, webhook: org.webhooks[0] });
    }
    return endpoints;
  }

  /** An ingest request body; subjects are spread so per-subject ordering does not serialise the load. */
  event(org, seq) {
    return { type: EVENT_TYPE, organizationId: org.id, subject: `job_${seq}`, data: this.example };
  }

  /** A complete envelope, for producing straight to the domain topic. */
  envelope(org, seq) {
    return {
      id: newId('evt'),
      type: EVENT_TYPE,
      organizationId: org.id,
      subject: `job_${seq}`,
      occurredAt: new Date().toISOString(),
      data: this.example,
    };
  }

  /** The body a raw-pipeline message carries: what Hookline would POST, without the signature. */
  rawBody(id) {
    return JSON.stringify({ id, type: EVENT_TYPE, timestamp: new Date().toISOString(), data: this.example });
  }

  /**
   * Publishes one event per organization until each of `keys` received it: proves that ingest knows the
   * service token and delivery routes to the webhooks. Forgets the warm-up arrivals afterwards.
   */
  async warmUp(targets, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    let pending = targets;
    let round = 0;
    while (pending.length > 0) {
      if (Date.now() > deadline) {
        throw new Error(
          `warm-up: no delivery to ${pending.flatMap((target) => target.keys).join(', ')} in time`,
        );
      }
      round += 1;
      const published = [];
      for (const target of pending) {
        const response = await this.api.ingestOne(this.event(target.org, `warmup_${round}`));
        if (response.status === 202) {
          published.push({ ...target, eventId: response.id });
        }
      }
      const roundDeadline = Date.now() + 4_000;
      let missing = published;
      while (missing.length > 0 && Date.now() < roundDeadline) {
        await sleep(200);
        const collected = await this.receiver.call('collect', {
          keys: missing.flatMap((target) => target.keys),
          clear: false,
        });
        missing = missing.filter((target) =>
          target.keys.some((key) => !collected[key].arrivals.has(target.eventId)),
        );
      }
      const done = new Set(
        published.filter((target) => !missing.includes(target)).map((target) => target.org.id),
      );
      pending = pending.filter((target) => !done.has(target.org.id));
    }
    await this.receiver.call('collect', { keys: targets.flatMap((target) => target.keys), clear: true });
  }
}
