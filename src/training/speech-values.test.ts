import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBusinessDate, isRealCalendarDate } from '../domain/dates';
import { MAX_YUAN } from '../domain/money';
import { normalizeSpeechValues, parseAmounts, parseDates } from './speech-values';

// A Wednesday. This week: Mon 05-11 ... Sun 05-17; next week: Mon 05-18 ... Sun 05-24.
const TODAY = '2026-05-13';

interface Example {
  say: string;
  /** Amounts in fen, in order. */
  fen: number[];
  /** Dates, in order, read with TODAY. */
  dates: string[];
}

const examples: Example[] = [
  { say: '我下周五先还五千', fen: [500000], dates: ['2026-05-22'] },
  { say: '这个月实在困难，月底能凑五千块', fen: [500000], dates: ['2026-05-31'] },
  { say: '明天我先转五千元过去', fen: [500000], dates: ['2026-05-14'] },
  { say: '欠款一万二，我分3期还', fen: [1200000], dates: [] },
  { say: '最多还两千五，再多真没有了', fen: [250000], dates: [] },
  { say: '你这边三万五千的欠款什么时候能处理', fen: [3500000], dates: [] },
  { say: '账单上写的是一千零五十', fen: [105000], dates: [] },
  { say: '本金十万，利息另算', fen: [10000000], dates: [] },
  { say: '身上就剩二十了', fen: [2000], dates: [] },
  { say: '后天我能拿出5千', fen: [500000], dates: ['2026-05-15'] },
  { say: '1.5万我一次还不上', fen: [1500000], dates: [] },
  { say: '先还5000行不行', fen: [500000], dates: [] },
  { say: '我上个月已经还了5,000', fen: [500000], dates: [] },
  { say: '系统显示应还¥3000', fen: [300000], dates: [] },
  { say: '最低还款额是3000.50元', fen: [300050], dates: [] },
  { say: '我微信里只有八百块钱', fen: [80000], dates: [] },
  { say: '几千块钱的事，至于天天打电话吗', fen: [], dates: [] },
  { say: '一万半我也拿不出来', fen: [], dates: [] },
  { say: '能不能减免百分之十的利息', fen: [], dates: [] },
  { say: '年化利率10%太高了', fen: [], dates: [] },
  { say: '再宽限3天可以吗', fen: [], dates: [] },
  { say: '两个月内肯定还清', fen: [], dates: ['2026-07-13'] },
  { say: '我的电话是13812345678，有事打这个', fen: [], dates: [] },
  { say: '身份证号11010519491231002X', fen: [], dates: [] },
  { say: '卡号尾号6789的那张', fen: [], dates: [] },
  { say: '12月1日之前还两万', fen: [2000000], dates: ['2026-12-01'] },
  { say: '2026年12月1日一次性结清', fen: [], dates: ['2026-12-01'] },
  { say: '约定2026-12-01还款3000元', fen: [300000], dates: ['2026-12-01'] },
  { say: '12/1那天发工资，到时候还', fen: [], dates: ['2026-12-01'] },
  { say: '下个月10号发了工资就还八千', fen: [800000], dates: ['2026-06-10'] },
  { say: '15号之前我凑一万', fen: [1000000], dates: ['2026-05-15'] },
  { say: '10日工资到账', fen: [], dates: ['2026-06-10'] },
  { say: '三天后给你回话', fen: [], dates: ['2026-05-16'] },
  { say: '3天之后再联系我', fen: [], dates: ['2026-05-16'] },
  { say: '一周后我先还一部分', fen: [], dates: ['2026-05-20'] },
  { say: '下个月初一定还', fen: [], dates: ['2026-06-01'] },
  { say: '下个月吧，这个月真没钱', fen: [], dates: ['2026-06-01'] },
  { say: '今天下午我去银行转两千', fen: [200000], dates: ['2026-05-13'] },
  { say: '大后天还三千五', fen: [350000], dates: ['2026-05-16'] },
  { say: '这周五可以先还一千五百块', fen: [150000], dates: ['2026-05-15'] },
  { say: '本周五之前还款', fen: [], dates: ['2026-05-15'] },
  { say: '周一我去借钱', fen: [], dates: ['2026-05-18'] },
  { say: '下星期五还', fen: [], dates: ['2026-05-22'] },
  { say: '下礼拜五还五百', fen: [50000], dates: ['2026-05-22'] },
  { say: '上周五我已经还过了', fen: [], dates: [] },
  { say: '每周一次电话就够了', fen: [], dates: [] },
  { say: '第一期先还三千', fen: [300000], dates: [] },
  { say: '三点以后再打给我', fen: [], dates: [] },
  { say: '十分抱歉，这个月只能还三千多', fen: [], dates: [] },
  { say: '兩萬塊下個月初還', fen: [2000000], dates: ['2026-06-01'] },
  { say: '下週五還５０００元', fen: [500000], dates: ['2026-05-22'] },
  { say: '奶茶五块五，我都舍不得喝', fen: [550], dates: [] },
  { say: '一点五万分三期还', fen: [1500000], dates: [] },
  { say: '先还5k，剩下的1.5w下个月底', fen: [500000, 1500000], dates: ['2026-06-30'] },
  { say: '人民币三千元整', fen: [300000], dates: [] },
  { say: '总共欠了一百二十万', fen: [120000000], dates: [] },
  { say: '壹万贰仟元', fen: [1200000], dates: [] },
  { say: '万一下个月还不上怎么办', fen: [], dates: ['2026-06-01'] },
  { say: '千万别打给我家里人', fen: [], dates: [] },
  { say: '一万二十号还', fen: [], dates: [] },
  { say: '一万二，十号还', fen: [1200000], dates: ['2026-06-10'] },
  { say: '五千块五号给你', fen: [500000], dates: ['2026-06-05'] },
  { say: '以后天天打电话有用吗', fen: [], dates: [] },
  { say: '半个月后再说', fen: [], dates: ['2026-05-28'] },
  { say: '周末我回老家借一万', fen: [1000000], dates: ['2026-05-16'] },
  { say: '年底前全部还清', fen: [], dates: ['2026-12-31'] },
  { say: '3月5日发年终奖', fen: [], dates: ['2027-03-05'] },
  { say: '三十一号之前还七千', fen: [700000], dates: ['2026-05-31'] },
  { say: '7天内还不上就上门吗', fen: [], dates: ['2026-05-20'] },
  { say: '我八百也行', fen: [80000], dates: [] },
  { say: '打八折的话我能还一万', fen: [1000000], dates: [] },
  { say: '手机尾号是8888，你核对一下', fen: [], dates: [] },
  { say: '零点五万也算诚意吧', fen: [500000], dates: [] },
  { say: '一千二百三十四块五毛六分', fen: [123456], dates: [] },
  { say: '打了二十次电话了', fen: [], dates: [] },
  { say: '二零二六年五月二十号还三百块', fen: [30000], dates: ['2026-05-20'] },
  { say: '两周后还款¥1,234.56', fen: [123456], dates: ['2026-05-27'] },
];

