/** The signed-but-malformed payloads that once reached Bolt or the handlers (test/fixtures/{slack,feishu}/malformed.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { interactionBody } from '../../helpers/slack-sign.ts';
import { FEISHU } from './inbound-app.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');
const read = <T>(path: string): T => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;

export interface SlackCase {
  why: string;
  /** How Slack sends it: an interactivity `payload=`, an Events API JSON body, or slash-command form fields. */
  send: 'interaction' | 'event' | 'form';
  payload: Record<string, unknown>;
}

export interface FeishuCase {
  why: string;
  path: 'events' | 'cards';
  body: { schema: string; header: Record<string, unknown>; event: unknown };
}

/** The raw body and content type Slack would send for a case. */
export function slackBody(c: Pick<SlackCase, 'send' | 'payload'>): string {
  if (c.send === 'interaction') return interactionBody(c.payload);
  if (c.send === 'form') return new URLSearchParams(c.payload as Record<string, string>).toString();
  return JSON.stringify(c.payload);
}

export const slackCases = (): SlackCase[] => read('slack/malformed.json');

/** The Feishu cases with the inbound app's token, tenant and app id in their headers. */
export const feishuCases = (): FeishuCase[] =>
  read<FeishuCase[]>('feishu/malformed.json').map((c) => ({ ...c, body: { ...c.body, header: { ...c.body.header, token: FEISHU.token, tenant_key: FEISHU.tenant, app_id: FEISHU.appId } } }));
