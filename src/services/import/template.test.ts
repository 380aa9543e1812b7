import { describe, expect, it } from 'vitest';
import {
  fieldLabel,
  isTemplateField,
  matchHeader,
  normalizeHeader,
  requiredFields,
  type TemplateField,
  templateCsv,
  templateFields,
} from './template';

describe('the template fields', () => {
  it('lists the ten required and four optional columns in the standard order', () => {
    expect(templateFields.map((s) => s.zh)).toEqual([
      '合同编号',
      '客户姓名',
      '身份证号',
      '手机号',
      '产品',
      '到期日',
      '本金',
      '利息',
      '罚息',
      '费用',
      '联系人姓名',
      '联系人关系',
      '联系人电话',
      '地址',
    ]);
    expect(requiredFields).toEqual([
      'contract_no',
      'name',
      'id_number',
      'phone',
      'product',
      'due_date',
      'principal',
      'interest',
      'penalty',
      'fees',
    ]);
  });

  it('labels columns in both languages', () => {
    expect(fieldLabel('id_number', 'zh-CN')).toBe('身份证号');
    expect(fieldLabel('id_number', 'en')).toBe('ID number');
    expect(fieldLabel('penalty', 'en')).toBe('Penalty interest');
    for (const spec of templateFields) {
      expect(fieldLabel(spec.field, 'zh-CN')).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(fieldLabel(spec.field, 'en')).toMatch(/^[A-Z][A-Za-z .]+$/);
    }
  });

  it('tells template fields from other strings', () => {
    expect(isTemplateField('due_date')).toBe(true);
    expect(isTemplateField('due date')).toBe(false);
  });

  it('serves the blank template as one CSV header line', () => {
    expect(templateCsv()).toBe(
      '合同编号,客户姓名,身份证号,手机号,产品,到期日,本金,利息,罚息,费用,联系人姓名,联系人关系,联系人电话,地址\r\n',
    );
  });
});

describe('matchHeader', () => {
  it('recognises every standard header, field name and English label', () => {
    for (const spec of templateFields) {
      expect(matchHeader(spec.zh)).toBe(spec.field);
      expect(matchHeader(spec.field)).toBe(spec.field);
      expect(matchHeader(spec.field.toUpperCase())).toBe(spec.field);
      expect(matchHeader(spec.en)).toBe(spec.field);
    }
  });

  it.each<[string, TemplateField]>([
    ['Contract No', 'contract_no'],
    ['contract number', 'contract_no'],
    ['CONTRACT-NO', 'contract_no'],
    ['ID number', 'id_number'],
    ['id_no', 'id_number'],
    ['Mobile', 'phone'],
    ['mobile number', 'phone'],
    ['Due Date', 'due_date'],
    ['principal', 'principal'],
    ['Penalty', 'penalty'],
    ['fee', 'fees'],
    ['Contact Phone', 'contact_phone'],
    ['relationship', 'contact_relation'],
  ])('accepts the English variant %j', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each<[string, TemplateField]>([
    ['姓名', 'name'],
    ['证件号码', 'id_number'],
    ['身份证号码', 'id_number'],
    ['手机号码', 'phone'],
    ['联系电话', 'phone'],
    ['产品名称', 'product'],
    ['首次逾期日', 'due_date'],
    ['逾期日', 'due_date'],
    ['到期日期', 'due_date'],
    ['本金金额', 'principal'],
    ['罚息金额', 'penalty'],
    ['手续费', 'fees'],
    ['联系人', 'contact_name'],
    ['联系人手机', 'contact_phone'],
    ['家庭地址', 'address'],
    ['联系地址', 'address'],
  ])('accepts the collection-file variant %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each<[string, TemplateField]>([
    ['  合同编号  ', 'contract_no'],
    ['\u3000客户姓名\u3000', 'name'],
    ['本金(元)', 'principal'],
    ['本金（元）', 'principal'],
    ['利息（元）*', 'interest'],
    ['合同编号*', 'contract_no'],
    ['*合同编号', 'contract_no'],
    ['合同编号＊', 'contract_no'],
    ['罚息 ( 元 )', 'penalty'],
    ['ＩＤ　Ｎｕｍｂｅｒ', 'id_number'],
    ['Ｐｒｉｎｃｉｐａｌ（元）', 'principal'],
    ['本金\n(元)', 'principal'],
  ])('ignores spaces, width, markers and case in %j', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it('keeps the debtor phone and the contact phone apart', () => {
    expect(matchHeader('联系电话')).toBe('phone');
    expect(matchHeader('联系人电话')).toBe('contact_phone');
    expect(matchHeader('联系人')).toBe('contact_name');
  });

  it.each(['备注', '户籍地址', '逾期天数', 'remarks', '', '元', '(元)', '*'])(
    'does not map %j to any field',
    (header) => {
      expect(matchHeader(header)).toBeNull();
    },
  );

  it('normalises headers to a comparison key', () => {
    expect(normalizeHeader(' Contract_No. （元）* ')).toBe('contractno');
    expect(normalizeHeader('手机号码')).toBe('手机号码');
  });
});
