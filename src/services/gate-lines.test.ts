import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerGateLine } from './gate-lines';

const base = {
  id: 'r1',
  profile: 'cn-cba',
  now: '2026-11-24T10:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  channel: 'call',
  party: 'debtor',
  personId: 'p1',
  debtId: 'd1',
  phone: '13800000000',
};
const line = (o: object) => JSON.stringify({ ...base, ...o });

describe('gate JSON Lines', () => {
  it('answers with exactly id, allowed, reasons and nextAllowedAt', () => {
    const answer = answerGateLine(line({}));
    expect(Object.keys(answer)).toEqual(['id', 'allowed', 'reasons', 'nextAllowedAt']);
    expect(answer).toEqual({ id: 'r1', allowed: true, reasons: [], nextAllowedAt: expect.any(String) });
  });

  it('refuses a 22:00 call in the debtor’s zone and points at 08:00 the next morning', () => {
    expect(answerGateLine(line({ now: '2026-11-24T22:00:00+08:00' }))).toEqual({
      id: 'r1',
      allowed: false,
      reasons: ['outside_hours'],
      nextAllowedAt: '2026-11-25T00:00:00.000Z',
    });
    // 22:30 in Shanghai is 20:30 in Urumqi: a debtor there may still be called.
    expect(answerGateLine(line({ now: '2026-11-24T22:30:00+08:00', timeZone: 'Asia/Urumqi' })).allowed).toBe(
      true,
    );
  });

  it('stops the seventh unanswered call to one number on one day', () => {
    const history = Array.from({ length: 6 }, (_, i) => ({
      at: `2026-11-24T${String(8 + i).padStart(2, '0')}:10:00+08:00`,
      channel: 'call',
      party: 'debtor',
      personId: 'p1',
      debtId: 'd1',
      phone: '13800000000',
      outcome: 'no_answer',
    }));
    const answer = answerGateLine(line({ now: '2026-11-24T15:00:00+08:00', history }));
    expect(answer.allowed).toBe(false);
    expect(answer.reasons).toContain('daily_attempt_cap');
    expect(answer.nextAllowedAt).toBe('2026-11-25T00:00:00.000Z');
  });

  it('names the field and the reason of a bad line and never says yes to it', () => {
    expect(answerGateLine(line({ timeZone: 'Mars/Olympus' }))).toMatchObject({
      id: 'r1',
      allowed: false,
      error: { code: 'VALIDATION_FAILED', field: 'timeZone' },
    });
    expect(answerGateLine(line({ now: '2026-11-24 10:00' }))).toMatchObject({
      allowed: false,
      error: { field: 'now' },
    });
    expect(answerGateLine(line({ history: [{ at: 'yesterday' }] }))).toMatchObject({
      allowed: false,
      error: { field: 'history.0.at' },
    });
  });

  it('never throws and never allows anything it could not read', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ ...base, extra: v, id: 5 })),
        ),
        (text) => {
          const answer = answerGateLine(text);
          if (answer.error) expect(answer.allowed).toBe(false);
          else expect(typeof answer.allowed).toBe('boolean');
        },
      ),
    );
  });
});