describe('speech values: examples', () => {
  it.each(examples)('$say', ({ say, fen, dates }) => {
    expect(parseAmounts(say).map((a) => a.fen)).toEqual(fen);
    expect(parseDates(say, TODAY).map((d) => d.date)).toEqual(dates);
  });

  it('reports offsets and text into the original string', () => {
    const say = '我下周五先还五千块';
    expect(parseAmounts(say)).toEqual([{ fen: 500000, start: 6, end: 9, text: '五千块' }]);
    expect(parseDates(say, TODAY)).toEqual([{ date: '2026-05-22', start: 1, end: 4, text: '下周五' }]);
    const traditional = '下週五還５０００元';
    expect(parseAmounts(traditional)).toEqual([{ fen: 500000, start: 4, end: 9, text: '５０００元' }]);
    expect(parseDates(traditional, TODAY)[0]?.text).toBe('下週五');
  });

  it('includes currency marks and small change in the span', () => {
    expect(parseAmounts('应还 ¥ 3000 整')[0]).toMatchObject({ fen: 300000, text: '¥ 3000' });
    expect(parseAmounts('一块半')[0]).toMatchObject({ fen: 150, text: '一块半' });
    expect(parseAmounts('三块五毛钱')[0]).toMatchObject({ fen: 350, text: '三块五毛钱' });
    expect(parseAmounts('八百块钱')[0]).toMatchObject({ fen: 80000, text: '八百块钱' });
  });

  it('reads the weekday relative to the day of the week today is', () => {
    // Sunday 2026-05-17: next week starts tomorrow.
    expect(parseDates('下周五', '2026-05-17')[0]?.date).toBe('2026-05-22');
    expect(parseDates('周五', '2026-05-17')[0]?.date).toBe('2026-05-22');
    // On a Friday, 这周五 is today and 下周五 is a week later.
    expect(parseDates('这周五', '2026-05-15')[0]?.date).toBe('2026-05-15');
    expect(parseDates('下周五', '2026-05-15')[0]?.date).toBe('2026-05-22');
    // Saturday: this week's Friday has passed, so 这周五 rolls to next week's.
    expect(parseDates('这周五', '2026-05-16')[0]?.date).toBe('2026-05-22');
  });

  it('handles month ends, leap years and the year end', () => {
    expect(parseDates('月底', '2028-02-10')[0]?.date).toBe('2028-02-29');
    expect(parseDates('31号', '2026-04-10')[0]?.date).toBe('2026-04-30');
    expect(parseDates('下个月初', '2026-12-20')[0]?.date).toBe('2027-01-01');
    expect(parseDates('5号', '2026-12-20')[0]?.date).toBe('2027-01-05');
    expect(parseDates('一个月后', '2026-01-31')[0]?.date).toBe('2026-02-28');
    expect(parseDates('12月1号', '2026-12-02')[0]?.date).toBe('2027-12-01');
  });

  it('normalises full-width and traditional characters code unit for code unit', () => {
    const text = '兩萬塊，下個月１０號';
    expect(normalizeSpeechValues(text)).toBe('两万块，下个月10号');
    expect(normalizeSpeechValues(text)).toHaveLength(text.length);
  });

  it('rejects a malformed business date', () => {
    expect(() => parseDates('明天', '2026-13-01')).toThrow(RangeError);
  });
});

