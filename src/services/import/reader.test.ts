import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { cellText, type OpenedImportFile, openImportFile, plainNumber, type RawRow } from './reader';
import { type TemplateField, templateFields } from './template';

// ---- helpers ----------------------------------------------------------------------------------------------

const HEADER_ZH = templateFields.map((s) => s.zh);
const FIELDS = templateFields.map((s) => s.field);

type Table = string[][];

/** RFC 4180: quote a value holding a comma, quote, CR or LF; double the quotes inside. */
function toCsv(table: Table, { delimiter = ',', eol = '\r\n' } = {}): string {
  const quote = (value: string) =>
    value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return table.map((row) => row.map(quote).join(delimiter) + eol).join('');
}

type Encoding = 'utf-8' | 'utf-8-bom' | 'gbk';

function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Opens bytes as an upload would arrive, optionally in chunks of `chunkSize` bytes. */
function openBytes(bytes: Buffer, fileName = 'placement.csv', chunkSize = 0): Promise<OpenedImportFile> {
  const chunks: Buffer[] = [];
  if (chunkSize > 0) {
    for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  } else chunks.push(bytes);
  return openImportFile({ stream: Readable.from(chunks), fileName, size: bytes.length });
}

async function readAll(file: OpenedImportFile): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

async function appErrorOf(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Values keyed by field, as the reader yields them, for a row written in template column order. */
function expectedValues(cells: readonly string[], fields: readonly TemplateField[] = FIELDS) {
  const values: Partial<Record<TemplateField, string>> = {};
  cells.forEach((cell, i) => {
    const field = fields[i];
    const value = cell.trim();
    if (field !== undefined && value !== '') values[field] = value;
  });
  return values;
}

const SAMPLE_ROWS: Table = [
  [
    'HT2024000001',
    '张三',
    '110101199003071234',
    '13800138000',
    '信用卡',
    '2024-01-15',
    '12,345.67',
    '120.5',
    '30',
    '0',
    '李四',
    '配偶',
    '13900139000',
    '北京市朝阳区建国路88号 "华贸中心"',
  ],
  [
    'HT2024000002',
    '欧阳娜娜',
    '44030519851201002X',
    '13700137000',
    '消费贷',
    '2024-02-29',
    '5000',
    '0',
    '0',
    '15',
    '',
    '',
    '',
    '',
  ],
  [
    'HT2024000003',
    '  王五  ',
    '320102198807070011',
    '13600136000',
    '现金分期',
    '2023-12-31',
    '800.00',
    '8',
    '1.2',
    '0',
    '赵六',
    '朋友',
    '13500135000',
    '上海市浦东新区世纪大道1号，2栋',
  ],
];

/** A minimal ZIP with stored (uncompressed) entries. */
function storedZip(entries: { name: string; data: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.data, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deterministic bytes for "random binary" inputs. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qingshou-reader-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// ---- CSV --------------------------------------------------------------------------------------------------

describe('CSV encodings', () => {
  const text = toCsv([HEADER_ZH, ...SAMPLE_ROWS]);
  const expected = SAMPLE_ROWS.map((cells, i) => ({ rowNumber: i + 2, values: expectedValues(cells) }));

  it.each<Encoding>(['utf-8', 'utf-8-bom', 'gbk'])('reads %s and reports the encoding', async (encoding) => {
    const file = await openBytes(encode(text, encoding));
    expect(file.format).toBe('csv');
    expect(file.encoding).toBe(encoding);
    expect(await readAll(file)).toEqual(expected);
  });

  it.each<Encoding>(['utf-8', 'utf-8-bom', 'gbk'])(
    'reads %s arriving in 1-, 2- and 5-byte chunks that cut characters apart',
    async (encoding) => {
      for (const chunkSize of [1, 2, 5]) {
        const file = await openBytes(encode(text, encoding), 'placement.csv', chunkSize);
        expect(file.encoding).toBe(encoding);
        expect(await readAll(file)).toEqual(expected);
      }
    },
  );

  it('strips the BOM so that the first header is recognised', async () => {
    const file = await openBytes(encode(text, 'utf-8-bom'));
    expect(file.columns[0]).toEqual({ field: 'contract_no', header: '合同编号', index: 0 });
    expect(file.ignoredHeaders).toEqual([]);
  });

  it.each<Encoding>(['utf-8', 'gbk'])(
    'detects %s when the 64 KiB sample ends in the middle of a character',
    async (encoding) => {
      const header = `${toCsv([HEADER_ZH])}`;
      const prefix = encode(header, encoding).length;
      // Pad with one-byte characters so that a two- or three-byte character straddles byte 65536.
      const filler = 'a'.repeat(65536 - prefix - 1 - 'HT1,'.length);
      const row = ['HT1', `${filler}中`, '1', '1', '1', '2024-01-01', '1', '1', '1', '1'];
      const bytes = encode(header + toCsv([row]), encoding);
      const cut = bytes.indexOf(encode('中', encoding));
      expect(cut).toBeLessThan(65536);
      expect(cut + encode('中', encoding).length).toBeGreaterThan(65536);
      const file = await openBytes(bytes);
      expect(file.encoding).toBe(encoding);
      const rows = await readAll(file);
      expect(rows[0]?.values.name).toBe(`${filler}中`);
    },
  );

  it('fails with IMPORT_ENCODING naming the row when UTF-8 turns into GBK after the sample', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [
      `HT${i}`,
      '张三',
      '110101199003071234',
      '13800138000',
      '信用卡',
      '2024-01-15',
      '100',
      '0',
      '0',
      '0',
    ]);
    const before = Buffer.from(toCsv([HEADER_ZH.slice(0, 10), ...rows.slice(0, 1499)]), 'utf8');
    const bad = iconv.encode(toCsv([rows[1499] as string[]]), 'gbk');
    const after = Buffer.from(toCsv(rows.slice(1500)), 'utf8');
    expect(before.length).toBeGreaterThan(65536);
    const file = await openBytes(Buffer.concat([before, bad, after]));
    expect(file.encoding).toBe('utf-8');
    const seen: RawRow[] = [];
    const error = await appErrorOf(
      (async () => {
        for await (const row of file.rows) seen.push(row);
      })(),
    );
    expect(error.code).toBe('IMPORT_ENCODING');
    expect(error.params.row).toBe(1501);
    expect(error.details).toMatchObject({ row: 1501, encoding: 'utf-8' });
    // Every row before the bad one was delivered, in order.
    expect(seen).toHaveLength(1499);
    expect(seen.at(-1)?.rowNumber).toBe(1500);
  });

  it('fails with IMPORT_ENCODING naming the row when a GBK file holds bytes GBK does not have', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      `HT${i}`,
      '张三',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
    ]);
    const good = iconv.encode(toCsv([HEADER_ZH.slice(0, 10), ...rows]), 'gbk');
    const bad = Buffer.concat([
      Buffer.from('HT99,'),
      Buffer.from([0xff, 0xff]),
      Buffer.from(',1,1,1,1,1,1,1,1\r\n'),
    ]);
    const file = await openBytes(Buffer.concat([good, bad]));
    expect(file.encoding).toBe('gbk');
    const error = await appErrorOf(readAll(file));
    expect(error.code).toBe('IMPORT_ENCODING');
    expect(error.params.row).toBe(32);
  });

  it('fails with IMPORT_ENCODING when the text is neither UTF-8 nor GBK', async () => {
    // Lone 0x80/0xFF bytes are invalid in UTF-8 and GB18030.
    const bytes = Buffer.concat([
      Buffer.from('合同编号,'),
      Buffer.from([0x80, 0xff, 0x80, 0xff]),
      Buffer.from('\r\n'),
    ]);
    const error = await appErrorOf(openBytes(bytes));
    expect(error.code).toBe('IMPORT_ENCODING');
    expect(error.details).toEqual({ reason: 'unknown_encoding' });
    expect(error.messageIn('zh-CN')).toContain('GBK');
  });

  it('names the row of a GBK line in a small UTF-8 file', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => [
      `HT${i}`,
      '张三',
      '1',
      '1',
      '信用卡',
      '1',
      '1',
      '1',
      '1',
      '1',
    ]);
    const bytes = Buffer.concat([
      Buffer.from(toCsv([HEADER_ZH.slice(0, 10), ...rows.slice(0, 3)]), 'utf8'),
      iconv.encode(toCsv([rows[3] as string[]]), 'gbk'),
      Buffer.from(toCsv([rows[4] as string[]]), 'utf8'),
    ]);
    const file = await openBytes(bytes);
    expect(file.encoding).toBe('utf-8');
    const error = await appErrorOf(readAll(file));
    expect(error).toMatchObject({ code: 'IMPORT_ENCODING', params: { row: 5 } });
    expect(error.messageIn('zh-CN')).toMatch(/^第 5 行：无法识别文件编码/);
    expect(error.messageIn('en')).toMatch(/^Row 5: Unreadable file encoding/);
  });

  it.each([
    [
      'UTF-16 LE with BOM (Excel "Unicode text")',
      iconv.encode(`\uFEFF${toCsv([HEADER_ZH], { delimiter: '\t' })}`, 'utf16le'),
    ],
    ['UTF-16 BE with BOM', iconv.encode(`\uFEFF${toCsv([HEADER_ZH])}`, 'utf16be')],
    [
      'UTF-16 LE without BOM',
      iconv.encode('contract_no,name,id_number,phone\r\nHT1,Zhang San,1,2\r\n', 'utf16le'),
    ],
  ])('refuses %s and says to save as CSV UTF-8', async (_name, bytes) => {
    const error = await appErrorOf(openBytes(bytes, 'export.txt'));
    expect(error.code).toBe('IMPORT_ENCODING_UTF16');
    expect(error.messageIn('zh-CN')).toContain('CSV UTF-8');
    expect(error.messageIn('en')).toContain('CSV UTF-8');
  });
});

