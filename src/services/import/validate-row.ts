/**
 * One row of the placement file, checked and converted: every problem is collected (not just the first),
 * amounts become fen, the first missed due date gives days past due and the bucket as of the import day.
 * Pure: the business date and the portfolio's buckets are passed in.
 */
import { type BucketRange, bucketFor, daysPastDueFromFirstMissed } from '../../domain/aging';
import { parseBusinessDate } from '../../domain/dates';
import { validateIdNumber } from '../../domain/id-number';
import { parseYuan } from '../../domain/money';
import { normalizePhone } from '../../domain/phone';
import { type ReasonCode, reasonText } from '../../domain/reasons';
import type { TemplateField } from './template';

export interface StagedRow {
  rowNumber: number;
  contractNo: string;
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  birthDate: string;
  phone: string;
  phoneKind: 'mobile' | 'landline';
  product: string;
  dueDate: string;
  principalFen: number;
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
  balanceFen: number;
  daysPastDue: number;
  bucket: string;
  contactName: string | null;
  contactRelation: string | null;
  contactDebtRelated: boolean;
  contactPhone: string | null;
  address: string | null;
}

export interface RowProblem {
  field: TemplateField;
  /** Stable code of the reason (from domain/reasons, or import-specific such as duplicate_in_file). */
  code: string;
  zh: string;
  en: string;
}

export type RowCheck = { ok: true; row: StagedRow } | { ok: false; problems: RowProblem[] };

const MAX_TEXT = {
  contract_no: 64,
  name: 60,
  product: 60,
  contact_name: 60,
  contact_relation: 30,
  address: 200,
};

/** Relations that make a contact liable for the debt (guarantor, co-borrower); all others only help locate. */
const DEBT_RELATED_RELATIONS = new Set([
  '担保人',
  '保证人',
  '共同借款人',
  '共借人',
  '共同还款人',
  'guarantor',
  'co-borrower',
  'coborrower',
  'co_borrower',
]);

export function isDebtRelatedRelation(relation: string): boolean {
  return DEBT_RELATED_RELATIONS.has(relation.trim().toLowerCase());
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function problem(field: TemplateField, code: ReasonCode): RowProblem {
  const text = reasonText(code);
  return { field, code, zh: text.zh, en: text.en };
}

function textProblem(field: keyof typeof MAX_TEXT, value: string): RowProblem | null {
  if (value.length > MAX_TEXT[field]) {
    return {
      field,
      code: 'text_too_long',
      zh: `超过 ${MAX_TEXT[field]} 个字符`,
      en: `longer than ${MAX_TEXT[field]} characters`,
    };
  }
  if (CONTROL.test(value)) {
    return {
      field,
      code: 'text_control_chars',
      zh: '含有不可见的控制字符',
      en: 'contains invisible control characters',
    };
  }
  return null;
}

export function validateImportRow(
  rowNumber: number,
  values: Partial<Record<TemplateField, string>>,
  context: { asOf: string; buckets: readonly BucketRange[] },
): RowCheck {
  const problems: RowProblem[] = [];
  const get = (f: TemplateField) => (values[f] ?? '').trim();

  const requiredText = (field: 'contract_no' | 'name'): string => {
    const v = get(field);
    if (!v) {
      problems.push(problem(field, 'required'));
      return '';
    }
    const p = textProblem(field, v);
    if (p) problems.push(p);
    return v;
  };
  const optionalText = (
    field: 'product' | 'contact_name' | 'contact_relation' | 'address',
  ): string | null => {
    const v = get(field);
    if (!v) return null;
    const p = textProblem(field, v);
    if (p) problems.push(p);
    return v;
  };

  const contractNo = requiredText('contract_no');
  const name = requiredText('name');

  let idNumber = '';
  let gender: 'M' | 'F' = 'M';
  let birthDate = '';
  const rawId = get('id_number');
  if (!rawId) problems.push(problem('id_number', 'required'));
  else {
    const id = validateIdNumber(rawId);
    if (id.ok) {
      idNumber = id.idNumber;
      gender = id.gender;
      birthDate = id.birthDate;
    } else problems.push(problem('id_number', id.reason));
  }

  let phone = '';
  let phoneKind: 'mobile' | 'landline' = 'mobile';
  const rawPhone = get('phone');
  if (!rawPhone) problems.push(problem('phone', 'required'));
  else {
    const p = normalizePhone(rawPhone);
    if (p.ok) {
      phone = p.number;
      phoneKind = p.kind;
    } else problems.push(problem('phone', p.reason));
  }

  const product = optionalText('product') ?? '';

  let dueDate = '';
  const rawDue = get('due_date');
  if (!rawDue) problems.push(problem('due_date', 'required'));
  else {
    const d = parseBusinessDate(rawDue);
    if (d.ok) dueDate = d.date;
    else problems.push(problem('due_date', d.reason));
  }

  const amount = (field: 'principal' | 'interest' | 'penalty' | 'fees', required: boolean): number => {
    const raw = get(field);
    if (!raw) {
      if (required) problems.push(problem(field, 'required'));
      return 0;
    }
    const parsed = parseYuan(raw);
    if (parsed.ok) return parsed.fen;
    problems.push(problem(field, parsed.reason));
    return 0;
  };
  const principalFen = amount('principal', true);
  const interestFen = amount('interest', false);
  const penaltyFen = amount('penalty', false);
  const feesFen = amount('fees', false);

  const contactName = optionalText('contact_name');
  const contactRelation = optionalText('contact_relation');
  let contactPhone: string | null = null;
  const rawContactPhone = get('contact_phone');
  if (rawContactPhone) {
    const p = normalizePhone(rawContactPhone);
    if (p.ok) contactPhone = p.number;
    else problems.push(problem('contact_phone', p.reason));
    if (!contactName) {
      problems.push({
        field: 'contact_name',
        code: 'contact_name_required',
        zh: '填写了联系人电话时必须填写联系人姓名',
        en: 'required when a contact phone is given',
      });
    }
  }
  if (contactPhone && contactPhone === phone) {
    problems.push({
      field: 'contact_phone',
      code: 'contact_phone_is_debtor',
      zh: '联系人电话与客户本人手机号相同',
      en: "is the debtor's own phone number",
    });
  }
  const address = optionalText('address');

  if (problems.length > 0) return { ok: false, problems };

  const balanceFen = principalFen + interestFen + penaltyFen + feesFen;
  if (!Number.isSafeInteger(balanceFen)) {
    return { ok: false, problems: [problem('principal', 'amount_too_large')] };
  }
  const daysPastDue = daysPastDueFromFirstMissed({
    firstMissedDueDate: dueDate,
    balanceFen,
    asOf: context.asOf,
  });
  return {
    ok: true,
    row: {
      rowNumber,
      contractNo,
      name,
      idNumber,
      gender,
      birthDate,
      phone,
      phoneKind,
      product,
      dueDate,
      principalFen,
      interestFen,
      penaltyFen,
      feesFen,
      balanceFen,
      daysPastDue,
      bucket: bucketFor(daysPastDue, context.buckets),
      contactName,
      contactRelation,
      contactDebtRelated: contactRelation ? isDebtRelatedRelation(contactRelation) : false,
      contactPhone,
      address,
    },
  };
}
