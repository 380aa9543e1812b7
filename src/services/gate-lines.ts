/**
 * The `qingshou gate` JSON Lines contract (DESIGN.md): one request object per line in, one decision
 * object per line out, same order. A line that cannot be read answers allowed: false with an `error`
 * naming the field and the reason, so a dialer reading the output never takes a bad request as a yes.
 */
import { z } from 'zod';
import { CONTACT_OUTCOMES, decideContact } from '../compliance/gate';
import { CONTACT_CHANNELS, findProfile } from '../compliance/profiles';
import { isTimeZone } from '../domain/dates';

const channel = z.enum(CONTACT_CHANNELS);
const party = z.enum(['debtor', 'third_party']);
const instant = z.iso.datetime({ offset: true });

export const GateLine = z.object({
  id: z.string(),
  profile: z.string().refine((p) => findProfile(p) !== undefined, 'unknown profile (cn-cba or us-regf)'),
  now: instant,
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  channel,
  party,
  personId: z.string().min(1),
  debtId: z.string().min(1),
  phone: z.string().min(1).optional(),
  history: z
    .array(
      z.object({
        at: instant,
        channel,
        party,
        personId: z.string().min(1),
        debtId: z.string().min(1),
        phone: z.string().min(1).optional(),
        outcome: z.enum(CONTACT_OUTCOMES).optional(),
      }),
    )
    .optional(),
  flags: z
    .object({
      cease: z.boolean().optional(),
      attorney: z.boolean().optional(),
      complaintFreeze: z.boolean().optional(),
      legalHold: z.boolean().optional(),
      debtorUnreachable: z.boolean().optional(),
    })
    .optional(),
});

export interface GateAnswer {
  id: string | null;
  allowed: boolean;
  reasons: string[];
  nextAllowedAt: string | null;
  error?: { code: 'VALIDATION_FAILED'; field: string; reason: string };
}

function refusal(id: string | null, field: string, reason: string): GateAnswer {
  return {
    id,
    allowed: false,
    reasons: [],
    nextAllowedAt: null,
    error: { code: 'VALIDATION_FAILED', field, reason },
  };
}

/** Decides one input line. Never throws: a bad line is answered with an error object. */
export function answerGateLine(line: string): GateAnswer {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return refusal(null, 'line', `not JSON: ${(e as Error).message}`);
  }
  const id =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  const parsed = GateLine.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refusal(id, issue?.path.join('.') || 'line', issue?.message ?? 'invalid');
  }
  const input = parsed.data;
  const profile = findProfile(input.profile);
  if (!profile) return refusal(id, 'profile', 'unknown profile');
  const decision = decideContact({
    profile,
    now: new Date(input.now),
    timeZone: input.timeZone,
    channel: input.channel,
    party: input.party,
    personId: input.personId,
    debtId: input.debtId,
    phone: input.phone,
    history: (input.history ?? []).map((h) => ({ ...h, at: new Date(h.at) })),
    flags: input.flags,
  });
  return {
    id: input.id,
    allowed: decision.allowed,
    reasons: [...decision.reasons],
    nextAllowedAt: decision.nextAllowedAt ? decision.nextAllowedAt.toISOString() : null,
  };
}