describe('CSV structure', () => {
  it('counts records, not lines, so a quoted multi-line value keeps later row numbers right', async () => {
    const rows = [
      [
        'HT1',
        '张三',
        '1',
        '1',
        '1',
        '2024-01-01',
        '1',
        '1',
        '1',
        '1',
        '',
        '',
        '',
        '北京市\r\n朝阳区\n建国路',
      ],
      ['HT2', '李四', '1', '1', '1', '2024-01-01', '1', '1', '1', '1', '', '', '', '上海市'],
    ];
    const file = await openBytes(Buffer.from(toCsv([HEADER_ZH, ...rows])));
    const read = await readAll(file);
    expect(read.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(read[0]?.values.address).toBe('北京市\r\n朝阳区\n建国路');
    expect(read[1]?.values).toMatchObject({ contract_no: 'HT2', address: '上海市' });
  });

  it('skips blank rows but still counts them, including the empty lines Excel leaves at the end', async () => {
    const text = `${toCsv([HEADER_ZH, SAMPLE_ROWS[0] as string[]])},,,,,,,,,,,,,\r\n\r\n${toCsv([
      SAMPLE_ROWS[1] as string[],
    ])} , ,\u3000,,,,,,,,,,,\r\n,,,,,,,,,,,,,\r\n\r\n`;
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read.map((r) => r.rowNumber)).toEqual([2, 5]);
  });

  it('trims values and leaves empty cells out', async () => {
    const read = await readAll(await openBytes(Buffer.from(toCsv([HEADER_ZH, ...SAMPLE_ROWS]))));
    expect(read[2]?.values.name).toBe('王五');
    expect(read[1]?.values).not.toHaveProperty('contact_name');
    expect(Object.keys(read[1]?.values ?? {})).toHaveLength(10);
  });

  it('tolerates rows shorter or longer than the header', async () => {
    const text = `${HEADER_ZH.join(',')}\nHT1,张三,1,1,1,2024-01-01,1,1,1\nHT2,李四,1,1,1,2024-01-01,1,1,1,1,a,b,c,d,extra,more\n`;
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read[0]?.values).not.toHaveProperty('fees');
    expect(read[1]?.values).toMatchObject({ fees: '1', address: 'd' });
  });

  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
  ])('detects a %s delimiter from the header line', async (_name, delimiter) => {
    const text = toCsv([HEADER_ZH, ...SAMPLE_ROWS], { delimiter, eol: '\n' });
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read.map((r) => r.values)).toEqual(SAMPLE_ROWS.map((cells) => expectedValues(cells)));
  });

  it('detects the delimiter below leading blank lines', async () => {
    const text = `\r\n${toCsv([HEADER_ZH, SAMPLE_ROWS[0] as string[]], { delimiter: '\t' })}`;
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read).toEqual([{ rowNumber: 3, values: expectedValues(SAMPLE_ROWS[0] as string[]) }]);
  });

  it('reports a quote that is never closed with its row', async () => {
    const text = `${toCsv([HEADER_ZH, SAMPLE_ROWS[0] as string[]])}HT2,"张三,1,1,1,2024-01-01,1,1,1,1\r\nHT3,李四,1,1,1,2024-01-01,1,1,1,1\r\n`;
    const error = await appErrorOf(openBytes(Buffer.from(text)).then(readAll));
    expect(error.code).toBe('IMPORT_CSV_MALFORMED');
    expect(error.params.row).toBe(3);
    expect(error.messageIn('zh-CN')).toBe('第 3 行 CSV 格式有误：引号未闭合');
    expect(error.messageIn('en')).toBe('Row 3: malformed CSV: a quoted value is never closed');
  });

  it('stops at 1 MB when an unclosed quote would swallow the rest of the file', async () => {
    const rest = Array.from({ length: 40_000 }, (_, i) => `HT${i},李四,1,1,1,2024-01-01,1,1,1,1`).join(
      '\r\n',
    );
    const text = `${toCsv([HEADER_ZH, SAMPLE_ROWS[0] as string[]])}HT2,"张三,1,1,1,2024-01-01,1,1,1,1\r\n${rest}\r\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const error = await appErrorOf(openBytes(Buffer.from(text)).then(readAll));
    expect(error).toMatchObject({ code: 'IMPORT_CSV_MALFORMED', params: { row: 3 } });
    expect(error.messageIn('zh-CN')).toContain('引号未闭合');
  });

  it('accepts stray quotes inside unquoted values', async () => {
    const text = `${HEADER_ZH.join(',')}\nHT1,张"三,1,1,1,2024-01-01,1,1,1,1\n`;
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read[0]?.values.name).toBe('张"三');
  });
});

