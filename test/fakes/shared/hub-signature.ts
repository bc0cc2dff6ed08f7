import { createHmac } from 'node:crypto';

/**
 * `sha256=<hex HMAC-SHA256(secret, body)>` of the exact bytes sent: GitHub's
 * `X-Hub-Signature-256` and Jira admin webhooks' `X-Hub-Signature` (platform-facts §7.1, §7.2).
 * Node's crypto, not the app's signer, so the fakes check the app rather than agree with it.
 */
export const hubSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
