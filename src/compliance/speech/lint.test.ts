import { describe, expect, it } from 'vitest';
import { hasErrorFinding, lintTemplate } from './index';

describe('lintTemplate', () => {
  it('a clean SMS with the sender and merge fields passes', () => {
    const body =
      '【华信银行】尊敬的{{客户姓名}}，您尾号{{卡号后四位}}的信用卡账单已逾期，请通过官方APP还款，逾期可能影响您的征信。';
    expect(lintTemplate({ kind: 'sms', body })).toEqual([]);
  });

  it('finds a threat in a template, quoting the body', () => {
    const body = '【华信银行】{{客户姓名}}，再不还款，我们就去你单位闹，后果自负！';
    const findings = lintTemplate({ kind: 'sms', body });
    expect(hasErrorFinding(findings)).toBe(true);
    expect(findings.map((finding) => finding.category)).toEqual(['threat', 'threat']);
    for (const finding of findings) expect(body.slice(finding.start, finding.end)).toBe(finding.quote);
  });

  it('merge fields are not inspected and do not join the words around them', () => {
    expect(lintTemplate({ kind: 'script', body: '您好，{{坐牢}}我是{{坐席姓名}}。' })).toEqual([]);
    expect(lintTemplate({ kind: 'script', body: '坐{{x}}牢' })).toEqual([]);
  });

  it('an SMS or letter must name its sender; a script need not', () => {
    const body = '尊敬的客户，您的账单已逾期，请通过官方APP还款。';
    expect(lintTemplate({ kind: 'sms', body })).toEqual([
      {
        category: 'missing_identity',
        rule: 'lint.template.sender',
        severity: 'error',
        turn: 0,
        start: 0,
        end: 0,
        quote: '',
      },
    ]);
    expect(lintTemplate({ kind: 'letter', body: `{{机构名称}}${body}` })).toEqual([]);
    expect(lintTemplate({ kind: 'script', body })).toEqual([]);
  });

  it('a warning alone does not block publishing', () => {
    const findings = lintTemplate({ kind: 'letter', body: '华信银行信用卡中心：您的逾期记录会上报征信。' });
    expect(findings.map((finding) => finding.severity)).toEqual(['warning']);
    expect(hasErrorFinding(findings)).toBe(false);
  });
});
