/**
 * The column template of the daily case-placement file (委案文件): which columns the importer understands,
 * how they are labelled in each language, and which header spellings map to them.
 */

import type { Locale } from '../../errors';

export type TemplateField =
  | 'contract_no'
  | 'name'
  | 'id_number'
  | 'phone'
  | 'product'
  | 'due_date'
  | 'principal'
  | 'interest'
  | 'penalty'
  | 'fees'
  | 'contact_name'
  | 'contact_relation'
  | 'contact_phone'
  | 'address';

export interface TemplateFieldSpec {
  field: TemplateField;
  required: boolean;
  /** The standard zh-CN header, as in the template handed to clients. */
  zh: string;
  /** The English column label. */
  en: string;
  /** Other headers collection files use for this column (matched after normalisation). */
  aliases: readonly string[];
}

/** The template in column order of the standard file. */
export const templateFields: readonly TemplateFieldSpec[] = [
  {
    field: 'contract_no',
    required: true,
    zh: '合同编号',
    en: 'Contract No.',
    aliases: [
      '合同号',
      '合同编码',
      '借款合同编号',
      '借款合同号',
      'contract number',
      'contract id',
      'contract',
    ],
  },
  {
    field: 'name',
    required: true,
    zh: '客户姓名',
    en: 'Customer name',
    aliases: [
      '姓名',
      '客户名称',
      '借款人姓名',
      '债务人姓名',
      'customer',
      'debtor name',
      'borrower name',
      'full name',
    ],
  },
  {
    field: 'id_number',
    required: true,
    zh: '身份证号',
    en: 'ID number',
    aliases: [
      '身份证号码',
      '证件号码',
      '证件号',
      '身份证',
      '客户身份证号',
      'id no',
      'id card number',
      'id card no',
    ],
  },
  {
    field: 'phone',
    required: true,
    zh: '手机号',
    en: 'Mobile',
    aliases: [
      '手机号码',
      '手机',
      '联系电话',
      '客户手机号',
      '客户电话',
      'mobile number',
      'mobile phone',
      'phone number',
      'cellphone',
      'cell phone',
    ],
  },
  {
    field: 'product',
    required: true,
    zh: '产品',
    en: 'Product',
    aliases: ['产品名称', '产品类型', '贷款产品', 'product name'],
  },
  {
    field: 'due_date',
    required: true,
    zh: '到期日',
    en: 'Due date',
    aliases: [
      '到期日期',
      '首次逾期日',
      '首次逾期日期',
      '逾期日',
      '逾期日期',
      'first overdue date',
      'overdue date',
    ],
  },
  {
    field: 'principal',
    required: true,
    zh: '本金',
    en: 'Principal',
    aliases: ['本金金额', '逾期本金', '剩余本金', '欠款本金', 'principal amount', 'outstanding principal'],
  },
  {
    field: 'interest',
    required: true,
    zh: '利息',
    en: 'Interest',
    aliases: ['利息金额', '逾期利息', 'interest amount'],
  },
  {
    field: 'penalty',
    required: true,
    zh: '罚息',
    en: 'Penalty interest',
    aliases: ['罚息金额', '逾期罚息', 'penalty', 'penalty amount'],
  },
  {
    field: 'fees',
    required: true,
    zh: '费用',
    en: 'Fees',
    aliases: ['手续费', '费用金额', '其他费用', 'fee', 'charges'],
  },
  {
    field: 'contact_name',
    required: false,
    zh: '联系人姓名',
    en: 'Contact name',
    aliases: ['联系人', '紧急联系人', '紧急联系人姓名', 'contact', 'emergency contact'],
  },
  {
    field: 'contact_relation',
    required: false,
    zh: '联系人关系',
    en: 'Contact relation',
    aliases: [
      '与联系人关系',
      '与本人关系',
      '紧急联系人关系',
      'relation',
      'relationship',
      'contact relationship',
    ],
  },
  {
    field: 'contact_phone',
    required: false,
    zh: '联系人电话',
    en: 'Contact phone',
    aliases: [
      '联系人手机',
      '联系人手机号',
      '联系人手机号码',
      '联系人电话号码',
      '紧急联系人电话',
      'contact mobile',
    ],
  },
  {
    field: 'address',
    required: false,
    zh: '地址',
    en: 'Address',
    aliases: ['家庭地址', '联系地址', '居住地址', '现居住地址', '住址', 'home address', 'contact address'],
  },
];

const specByField = new Map<TemplateField, TemplateFieldSpec>(templateFields.map((s) => [s.field, s]));

/** Required fields, in template order. */
export const requiredFields: readonly TemplateField[] = templateFields
  .filter((s) => s.required)
  .map((s) => s.field);

export function isTemplateField(value: string): value is TemplateField {
  return specByField.has(value as TemplateField);
}

/** The column label of a field in the given locale (the standard zh header, or the English label). */
export function fieldLabel(field: TemplateField, locale: Locale): string {
  const spec = specByField.get(field);
  if (spec === undefined) throw new Error(`Unknown template field: ${String(field)}`);
  return locale === 'zh-CN' ? spec.zh : spec.en;
}

/** Unit and required-column markers that may trail a header: 本金(元), 本金（元）, *本金, 合同编号*. */
const markerPattern = /^\*+|\*+$|\(\s*(?:元|人民币|人民币元|rmb|cny|yuan)\s*\)$/g;
const separatorPattern = /[\s_\-.:·]+/g;

/**
 * The comparison key of a header: NFKC folds full-width forms to half-width (（元） → (元), ＡＢ → AB,
 * the ideographic space → space), then case, required/unit markers and separators are dropped.
 */
export function normalizeHeader(header: string): string {
  let key = header.normalize('NFKC').toLowerCase().trim();
  for (;;) {
    const stripped = key.replace(markerPattern, '').trim();
    if (stripped === key) break;
    key = stripped;
  }
  return key.replace(separatorPattern, '');
}

function buildHeaderIndex(): Map<string, TemplateField> {
  const index = new Map<string, TemplateField>();
  for (const spec of templateFields) {
    for (const spelling of [spec.field, spec.zh, spec.en, ...spec.aliases]) {
      const key = normalizeHeader(spelling);
      const taken = index.get(key);
      if (taken !== undefined && taken !== spec.field) {
        throw new Error(`Header alias "${spelling}" is claimed by both ${taken} and ${spec.field}`);
      }
      index.set(key, spec.field);
    }
  }
  return index;
}

const headerIndex = buildHeaderIndex();

/** The field a header of the user's file stands for, or null when the column is not part of the template. */
export function matchHeader(header: string): TemplateField | null {
  return headerIndex.get(normalizeHeader(header)) ?? null;
}

/** The blank template as CSV text: the standard zh-CN headers in template order, one CRLF-terminated line. */
export function templateCsv(): string {
  return `${templateFields.map((spec) => spec.zh).join(',')}\r\n`;
}
