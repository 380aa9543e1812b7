import type { ErrorBody } from './types';

/** A failed API call: the server's error code, both messages and the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody) {
    super(body.messageEn || body.message || body.code);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.messageZh = body.message;
    this.messageEn = body.messageEn;
    this.details = body.details;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (isErrorBody(parsed)) {
    return new ApiError(response.status, {
      code: parsed.code,
      message: parsed.message,
      messageEn: typeof parsed.messageEn === 'string' ? parsed.messageEn : parsed.message,
      details: parsed.details,
    });
  }
  // Not our server's error shape: a proxy or gateway answered (e.g. the API process is down).
  return new ApiError(response.status, {
    code: `HTTP_${response.status}`,
    message: `服务暂时不可用（HTTP ${response.status}），请稍后重试`,
    messageEn: `The service is unavailable (HTTP ${response.status}); try again shortly`,
  });
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function send<T>(
  method: string,
  path: string,
  init: { query?: Query; body?: unknown; form?: FormData } = {},
) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.form) {
    body = init.form;
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${withQuery(path, init.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: '无法连接服务器，请检查网络后重试',
      messageEn: 'Cannot reach the server; check the network and try again',
    });
  }
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => send<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, { body }),
  delete: <T>(path: string) => send<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => send<T>('POST', path, { form }),
};
