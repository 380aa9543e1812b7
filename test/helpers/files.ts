/** Placement files for tests: valid synthetic rows from the demo generator, written as CSV (any encoding). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DEMO_TEMPLATE_HEADERS, generateDemoRows, toCsvLine } from '../../src/services/demo/generator';

export type TemplateRow = {
  contract_no: string;
  name: string;
  id_number: string;
  phone: string;
  product: string;
  due_date: string;
  principal: string;
  interest: string;
  penalty: string;
  fees: string;
  contact_name: string;
  contact_relation: string;
  contact_phone: string;
  address: string;
};

export const TEMPLATE_FIELDS: (keyof TemplateRow)[] = [
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
  'contact_name',
  'contact_relation',
  'contact_phone',
  'address',
];

export function validRows(
  count: number,
  options: { seed?: number; asOf?: string; prefix?: string } = {},
): TemplateRow[] {
  return [
    ...generateDemoRows({
      count,
      seed: options.seed ?? 7,
      asOf: options.asOf ?? '2026-11-24',
      contractPrefix: options.prefix ?? 'T-',
    }),
  ] as TemplateRow[];
}

export function csvText(rows: TemplateRow[], headers: readonly string[] = DEMO_TEMPLATE_HEADERS): string {
  const lines = [toCsvLine([...headers])];
  for (const r of rows) lines.push(toCsvLine(TEMPLATE_FIELDS.map((f) => r[f] ?? '')));
  return `${lines.join('\r\n')}\r\n`;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'qs-test-'));
}

export function writeCsv(
  dir: string,
  name: string,
  rows: TemplateRow[],
  encoding: 'utf-8' | 'utf-8-bom' | 'gbk' = 'utf-8',
): string {
  const text = csvText(rows);
  const path = join(dir, name);
  if (encoding === 'gbk') writeFileSync(path, iconv.encode(text, 'gbk'));
  else writeFileSync(path, encoding === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
  return path;
}
