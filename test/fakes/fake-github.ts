/**
 * A fake GitHub repository webhook (platform-facts §7.1): POSTs real payload shapes
 * (octokit/webhooks examples, trimmed to their documented fields) to a hook URL over HTTP,
 * signed as GitHub signs (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>`,
 * plus the legacy sha1 header), with GitHub's headers. Sends `ping` first, as GitHub does
 * when a hook is created; redelivers a delivery with the same GUID and bytes; never retries.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { githubPayloads } from './hooks/github-payloads.ts';
import { hubSignature } from './shared/hub-signature.ts';

export interface Delivery {
  guid: string;
  event: string;
  body: string;
}

export interface SendOptions {
  /** Sign with this secret instead of the hook's (a wrong secret). */
  secret?: string;
  /** Send no signature headers. */
  unsigned?: boolean;
}

export interface SentDelivery {
  guid: string;
  status: number;
  body: unknown;
}

/** A hook of one repository that delivers to `url` with `secret`. */
export function fakeGithub(opts: { url: string; secret: string; hookId?: number; repository?: { id: number; full_name: string } }) {
  const hookId = opts.hookId ?? 482_615_790;
  const repository = opts.repository ?? { id: 1_296_269, full_name: 'octo-org/delivery' };
  const deliveries = new Map<string, Delivery>();

  async function post(delivery: Delivery, options: SendOptions = {}): Promise<SentDelivery> {
    const secret = options.secret ?? opts.secret;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/7f3a2c1',
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.guid,
      'x-github-hook-id': String(hookId),
      'x-github-hook-installation-target-type': 'repository',
      'x-github-hook-installation-target-id': String(repository.id),
    };
    if (!options.unsigned) {
      headers['x-hub-signature'] = `sha1=${createHmac('sha1', secret).update(delivery.body, 'utf8').digest('hex')}`;
      headers['x-hub-signature-256'] = hubSignature(secret, delivery.body);
    }
    const res = await fetch(opts.url, { method: 'POST', headers, body: delivery.body });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: GitHub shows any answer in the delivery log.
    }
    return { guid: delivery.guid, status: res.status, body };
  }

  return {
    repository,
    payloads: githubPayloads(repository),
    /** The deliveries sent so far, by GUID (what "Recent Deliveries" lists). */
    deliveries,
    /** Sends `event` with `payload` (serialised once: the signed bytes are the sent bytes) under a new GUID. */
    send(event: string, payload: object, options?: SendOptions): Promise<SentDelivery> {
      const delivery = { guid: randomUUID(), event, body: JSON.stringify(payload) };
      deliveries.set(delivery.guid, delivery);
      return post(delivery, options);
    },
    /** The `ping` GitHub sends when the hook is created. */
    ping(): Promise<SentDelivery> {
      return this.send('ping', { zen: 'Design for failure.', hook_id: hookId, hook: { type: 'Repository', id: hookId, active: true, events: ['pull_request', 'release', 'deployment_status', 'issues', 'milestone'], config: { content_type: 'json', insecure_ssl: '0', url: opts.url } }, repository: githubPayloads(repository).repository });
    },
    /** "Redeliver" in the hook's settings: the same GUID, event and bytes, signed again. */
    redeliver(guid: string): Promise<SentDelivery> {
      const delivery = deliveries.get(guid);
      if (!delivery) throw new Error(`no delivery ${guid}`);
      return post(delivery);
    },
    /** Sends raw bytes as `event`, signed (a malformed or oversize body). */
    sendRaw(event: string, body: string, options?: SendOptions): Promise<SentDelivery> {
      return post({ guid: randomUUID(), event, body }, options);
    },
  };
}

export type FakeGithub = ReturnType<typeof fakeGithub>;