// ---- headers ----------------------------------------------------------------------------------------------

describe('headers', () => {
  const expected = SAMPLE_ROWS.map((cells) => expectedValues(cells));

  it.each([
    ['standard zh', HEADER_ZH],
    ['field names', FIELDS],
    [
      'English labels and variants',
      [
        'Contract No',
        'Customer Name',
        'ID number',
        'mobile',
        'PRODUCT',
        'due date',
        'principal',
        'Interest',
        'Penalty',
        'fees',
        'Contact Name',
        'relationship',
        'Contact Phone',
        'Address',
      ],
    ],
    [
      'collection-file zh variants with markers',
      [
        '*合同编号',
        '姓名',
        '证件号码',
        '手机号码',
        '产品名称',
        '首次逾期日',
        '本金金额（元）',
        '利息(元)',
        '罚息金额*',
        '手续费',
        '联系人',
        '与本人关系',
        '联系人手机',
        ' 家庭地址 ',
      ],
    ],
  ])('maps %s headers to the same rows', async (_name, header) => {
    const file = await openBytes(Buffer.from(toCsv([header, ...SAMPLE_ROWS])));
    expect(file.columns.map((c) => c.field)).toEqual(FIELDS);
    expect(file.columns.map((c) => c.header)).toEqual(header.map((h) => h.trim()));
    expect((await readAll(file)).map((r) => r.values)).toEqual(expected);
  });

  it('maps columns in any order by position and lists the headers it ignores', async () => {
    const header = [
      '备注',
      '本金',
      '合同编号',
      '',
      '客户姓名',
      '身份证号',
      '手机号',
      '产品',
      '到期日',
      '利息',
      '罚息',
      '费用',
    ];
    const row = ['VIP', '100', 'HT1', 'x', '张三', '110', '138', '卡', '2024-01-01', '1', '2', '3'];
    const file = await openBytes(Buffer.from(toCsv([header, row])));
    expect(file.columns.slice(0, 3)).toEqual([
      { field: 'principal', header: '本金', index: 1 },
      { field: 'contract_no', header: '合同编号', index: 2 },
      { field: 'name', header: '客户姓名', index: 4 },
    ]);
    expect(file.ignoredHeaders).toEqual(['备注']);
    const [read] = await readAll(file);
    expect(read?.values).toEqual({
      principal: '100',
      contract_no: 'HT1',
      name: '张三',
      id_number: '110',
      phone: '138',
      product: '卡',
      due_date: '2024-01-01',
      interest: '1',
      penalty: '2',
      fees: '3',
    });
  });

  it('lists exactly the missing required columns in both languages', async () => {
    const header = ['合同编号', '客户姓名', '手机号', '产品', '利息', '罚息', '联系人电话'];
    const error = await appErrorOf(
      openBytes(Buffer.from(toCsv([header, ['HT1', '张三', '1', '1', '1', '1', '1']]))),
    );
    expect(error.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(error.details).toEqual({ missing: ['id_number', 'due_date', 'principal', 'fees'] });
    expect(error.messageIn('zh-CN')).toBe('缺少必需的列：身份证号、到期日、本金、费用');
    expect(error.messageIn('en')).toBe('Missing required columns: ID number, Due date, Principal, Fees');
    expect(error.status).toBe(422);
  });

  it('does not require the optional contact and address columns', async () => {
    const file = await openBytes(
      Buffer.from(toCsv([HEADER_ZH.slice(0, 10), ['HT1', '张三', '1', '1', '1', '1', '1', '1', '1', '1']])),
    );
    expect(file.columns).toHaveLength(10);
  });

  it('refuses two headers for the same field, naming both', async () => {
    const header = [...HEADER_ZH.slice(0, 3), '手机号码', ...HEADER_ZH.slice(3)];
    const error = await appErrorOf(openBytes(Buffer.from(toCsv([header, header.map(() => '1')]))));
    expect(error.code).toBe('IMPORT_DUPLICATE_COLUMN');
    expect(error.messageIn('zh-CN')).toBe('列“手机号码”和列“手机号”都表示手机号，请删除或重命名其中一列');
    expect(error.messageIn('en')).toBe(
      'Columns "手机号码" and "手机号" both mean Mobile; delete or rename one of them',
    );
    expect(error.details).toMatchObject({ field: 'phone', headers: ['手机号码', '手机号'], indexes: [3, 4] });
  });

  it('refuses the same header written twice', async () => {
    const header = [...HEADER_ZH, '合同编号'];
    const error = await appErrorOf(openBytes(Buffer.from(toCsv([header, header.map(() => '1')]))));
    expect(error.code).toBe('IMPORT_DUPLICATE_COLUMN');
    expect(error.params).toMatchObject({ first: '合同编号', second: '合同编号' });
  });

  it('refuses a file whose first row is data, not a header', async () => {
    const error = await appErrorOf(openBytes(Buffer.from(toCsv(SAMPLE_ROWS))));
    expect(error.code).toBe('IMPORT_NO_HEADER');
    expect(error.messageIn('zh-CN')).toContain('表头');
  });

  it('takes the first non-blank row as the header, keeping spreadsheet row numbers', async () => {
    const text = `\r\n,,\r\n${toCsv([HEADER_ZH, SAMPLE_ROWS[0] as string[]])}`;
    const read = await readAll(await openBytes(Buffer.from(text)));
    expect(read.map((r) => r.rowNumber)).toEqual([4]);
  });

  it('answers IMPORT_EMPTY for a header without data rows, blank rows included', async () => {
    for (const text of [
      `${HEADER_ZH.join(',')}`,
      `${HEADER_ZH.join(',')}\r\n`,
      `${HEADER_ZH.join(',')}\r\n,,,\r\n\r\n`,
    ]) {
      const error = await appErrorOf(openBytes(Buffer.from(text)));
      expect(error.code).toBe('IMPORT_EMPTY');
    }
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['only a BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ['only blank lines', Buffer.from('\r\n\r\n  \r\n,,,\r\n')],
  ])('answers IMPORT_NO_HEADER for %s', async (_name, bytes) => {
    const error = await appErrorOf(openBytes(bytes));
    expect(error.code).toBe('IMPORT_NO_HEADER');
    expect(error.messageIn('zh-CN')).toContain('文件为空');
    expect(error.messageIn('en')).toContain('empty');
  });
});

// ---- file types -------------------------------------------------------------------------------------------

describe('file type detection', () => {
  const ole2 = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(1024),
  ]);

  it('refuses an .xls workbook with a clear message', async () => {
    const error = await appErrorOf(openBytes(ole2, '委案.xls'));
    expect(error.code).toBe('IMPORT_XLS_UNSUPPORTED');
    expect(error.messageIn('zh-CN')).toContain('.xls（Excel 97-2003）');
    expect(error.messageIn('zh-CN')).toContain('.xlsx');
    expect(error.messageIn('en')).toContain('.xls (Excel 97-2003) files are not supported');
  });

  it('recognises a password-protected workbook', async () => {
    const encrypted = Buffer.concat([ole2, Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64)]);
    const error = await appErrorOf(openBytes(encrypted, '委案.xlsx'));
    expect(error.code).toBe('IMPORT_ENCRYPTED');
    expect(error.messageIn('zh-CN')).toContain('密码');
  });

  it.each([
    [
      'PDF',
      '扫描件.pdf',
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      'pdf',
    ],
    [
      'PNG',
      'photo.png',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]),
      'png',
    ],
    ['JPEG', 'photo.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]), 'jpeg'],
    ['random binary', 'data.csv', pseudoRandomBytes(8192, 42), 'binary'],
    ['text with NUL bytes', 'data.csv', Buffer.from('合同编号,客户姓名\r\nHT1\0\0\0,张三\r\n'), 'binary'],
    [
      'HTML saved as .xls',
      'report.xls',
      Buffer.from('<html><body><table><tr><td>合同编号</td></tr></table>'),
      'html',
    ],
    ['a gzip archive', 'data.csv.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), 'gzip'],
    [
      'a Word document',
      'letter.docx',
      storedZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]),
      'docx',
    ],
    ['a plain ZIP', 'cases.zip', storedZip([{ name: 'cases.csv', data: 'a,b\r\n1,2\r\n' }]), 'zip'],
  ])('refuses %s with IMPORT_FILE_TYPE naming what it found', async (_name, fileName, bytes, found) => {
    const error = await appErrorOf(openBytes(bytes as Buffer, fileName as string));
    expect(error.code).toBe('IMPORT_FILE_TYPE');
    expect(error.status).toBe(415);
    expect(error.details).toEqual({ found });
    expect(error.messageIn('zh-CN')).toMatch(/^不支持的文件类型：.+。请上传 \.xlsx 或 \.csv 文件$/);
  });

  it('names the format found in the message', async () => {
    const error = await appErrorOf(openBytes(Buffer.from('%PDF-1.4\n'), 'scan.pdf'));
    expect(error.messageIn('zh-CN')).toBe('不支持的文件类型：PDF。请上传 .xlsx 或 .csv 文件');
  });

  it('refuses an Office package that holds no worksheet once it has been read', async () => {
    const zip = storedZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'docProps/app.xml', data: '<Properties/>' },
    ]);
    const error = await appErrorOf(openBytes(zip, 'cases.xlsx'));
    expect(error.code).toBe('IMPORT_FILE_TYPE');
    expect(error.details).toEqual({ found: 'zip' });
  });

  it('reads CSV content under an .xlsx name as CSV (content wins)', async () => {
    const file = await openBytes(Buffer.from(toCsv([HEADER_ZH, ...SAMPLE_ROWS])), '委案.xlsx');
    expect(file.format).toBe('csv');
    expect(await readAll(file)).toHaveLength(3);
  });

  it('reads an xlsx workbook under a .csv name as xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('委案');
    sheet.addRow(HEADER_ZH);
    for (const row of SAMPLE_ROWS) sheet.addRow(row);
    const file = await openBytes(Buffer.from(await workbook.xlsx.writeBuffer()), '委案.csv');
    expect(file.format).toBe('xlsx');
    expect(file.encoding).toBeNull();
    expect((await readAll(file)).map((r) => r.values)).toEqual(
      SAMPLE_ROWS.map((cells) => expectedValues(cells)),
    );
  });
});

