import { describe, expect, it } from 'vitest';
import { MERGE_FIELDS } from '../../domain/script-library';
import { mergeValues, renderSms, type SmsMergeData, yuanText } from './merge';

const data: SmsMergeData = {
  institution: '示范银行信用卡中心',
  debtorName: '张三',
  contractNo: 'CC-2026-0001234',
  balanceFen: 1_234_567,
  principalFen: 1_000_000,
  interestFen: 200_000,
  penaltyFen: 34_567,
  dueDate: '2026-10-15',
  daysPastDue: 40,
  collectorName: '李四',
  collectorNo: 'collector',
  serviceNumber: '95500',
  promise: { amountFen: 50_000, dueDate: '2026-11-30' },
  today: '2026-11-24',
};

describe('renderSms', () => {
  it('fills the merge fields of a template from the case', () => {
    const body =
      '【{{机构名称}}】尊敬的{{客户姓名}}，您尾号{{尾号}}的账户已逾期{{逾期天数}}天，应还{{应还金额}}。请于{{截止日期}}前通过{{官方还款渠道}}处理，客服电话{{客服电话}}。';
    expect(renderSms(body, mergeValues(data))).toEqual({
      ok: true,
      text: '【示范银行信用卡中心】尊敬的张三，您尾号1234的账户已逾期40天，应还12,345.67元。请于2026-12-01前通过官方APP、网点柜台或官方对公账户处理，客服电话95500。',
    });
  });

  it('fills the older single-brace names too', () => {
    expect(
      renderSms('{姓名}，尾号{卡号后四位}，应还金额{金额}元，逾期{逾期天数}天', mergeValues(data)),
    ).toEqual({
      ok: true,
      text: '张三，尾号1234，应还金额12,345.67元，逾期40天',
    });
  });

  it('reports every field without a value instead of sending a half-filled text', () => {
    const values = mergeValues({ ...data, serviceNumber: null, promise: null });
    expect(renderSms('请于{{承诺日期}}前还款{{承诺金额}}，客服{{客服电话}}，{未知字段}', values)).toEqual({
      ok: false,
      missing: ['承诺日期', '承诺金额', '客服电话', '未知字段'],
    });
  });

  it('knows every merge field of the script library', () => {
    expect(Object.keys(mergeValues(data)).sort()).toEqual(Object.keys(MERGE_FIELDS).sort());
  });

  it('formats yuan exactly', () => {
    expect(yuanText(5)).toBe('0.05元');
    expect(yuanText(100_000_000)).toBe('1,000,000.00元');
  });
});
