import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreesIn, type RecogniseContext, recognise, segment } from './acts';

const TODAY = '2026-11-25';
const context: RecogniseContext = { today: TODAY, debtorName: '王建国', creditor: '华信银行信用卡中心' };

function acts(text: string): string[] {
  return recognise(text, context).acts;
}

describe('collector acts in typical lines', () => {
  it('reads an opening: greeting, name and institution, right-party check by full name', () => {
    expect(acts('您好，我是华信银行信用卡中心的李明，工号1024。请问是王建国先生本人吗？')).toEqual(
      expect.arrayContaining(['greeting', 'identity', 'right_party_check']),
    );
  });

  it('reads the purpose, the reason asked, empathy and a hedged lawful consequence', () => {
    expect(
      acts('王先生，今天来电是关于您华信银行信用卡本期账单的事，最低还款3200元已经逾期12天了。'),
    ).toContain('purpose');
    expect(acts('是遇到什么情况了吗？方便说一下原因吗？')).toContain('ask_reason');
    expect(acts('我理解，工作忙确实容易忘记。')).toContain('empathy');
    expect(acts('逾期时间长了可能会影响您的信用记录。')).toContain('lawful_consequence');
  });

  it('reads a plan, a question for amount and date, a channel, a recap, a closing and a callback request', () => {
    expect(acts('如果一次还不了，可以先还一部分，后面再申请分期。')).toContain('offer_plan');
    expect(acts('您看这几天能先还多少？什么时候方便？')).toContain('ask_amount_date');
    expect(acts('您可以通过华信银行手机银行APP还款。')).toContain('channel');
    expect(acts('跟您确认一下：明天通过官方APP还款3200元，对吗？')).toEqual(
      expect.arrayContaining(['recap', 'propose', 'channel']),
    );
    expect(acts('感谢您的配合，再见。')).toContain('closing');
    expect(acts('麻烦您转告他，请他给我回个电话，我的号码是400-820-1234。')).toContain('callback_request');
  });

  it('a plan the collector rules out is not a plan offered', () => {
    expect(acts('我们不能给您分期。')).not.toContain('offer_plan');
    expect(acts('这个没有办法申请分期。')).not.toContain('offer_plan');
    expect(acts('可以申请分期。')).toContain('offer_plan');
  });

  it('"今天来电是因为…" states the purpose, it does not ask the reason', () => {
    const found = acts('黄先生，今天来电是因为您为林志军的贷款签署了连带责任保证。');
    expect(found).toContain('purpose');
    expect(found).not.toContain('ask_reason');
    expect(acts('是因为工作太忙了吗？')).toContain('ask_reason');
  });
});

describe('agreement on words', () => {
  it('a yes standing as its own clause agrees', () => {
    for (const line of [
      '好的',
      '好的，那就按这个来。',
      '行，就这么定了',
      '那好吧',
      '没问题',
      '嗯嗯，就这样',
      '可以。',
      '同意',
      'OK',
    ]) {
      expect(recognise(line, context).agrees, line).toBe(true);
    }
  });

  it('行 inside 银行 and 可以 inside 不可以 or a modal are not a yes', () => {
    for (const line of [
      '您可以通过华信银行手机银行APP还款。',
      '银行',
      '不可以',
      '我不同意',
      '这样不行',
      '行不行？',
      '可以吗？',
      '好不好',
      '我们在银行柜台办理',
    ]) {
      expect(recognise(line, context).agrees, line).toBe(false);
    }
  });

  it('agreesIn reads normalised text directly', () => {
    expect(agreesIn('好的')).toBe(true);
    expect(agreesIn('')).toBe(false);
  });

  it('segments into words that join back to the text', () => {
    const text = '通过华信银行手机银行APP还款';
    const words = segment(text);
    expect(words).toContain('银行');
    expect(words.join('')).toBe(text);
  });
});

describe('amounts, dates and proposals', () => {
  it('a proposal is an amount and a date that asks or settles', () => {
    const rec = recognise('您看明天能先把3200元还上吗？', context);
    expect(rec.amounts).toEqual([320_000]);
    expect(rec.dates).toEqual(['2026-11-26']);
    expect(rec.proposal).toEqual({ amountFen: 320_000, date: '2026-11-26' });
    expect(rec.acts).toContain('propose');
  });

  it('spoken amounts and relative dates', () => {
    const rec = recognise('下周五之前先还五千，可以吗？', context);
    expect(rec.amounts).toEqual([500_000]);
    expect(rec.dates).toEqual(['2026-12-04']);
    expect(rec.proposal?.amountFen).toBe(500_000);
  });

  it('the day of the call and the account amount are facts, not a proposal', () => {
    const rec = recognise('吴先生，今天来电是关于您的信用卡，逾期款3800元已经逾期41天了。', context);
    expect(rec.amounts).toEqual([380_000]);
    expect(rec.dates).toEqual([]);
    expect(rec.proposal).toBeNull();
    expect(rec.acts).not.toContain('propose');
  });

  it('traditional characters are read like simplified ones', () => {
    const rec = recognise('您好，我是華信銀行信用卡中心的李明，請問是王建國先生本人嗎？', context);
    expect(rec.acts).toEqual(expect.arrayContaining(['greeting', 'identity', 'right_party_check']));
    const proposal = recognise('您看明天還三千二可以嗎？', context);
    expect(proposal.proposal).toEqual({ amountFen: 320_000, date: '2026-11-26' });
  });

  it('emoji, English and odd input do not crash', () => {
    for (const line of [
      '😀😀😀 🙏',
      'Hello, this is Li from Huaxin Bank. Is this Mr Wang?',
      '',
      '   ',
      '\u0000\uFFFF',
      '一'.repeat(5000),
    ]) {
      const rec = recognise(line, context);
      expect(Array.isArray(rec.acts)).toBe(true);
      expect(typeof rec.agrees).toBe('boolean');
    }
  });
});

describe('robustness', () => {
  it('recognise never throws and gives well-formed results for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.constantFrom('好的', '不可以', '银行', '明天还3200元可以吗？', '行不行'),
        ),
        (text) => {
          const rec = recognise(text, context);
          for (const fen of rec.amounts) expect(Number.isInteger(fen) && fen > 0).toBe(true);
          for (const date of rec.dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
          if (rec.proposal) expect(rec.acts).toContain('propose');
          expect(new Set(rec.acts).size).toBe(rec.acts.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    const line = '我理解您的难处，您看明天先还三千二可以吗？可以通过官方APP还款。';
    expect(recognise(line, context)).toEqual(recognise(line, context));
  });
});