// ---- XLSX -------------------------------------------------------------------------------------------------

describe('xlsx', () => {
  const excelSerial = (y: number, m: number, d: number) =>
    (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

  async function workbookBytes(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void) {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('委案明细');
    sheet.addRow(HEADER_ZH);
    build(sheet, workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('turns dates, numbers, rich text, formulas, hyperlinks, booleans and errors into text', async () => {
    const bytes = await workbookBytes((sheet) => {
      const row = sheet.getRow(2);
      row.values = [
        'HT2024000001',
        { richText: [{ text: '欧阳' }, { font: { bold: true }, text: '娜娜' }] },
        Number('110101199003071234'), // an 18-digit ID number typed into Excel as a number (digits lost)
        13800138000,
        { formula: '"信用"&"卡"', result: '信用卡' },
        new Date(Date.UTC(2024, 0, 31)),
        12345.67,
        { formula: 'G2*0.1', result: 1234.567 },
        1.2345e21,
        0,
        { text: '李四', hyperlink: 'https://example.com/contacts/1' },
        true,
        { error: '#N/A' },
        '  北京市朝阳区  ',
      ];
      const third = sheet.getRow(3);
      third.values = [
        'HT2024000002',
        '王五',
        '320102198807070011',
        '13600136000',
        '消费贷',
        { formula: 'DATE(2024,2,29)', result: excelSerial(2024, 2, 29) },
        0.1 + 0.2,
        { formula: '1/0', result: { error: '#DIV/0!' } },
        -0.00000015,
        1e-7,
      ];
      third.getCell(6).numFmt = 'yyyy-mm-dd';
    });
    const file = await openBytes(bytes, '委案.xlsx');
    expect(file.format).toBe('xlsx');
    const rows = await readAll(file);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: {
          contract_no: 'HT2024000001',
          name: '欧阳娜娜',
          // The digits survive as digits; the last ones were lost to floating point, as in Excel.
          id_number: String(Number('110101199003071234')),
          phone: '13800138000',
          product: '信用卡',
          due_date: '2024-01-31',
          principal: '12345.67',
          interest: '1234.567',
          penalty: '1234500000000000000000',
          fees: '0',
          contact_name: '李四',
          contact_relation: 'TRUE',
          contact_phone: '#N/A',
          address: '北京市朝阳区',
        },
      },
      {
        rowNumber: 3,
        values: {
          contract_no: 'HT2024000002',
          name: '王五',
          id_number: '320102198807070011',
          phone: '13600136000',
          product: '消费贷',
          due_date: '2024-02-29',
          principal: '0.30000000000000004',
          interest: '=1/0',
          penalty: '-0.00000015',
          fees: '0.0000001',
        },
      },
    ]);
    expect(rows[0]?.values.id_number).toMatch(/^\d{18}$/);
  });

  it('keeps Excel row numbers and skips blank rows', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.getRow(2).values = SAMPLE_ROWS[0] as string[];
      sheet.getRow(3).values = ['', '  '];
      sheet.getRow(6).values = SAMPLE_ROWS[1] as string[];
      sheet.getRow(9).values = [''];
    });
    const rows = await readAll(await openBytes(bytes, '委案.xlsx'));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 6]);
  });

  it('reads only the first worksheet', async () => {
    const bytes = await workbookBytes((sheet, workbook) => {
      sheet.addRow(SAMPLE_ROWS[0] as string[]);
      const other = workbook.addWorksheet('说明');
      other.addRow(HEADER_ZH);
      other.addRow(SAMPLE_ROWS[1] as string[]);
      other.addRow(SAMPLE_ROWS[2] as string[]);
    });
    const rows = await readAll(await openBytes(bytes, '委案.xlsx'));
    expect(rows.map((r) => r.values.contract_no)).toEqual(['HT2024000001']);
  });

  it('checks the header of a workbook like that of a CSV', async () => {
    const bytes = await workbookBytes((sheet) => {
      sheet.spliceColumns(7, 1);
      sheet.addRow(['HT1']);
    });
    const error = await appErrorOf(openBytes(bytes, '委案.xlsx'));
    expect(error.code).toBe('IMPORT_MISSING_COLUMNS');
    expect(error.details).toEqual({ missing: ['principal'] });
    const empty = await appErrorOf(openBytes(await workbookBytes(() => {}), '委案.xlsx'));
    expect(empty.code).toBe('IMPORT_EMPTY');
  });

  it('keeps Chinese text intact where the zip stream cuts a character in two', async () => {
    // Thousands of distinct Chinese strings make sharedStrings.xml span many inflate chunks; ExcelJS 4.4 on
    // its own turns a character cut at a chunk boundary into U+FFFD.
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const name = `${surnames[i % surnames.length]}${surnames[(i * 7) % surnames.length]}${surnames[(i * 13) % surnames.length]}`;
      return [
        `HT${i}`,
        name,
        '1',
        '1',
        '信用卡',
        '2024-01-01',
        '1',
        '1',
        '1',
        '1',
        `${name}的联系人`,
        '配偶',
        '1',
        `浙江省杭州市西湖区文三路${i}号`,
      ];
    });
    const bytes = await workbookBytes((sheet) => {
      for (const row of rows) sheet.addRow(row);
    });
    const read = await readAll(await openBytes(bytes, '委案.xlsx'));
    expect(read).toHaveLength(rows.length);
    expect(read.filter((r) => Object.values(r.values).some((v) => v.includes('\uFFFD')))).toEqual([]);
    expect(read.map((r) => r.values)).toEqual(rows.map((cells) => expectedValues(cells)));
  }, 30_000);

  it('leaves no temporary copy of the sheet behind, whether it is read to the end or not', async () => {
    // Excel and ExcelJS store the sheet before the shared strings, so ExcelJS spools it to a temporary file.
    const bytes = await workbookBytes((sheet) => {
      for (let i = 0; i < 3000; i++)
        sheet.addRow([`HT${i}`, '张三', '1', '1', '1', '2024-01-01', '1', '1', '1', '1']);
      sheet.workbook.addWorksheet('说明').addRow(['本表为委案明细']);
    });
    const spool = mkdtempSync(join(dir, 'spool-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = spool;
    try {
      const whole = await openBytes(bytes, '委案.xlsx');
      expect(await readAll(whole)).toHaveLength(3000);
      await expect.poll(() => readdirSync(spool), { timeout: 5000 }).toEqual([]);

      const partial = await openBytes(bytes, '委案.xlsx');
      for await (const _row of partial.rows) break;
      await expect.poll(() => readdirSync(spool), { timeout: 5000 }).toEqual([]);

      const opened = await openBytes(bytes, '委案.xlsx');
      expect(readdirSync(spool)).not.toEqual([]);
      opened.close();
      await expect.poll(() => readdirSync(spool), { timeout: 5000 }).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
    }
  }, 30_000);

  it('answers IMPORT_XLSX_CORRUPT for a truncated workbook', async () => {
    const bytes = await workbookBytes((sheet) => {
      for (let i = 0; i < 200; i++)
        sheet.addRow([`HT${i}`, '张三', '1', '1', '1', '2024-01-01', '1', '1', '1', '1']);
    });
    const error = await appErrorOf(openBytes(bytes.subarray(0, Math.floor(bytes.length / 2)), '委案.xlsx'));
    expect(error.code).toBe('IMPORT_XLSX_CORRUPT');
  }, 30_000);
});

