/**
 * The training simulator's optional LLM: it only words the simulated debtor's next line.
 *
 * The engine has already decided everything (what the debtor does, the amount and date spoken of, the
 * state, the findings) and worded the line from the offline response bank: the draft. Here the draft is
 * sent, with the persona and the call so far (`buildReplyPrompt`), to an OpenAI-compatible chat endpoint
 * (`POST ${baseUrl}/chat/completions`, a JSON object `{"reply": "..."}` asked for); the answer is used
 * only when it reads as that object and `checkLlmReply` accepts it (same amount and date, no new number,
 * nothing the rulebook refuses). On any failure (network, timeout, a non-2xx status, a body or content
 * that does not parse, a refused check) the draft stays and the reason is returned. Never throws.
 *
 * The caller replaces the wording with `setReplyText`; engine state and grading never depend on it
 * (docs/decisions/0007-training-llm.md).
 */
import { z } from 'zod';
import type { LlmConfig } from '../../config';
import { setReplyText, spokenAmount, spokenDate } from '../../training/engine';
import { buildReplyPrompt, checkLlmReply, type ReplyPrompt } from '../../training/llm-prompt';
import type { EngineSession, Scenario } from '../../training/types';

export interface WordReplyInput {
  scenario: Scenario;
  /** The session after the engine's turn. */
  session: EngineSession;
  /** The debtor turn to word (index into `session.turns`). */
  turnIndex: number;
}

export interface WordReplyOptions {
  /** The fetch to use (tests); default the global fetch. */
  fetch?: typeof fetch;
}

export interface WordedReply {
  /** The line to show: the LLM's when `llm`, else the engine's draft. */
  text: string;
  /** Whether the LLM's line is used. */
  llm: boolean;
  /** Why the draft stayed (null when the LLM's line is used). */
  reason: string | null;
}

/** Sampling: some variety in the wording, the content is fixed by the draft anyway. */
const TEMPERATURE = 0.7;
/** Enough for one short line as a JSON object. */
const MAX_TOKENS = 200;

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const replySchema = z.object({ reply: z.string() });

/** The chat request body (OpenAI-compatible). */
export function chatRequestBody(config: LlmConfig, prompt: ReplyPrompt) {
  return {
    model: config.model,
    messages: [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ],
    temperature: TEMPERATURE,
    max_tokens: MAX_TOKENS,
    stream: false,
    response_format: { type: 'json_object' },
  };
}

/**
 * The reply of a message content: a JSON object `{"reply": "..."}`, possibly inside a ```json fence or
 * with words around it (some local models add them). A string on success, else the reason.
 */
export function replyOfContent(content: string): { reply: string } | { reason: string } {
  let text = content.trim();
  const fence = /^```[a-zA-Z]*\s*([\s\S]*?)\s*```$/u.exec(text);
  if (fence) text = (fence[1] ?? '').trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start < 0 || end <= start) return { reason: 'content is not JSON' };
    try {
      parsed = JSON.parse(text.slice(start, end + 1));
    } catch {
      return { reason: 'content is not JSON' };
    }
  }
  const reply = replySchema.safeParse(parsed);
  if (!reply.success) return { reason: 'content has no "reply" string' };
  return { reply: reply.data.reply };
}

function failureReason(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timeout';
  if (e?.name === 'AbortError') return 'aborted';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `network: ${cause ?? e?.message ?? String(error)}`;
}

/**
 * Words the debtor line `turnIndex` of the session through the configured LLM. Returns the LLM's line
 * when it is usable, else the draft with the reason. Never throws.
 */
export async function wordReplyWithLlm(
  config: LlmConfig,
  input: WordReplyInput,
  options: WordReplyOptions = {},
): Promise<WordedReply> {
  const { scenario, session, turnIndex } = input;
  const draft = session.turns[turnIndex]?.text ?? '';
  const fallback = (reason: string): WordedReply => ({ text: draft, llm: false, reason });

  let prompt: ReplyPrompt;
  try {
    const meta = session.meta[turnIndex];
    const amountFen = meta?.speaker === 'debtor' ? meta.amountFen : null;
    const date = meta?.speaker === 'debtor' ? meta.date : null;
    prompt = buildReplyPrompt({
      scenario,
      session,
      turnIndex,
      spokenAmount: amountFen === null ? null : spokenAmount(amountFen),
      spokenDate: date === null ? null : spokenDate(date, session.today),
    });
  } catch (error) {
    return fallback(`prompt: ${(error as Error).message}`);
  }

  const doFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  let body: unknown;
  try {
    const response = await doFetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(chatRequestBody(config, prompt)),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (!response.ok) {
      // Drain the body so the connection can be reused; its content does not matter.
      await response.text().catch(() => '');
      return fallback(`http ${response.status}`);
    }
    const raw = await response.text();
    try {
      body = JSON.parse(raw);
    } catch {
      return fallback('response is not JSON');
    }
  } catch (error) {
    return fallback(failureReason(error));
  }

  const completion = completionSchema.safeParse(body);
  if (!completion.success) return fallback('response has no choices[0].message.content');
  const content = completion.data.choices[0]?.message.content ?? '';
  const parsed = replyOfContent(content);
  if ('reason' in parsed) return fallback(parsed.reason);

  let check: ReturnType<typeof checkLlmReply>;
  try {
    check = checkLlmReply(parsed.reply, prompt, session.today);
  } catch (error) {
    return fallback(`check: ${(error as Error).message}`);
  }
  if (!check.ok) return fallback(`refused: ${check.reason}`);
  return { text: parsed.reply.trim(), llm: true, reason: null };
}

/**
 * Words the debtor line `turnIndex` through the LLM and puts the LLM's line into the session when it is
 * used (`setReplyText`); the session is returned unchanged otherwise. Never throws for a debtor turn.
 */
export async function rewordReply(
  config: LlmConfig,
  input: WordReplyInput,
  options: WordReplyOptions = {},
): Promise<{ session: EngineSession; reply: WordedReply }> {
  const reply = await wordReplyWithLlm(config, input, options);
  if (!reply.llm) return { session: input.session, reply };
  return { session: setReplyText(input.session, input.turnIndex, reply.text), reply };
}
