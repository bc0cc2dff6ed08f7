/**
 * Builders for inbound Feishu/Lark requests (platform-facts §2.1, §2.2): AES-256-CBC
 * `{"encrypt": …}` bodies, `X-Lark-Signature` = hex(SHA-256(timestamp + nonce + encryptKey
 * + rawBody)) — plain SHA-256, not HMAC — and schema 2.0 event / card-callback envelopes.
 * Bodies are compact `JSON.stringify` output, which is what the Lark SDK re-serializes
 * and hashes when it verifies.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const aesKey = (encryptKey: string): Buffer => createHash('sha256').update(encryptKey).digest();

/** Encrypts like Feishu: key = SHA-256(encryptKey), random 16-byte IV prepended, PKCS7, base64. */
export function feishuEncrypt(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** Decrypts a Feishu `encrypt` value (the IV is the first 16 bytes of the decoded blob). */
export function feishuDecrypt(encryptKey: string, b64: string): string {
  const blob = Buffer.from(b64, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), blob.subarray(0, 16));
  return Buffer.concat([decipher.update(blob.subarray(16)), decipher.final()]).toString('utf8');
}

/** `X-Lark-Signature`: hex(SHA-256(timestamp + nonce + encryptKey + rawBody)). */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}

/** Header fields of a schema 2.0 envelope; all optional with test defaults. */
export interface FeishuEnvelopeOptions {
  /** Verification Token (`header.token`). */
  token?: string;
  eventId?: string;
  tenantKey?: string;
  appId?: string;
  /** Microseconds since epoch as a string (default now). */
  createTime?: string;
}

/** A schema 2.0 event envelope `{ schema, header, event }`. */
export function feishuEventBody(eventType: string, event: object, opts: FeishuEnvelopeOptions = {}): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: opts.eventId ?? randomBytes(16).toString('hex'),
      token: opts.token ?? 'verification-token',
      create_time: opts.createTime ?? String(Date.now() * 1000),
      event_type: eventType,
      tenant_key: opts.tenantKey ?? 'tenant_test',
      app_id: opts.appId ?? 'cli_test',
    },
    event,
  };
}

/** Inputs of a `card.action.trigger` callback (§2.2). */
export interface CardActionOptions extends FeishuEnvelopeOptions {
  openId?: string;
  unionId?: string;
  userId?: string;
  /** Delayed-update token (`c-…`), e.g. from the fake's `issueCardToken()`. */
  cardToken?: string;
  /** The button's callback `value`. */
  value?: Record<string, unknown> | string;
  tag?: string;
  name?: string;
  formValue?: Record<string, string | string[]>;
  inputValue?: string;
  option?: string;
  options?: string[];
  checked?: boolean;
  timezone?: string;
  openMessageId?: string;
  openChatId?: string;
  host?: string;
}

/** A `card.action.trigger` (schema 2.0) callback body. */
export function cardActionBody(opts: CardActionOptions = {}): Record<string, unknown> {
  const action: Record<string, unknown> = {
    value: opts.value ?? {},
    tag: opts.tag ?? 'button',
    timezone: opts.timezone ?? 'Asia/Shanghai',
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.formValue !== undefined ? { form_value: opts.formValue } : {}),
    ...(opts.inputValue !== undefined ? { input_value: opts.inputValue } : {}),
    ...(opts.option !== undefined ? { option: opts.option } : {}),
    ...(opts.options !== undefined ? { options: opts.options } : {}),
    ...(opts.checked !== undefined ? { checked: opts.checked } : {}),
  };
  const tenantKey = opts.tenantKey ?? 'tenant_test';
  return feishuEventBody(
    'card.action.trigger',
    {
      operator: {
        tenant_key: tenantKey,
        ...(opts.userId ? { user_id: opts.userId } : {}),
        open_id: opts.openId ?? 'ou_alice',
        union_id: opts.unionId ?? 'on_alice',
      },
      token: opts.cardToken ?? `c-${randomBytes(16).toString('hex')}`,
      action,
      host: opts.host ?? 'im_message',
      context: {
        open_message_id: opts.openMessageId ?? 'om_card',
        open_chat_id: opts.openChatId ?? 'oc_chat',
      },
    },
    { ...opts, tenantKey },
  );
}