describe('cell text', () => {
  it.each<[number, string]>([
    [0, '0'],
    [12345.67, '12345.67'],
    [-42, '-42'],
    [1e21, '1000000000000000000000'],
    [1.2345e25, '12345000000000000000000000'],
    [-9.87e22, '-98700000000000000000000'],
    [1e-7, '0.0000001'],
    [1.5e-10, '0.00000000015'],
    [Number('110101199003071234'), '110101199003071230'],
  ])('writes %d in plain decimal', (value, text) => {
    expect(plainNumber(value)).toBe(text);
    expect(Number(plainNumber(value))).toBe(value);
  });

  it('renders a formula whose result is a date-formatted serial as a date', () => {
    expect(cellText({ formula: 'TODAY()', result: 45351 }, 'yyyy"年"m"月"d"日"')).toBe('2024-02-29');
    expect(cellText({ formula: 'TODAY()', result: 45351 }, '0.00')).toBe('45351');
    expect(cellText({ formula: 'TODAY()', result: 43889 }, 'yyyy-mm-dd', true)).toBe('2024-02-29');
  });

  it('renders the other cell value shapes', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText(new Date(Date.UTC(2023, 11, 31, 23, 59)))).toBe('2023-12-31');
    expect(cellText({ error: '#REF!' })).toBe('#REF!');
    expect(cellText({ sharedFormula: 'A1', result: 'x' } as ExcelJS.CellValue)).toBe('x');
    expect(cellText({ formula: 'A1' })).toBe('=A1');
    expect(cellText({ formula: 'IF(A1="","",A1)', result: '' })).toBe('');
  });
});

