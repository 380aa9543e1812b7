/**
 * The SMS gateway the dispatcher hands messages to. Pluggable: anything with a name and `send`.
 *
 * `gatewayFromEnv` builds the one gateway Qingshou ships, a plain HTTP JSON gateway, from
 * - QINGSHOU_SMS_GATEWAY_URL: where to POST (http or https). Unset or empty: no gateway (null), and
 *   messages stay queued, saying so;
 * - QINGSHOU_SMS_GATEWAY_TOKEN (optional): sent as `Authorization: Bearer <token>`;
 * - QINGSHOU_SMS_GATEWAY_TIMEOUT_MS (optional, default 10000): how long to wait for an answer.
 *
 * Wire format. Request: `POST <url>` with `Content-Type: application/json` and the body
 * `{"to": "13800138000", "body": "【机构】…", "reference": "<the outbox row's source key>"}`.
 * `reference` is stable for a message across retries: a gateway should treat a reference it has seen as
 * the same message (answer its id again, send nothing), which makes a retry after a lost answer safe.
 * Answer: any 2xx means accepted; a JSON body `{"id": "<provider message id>"}` gives the id (a missing
 * id is recorded as empty). 4xx means the message is refused and is not retried (except 408 and 429,
 * which are retried); 5xx, timeouts and network errors are retried by the dispatcher until its limit.
 */

export interface SmsMessage {
  /** The number, digits only (mainland mobile numbers without +86). */
  to: string;
  body: string;
  /** Stable per message: the gateway's idempotency key. */
  reference: string;
}

export type SmsSendResult =
  | { ok: true; providerId: string }
  | { ok: false; retryable: boolean; detail: string };

export interface SmsGateway {
  name: string;
  send(msg: SmsMessage): Promise<SmsSendResult>;
}

export interface HttpGatewayOptions {
  url: string;
  token?: string;
  timeoutMs?: number;
  /** Shown in the outbox; default `http:<host>`. */
  name?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** The HTTP JSON gateway described in the module comment. */
export function httpGateway(options: HttpGatewayOptions): SmsGateway {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`the SMS gateway URL must be http or https: ${options.url}`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name: options.name ?? `http:${url.host}`,
    async send(msg) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ to: msg.to, body: msg.body, reference: msg.reference }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          return { ok: false, retryable: true, detail: `timeout after ${timeoutMs} ms` };
        }
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return {
          ok: false,
          retryable: true,
          detail: `network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        };
      }
      let text = '';
      try {
        text = await response.text();
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          return { ok: false, retryable: true, detail: `timeout after ${timeoutMs} ms` };
        }
        return { ok: false, retryable: true, detail: `unreadable answer: ${(error as Error).message}` };
      }
      if (response.ok) {
        let providerId = '';
        try {
          const parsed = JSON.parse(text) as { id?: unknown };
          if (typeof parsed.id === 'string' || typeof parsed.id === 'number') providerId = String(parsed.id);
        } catch {
          // Accepted without a JSON answer: no id to record.
        }
        return { ok: true, providerId };
      }
      const status = response.status;
      const retryable = status >= 500 || status === 408 || status === 429;
      return { ok: false, retryable, detail: `HTTP ${status}${text ? `: ${snippet(text)}` : ''}` };
    },
  };
}

/**
 * The configured gateway, or null when QINGSHOU_SMS_GATEWAY_URL is unset. Throws, naming the variable,
 * when a value is malformed (so the server refuses to start with a broken configuration).
 */
export function gatewayFromEnv(env: NodeJS.ProcessEnv = process.env): SmsGateway | null {
  const raw = env.QINGSHOU_SMS_GATEWAY_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`QINGSHOU_SMS_GATEWAY_URL must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`QINGSHOU_SMS_GATEWAY_URL must be an http(s) URL, got "${raw}"`);
  }
  const timeoutRaw = env.QINGSHOU_SMS_GATEWAY_TIMEOUT_MS?.trim();
  let timeoutMs: number | undefined;
  if (timeoutRaw) {
    timeoutMs = Number(timeoutRaw);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
      throw new Error(
        `QINGSHOU_SMS_GATEWAY_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000, got "${timeoutRaw}"`,
      );
    }
  }
  const token = env.QINGSHOU_SMS_GATEWAY_TOKEN?.trim();
  return httpGateway({
    url: raw,
    ...(token ? { token } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}