const speechChars = fc.constantFrom(
  ...'0123456789０１２３４５６７８９零一二两兩三四五六七八九十百千万萬亿几半点块元钱号日月年天周星期礼拜下这本上个初底末中后之以内今明大分期第%.,/-:¥￥ kKwW我还你先再'.split(
    '',
  ),
  '😀',
  '\uD83D',
  'abc',
  '週',
  '號',
);
const speechLike = fc.oneof(
  fc.string({ unit: speechChars, maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
const businessDay = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2190-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('speech values: properties', () => {
  it('never throws, and offsets slice the original text to the reported text', () => {
    fc.assert(
      fc.property(speechLike, businessDay, (text, today) => {
        for (const found of [...parseAmounts(text), ...parseDates(text, today)]) {
          expect(found.start).toBeGreaterThanOrEqual(0);
          expect(found.end).toBeGreaterThan(found.start);
          expect(found.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(found.start, found.end)).toBe(found.text);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('copes with very long text', () => {
    const text = `${'我下周五先还五千，'.repeat(5000)}${'9'.repeat(10000)}😀`;
    expect(parseAmounts(text)).toHaveLength(5000);
    expect(parseDates(text, TODAY)).toHaveLength(5000);
  });

  it('reports amounts as safe positive integers of fen', () => {
    fc.assert(
      fc.property(speechLike, (text) => {
        for (const { fen } of parseAmounts(text)) {
          expect(Number.isSafeInteger(fen)).toBe(true);
          expect(fen).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips every Arabic number n written as "n元" to n*100 fen', () => {
    const context = fc.constantFrom(['', ''], ['我还', '，行吗'], ['先转', '给你'], ['欠款', '。']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_YUAN }), context, (n, [before, after]) => {
        const amounts = parseAmounts(`${before}${n}元${after}`);
        expect(amounts.map((a) => a.fen)).toEqual([n * 100]);
        expect(amounts[0]?.text).toBe(`${n}元`);
      }),
    );
  });

  it('reports dates as valid YYYY-MM-DD on or after today', () => {
    fc.assert(
      fc.property(speechLike, businessDay, (text, today) => {
        for (const { date } of parseDates(text, today)) {
          expect(isBusinessDate(date)).toBe(true);
          expect(date >= today).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every day-of-month and month-day phrase as a date on or after today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        businessDay,
        (month, day, today) => {
          for (const text of [`${day}号`, `${month}月${day}日`, `下个月${day}号`]) {
            const dates = parseDates(text, today);
            // Days of month are clamped (31号 in April is the 30th); a month-day must exist (2月29日: in a leap year).
            const exists =
              !text.includes('月') || text.startsWith('下') || isRealCalendarDate(2028, month, day);
            expect(dates).toHaveLength(exists ? 1 : 0);
            for (const { date } of dates) expect(date >= today).toBe(true);
            expect(parseAmounts(text)).toEqual([]);
          }
        },
      ),
    );
  });
});