// ---- streaming --------------------------------------------------------------------------------------------

describe('streaming', () => {
  it('yields the first of 50,000 rows long before the file is read, and reads it all', async () => {
    const path = join(dir, 'large.csv');
    const lines = [HEADER_ZH.join(',')];
    for (let i = 0; i < 50_000; i++) {
      lines.push(
        `HT${String(i).padStart(10, '0')},张三${i},110101199003071234,138${String(i).padStart(8, '0')},信用卡,2024-01-15,${i}.5,1,2,3,李四,配偶,13900139000,"北京市朝阳区建国路${i}号,2栋"`,
      );
    }
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const file = await openImportFile({ path });
    const total = file.totalBytes ?? 0;
    expect(total).toBeGreaterThan(5_000_000);
    let count = 0;
    let atFirst = -1;
    let atHalf = -1;
    let last: RawRow | undefined;
    for await (const row of file.rows) {
      count++;
      if (count === 1) atFirst = file.bytesRead();
      if (count === 25_000) atHalf = file.bytesRead();
      last = row;
    }
    expect(atFirst).toBeLessThanOrEqual(128 * 1024);
    expect(atHalf).toBeGreaterThan(atFirst);
    expect(atHalf).toBeLessThan(total);
    expect(count).toBe(50_000);
    expect(last).toEqual({
      rowNumber: 50_001,
      values: expect.objectContaining({
        contract_no: 'HT0000049999',
        address: '北京市朝阳区建国路49999号,2栋',
      }),
    });
    expect(file.bytesRead()).toBe(total);
  }, 60_000);

  it('stops reading an upload when the consumer stops and leaves the rest for the caller to drain', async () => {
    const text = Buffer.from(
      toCsv([HEADER_ZH, ...Array.from({ length: 5000 }, () => SAMPLE_ROWS[0] as string[])]),
    );
    const chunks = Array.from({ length: Math.ceil(text.length / 16_384) }, (_, i) =>
      text.subarray(i * 16_384, (i + 1) * 16_384),
    );
    const stream = Readable.from(chunks);
    const file = await openImportFile({ stream, fileName: 'a.csv' });
    for await (const row of file.rows) {
      expect(row.rowNumber).toBe(2);
      break;
    }
    expect(file.bytesRead()).toBeLessThan(text.length);
    expect(stream.destroyed).toBe(false);
    let drained = 0;
    stream.on('data', (chunk: Buffer) => {
      drained += chunk.length;
    });
    stream.resume();
    await new Promise((resolve) => stream.once('end', resolve));
    expect(file.bytesRead() + drained).toBe(text.length);
    expect(() => file.rows[Symbol.asyncIterator]()).toThrow(/only once/);
  });

  it('closes a file it opened itself when the consumer stops', async () => {
    const path = join(dir, 'stop.csv');
    writeFileSync(
      path,
      toCsv([HEADER_ZH, ...Array.from({ length: 5000 }, () => SAMPLE_ROWS[0] as string[])]),
    );
    const file = await openImportFile({ path });
    for await (const _row of file.rows) break;
    const before = file.bytesRead();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(file.bytesRead()).toBe(before);
    expect(before).toBeLessThan(file.totalBytes ?? 0);
  });

  it('lets a caller that does not iterate release an upload with close()', async () => {
    const text = Buffer.from(
      toCsv([HEADER_ZH, ...Array.from({ length: 2000 }, () => SAMPLE_ROWS[0] as string[])]),
    );
    const stream = Readable.from([text.subarray(0, 70_000), text.subarray(70_000)]);
    const file = await openImportFile({ stream, fileName: 'a.csv' });
    file.close();
    stream.resume();
    await new Promise((resolve) => stream.once('end', resolve));
    expect(stream.destroyed || stream.readableEnded).toBe(true);
  });

  it('passes an error of the upload stream through unchanged', async () => {
    const text = toCsv([HEADER_ZH, ...Array.from({ length: 3000 }, () => SAMPLE_ROWS[0] as string[])]);
    async function* broken() {
      yield Buffer.from(text.slice(0, 100_000));
      throw new Error('connection reset by peer');
    }
    const file = await openImportFile({ stream: Readable.from(broken()), fileName: 'broken.csv' });
    await expect(readAll(file)).rejects.toThrow('connection reset by peer');
  });

  it('reports the size of a path and IMPORT_UNREADABLE for a missing one', async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, toCsv([HEADER_ZH, ...SAMPLE_ROWS]));
    const file = await openImportFile({ path });
    expect(file.totalBytes).toBe(Buffer.byteLength(toCsv([HEADER_ZH, ...SAMPLE_ROWS])));
    file.close();
    const error = await appErrorOf(openImportFile({ path: join(dir, 'missing.csv') }));
    expect(error.code).toBe('IMPORT_UNREADABLE');
  });

  it('leaves totalBytes null when an upload does not say its size', async () => {
    const file = await openImportFile({
      stream: Readable.from([Buffer.from(toCsv([HEADER_ZH, ...SAMPLE_ROWS]))]),
      fileName: 'a.csv',
    });
    expect(file.totalBytes).toBeNull();
    expect(await readAll(file)).toHaveLength(3);
  });
});