/** Inputs of an `im.message.receive_v1` event. */
export interface MessageEventOptions {
  openId?: string;
  chatId?: string;
  chatType?: 'p2p' | 'group';
  messageId?: string;
  /** Text content; becomes `content: "{\"text\":…}"` (a JSON string, as Feishu sends it). */
  text?: string;
  msgType?: string;
  /** Raw content object for non-text messages (image: `{ image_key }`, file: `{ file_key, file_name }`). */
  content?: object;
  mentions?: Array<{ key: string; id: { open_id: string }; name: string }>;
}

/** The `event` object of `im.message.receive_v1` (wrap it with {@link feishuEventBody}). */
export function messageReceiveEvent(opts: MessageEventOptions = {}): Record<string, unknown> {
  const msgType = opts.msgType ?? 'text';
  const content = opts.content ?? { text: opts.text ?? '/outcome' };
  return {
    sender: {
      sender_id: { open_id: opts.openId ?? 'ou_alice', union_id: 'on_alice', user_id: 'u_alice' },
      sender_type: 'user',
      tenant_key: 'tenant_test',
    },
    message: {
      message_id: opts.messageId ?? `om_${randomBytes(16).toString('hex')}`,
      create_time: String(Date.now()),
      chat_id: opts.chatId ?? 'oc_p2p_alice',
      chat_type: opts.chatType ?? 'p2p',
      message_type: msgType,
      content: JSON.stringify(content),
      ...(opts.mentions ? { mentions: opts.mentions } : {}),
    },
  };
}

/** The `event` object of `application.bot.menu_v6`. */
export function botMenuEvent(eventKey: string, openId = 'ou_alice'): Record<string, unknown> {
  return {
    operator: { operator_name: 'alice', operator_id: { open_id: openId, union_id: 'on_alice', user_id: 'u_alice' } },
    event_key: eventKey,
    timestamp: Date.now(),
  };
}

/** A url_verification body (encrypt it when an Encrypt Key is configured). */
export function feishuUrlVerificationBody(challenge: string, token = 'verification-token'): Record<string, unknown> {
  return { challenge, token, type: 'url_verification' };
}

/** Options of {@link signedFeishuRequest}. */
export interface SignedFeishuRequestOptions {
  /** The app's Encrypt Key; without it the body is sent plain and unsigned (as Feishu does). */
  encryptKey?: string;
  /** The plaintext body (an event envelope, a card callback, a url_verification). */
  body: object;
  /** Wrap the body as `{"encrypt": …}` (default true when encryptKey is set). */
  encrypt?: boolean;
  /** Unix seconds as a string (default now). */
  timestamp?: string;
  nonce?: string;
  /** Extra headers, applied last (e.g. to forge a signature). */
  headers?: Record<string, string>;
}

/** A `Request` shaped like Feishu's delivery, ready for `app.fetch(req)`. */
export function signedFeishuRequest(url: string, opts: SignedFeishuRequestOptions): Request {
  const { encryptKey } = opts;
  const encrypt = opts.encrypt ?? encryptKey !== undefined;
  const plain = JSON.stringify(opts.body);
  const rawBody = encrypt && encryptKey !== undefined ? JSON.stringify({ encrypt: feishuEncrypt(encryptKey, plain) }) : plain;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Go-http-client/1.1' };
  if (encryptKey !== undefined) {
    const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
    const nonce = opts.nonce ?? randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = feishuSignature(timestamp, nonce, encryptKey, rawBody);
  }
  return new Request(url, { method: 'POST', headers: { ...headers, ...opts.headers }, body: rawBody });
}