// ---- property ---------------------------------------------------------------------------------------------

describe('round trip', () => {
  // Characters GBK can represent, with the ones CSV must quote and whitespace that trimming removes.
  const cellChar = fc.constantFrom(
    ...'aZ09 -_.@#',
    ...'张王李赵欧阳娜伟芳北京市朝阳区路号栋室配偶父母',
    ...'，。（）：“”；、￥',
    ',',
    '"',
    '\n',
    '\r\n',
    '\t',
    '\u3000',
  );
  const cell = fc.array(cellChar, { maxLength: 12 }).map((chars) => chars.join(''));

  it('reads back any table written as RFC 4180 CSV in UTF-8, UTF-8 with BOM or GBK', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 16 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'gbk'),
        fc.constantFrom('\r\n', '\n'),
        fc.integer({ min: 0, max: 64 }),
        async (rows, encoding, eol, chunkSize) => {
          const bytes = encode(toCsv([HEADER_ZH, ...rows], { eol }), encoding);
          const expected = rows
            .map((cells, i) => ({ rowNumber: i + 2, values: expectedValues(cells) }))
            .filter((_, i) => (rows[i] as string[]).some((c) => c.trim() !== ''));
          if (expected.length === 0) {
            const error = await appErrorOf(openBytes(bytes, 'p.csv', chunkSize));
            expect(error.code).toBe('IMPORT_EMPTY');
            return;
          }
          const file = await openBytes(bytes, 'p.csv', chunkSize);
          expect(file.encoding).toBe(encoding);
          expect(await readAll(file)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
