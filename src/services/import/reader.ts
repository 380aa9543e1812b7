/**
 * Streaming reader of the daily case-placement file (委案文件): CSV (UTF-8, UTF-8 with BOM or GBK) or
 * .xlsx, detected from the content. It maps the header to template fields and yields one trimmed row at a
 * time, so a file of a million rows is read with a bounded amount of memory.
 *
 * File-level problems (type, encoding, header, no data) are thrown by `openImportFile`. Two problems can
 * only show further down a CSV and are thrown while iterating `rows`, after the rows before them:
 * IMPORT_ENCODING (invalid bytes; `params.row`, `details.row`) and IMPORT_CSV_MALFORMED. An error of a
 * caller's stream (a broken upload) is passed through unchanged.
 *
 * Cell values reach the importer as text: xlsx dates as YYYY-MM-DD, numbers in plain decimal (digits an
 * 18-digit ID number lost to floating point are zeros, as Excel shows them), booleans TRUE/FALSE, Excel
 * errors as their text, and a formula without a cached result (never calculated, or an error) as
 * `=FORMULA`.
 */

import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Parser as CsvParser } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../errors';
import { fieldLabel, matchHeader, requiredFields, type TemplateField } from './template';

export type ImportFormat = 'csv' | 'xlsx';
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface ImportColumn {
  field: TemplateField;
  /** The header as written in the user's file (trimmed): use it to name the column in messages. */
  header: string;
  /** 0-based position of the column in the file (column A is 0). */
  index: number;
}

export interface RawRow {
  /** The row number a spreadsheet shows: the header is row 1, the first data row is row 2. */
  rowNumber: number;
  /** Trimmed cell values of the mapped columns; empty cells are absent. */
  values: Partial<Record<TemplateField, string>>;
}

export interface OpenedImportFile {
  format: ImportFormat;
  /** The text encoding of a CSV file; null for xlsx. */
  encoding: CsvEncoding | null;
  /** Mapped columns in file order. */
  columns: ImportColumn[];
  /** Non-empty headers that are not part of the template (their cells are not read). */
  ignoredHeaders: string[];
  /** The data rows, read lazily; iterate once. Entirely blank rows are skipped. */
  rows: AsyncIterable<RawRow>;
  /** Bytes consumed from the underlying file so far. */
  bytesRead(): number;
  /** The file size in bytes, when known. */
  totalBytes: number | null;
  /** Releases the file. Iterating `rows` to the end (or breaking out of it) does this already. */
  close(): void;
}

export type ImportFileInput =
  | { path: string }
  | { stream: NodeJS.ReadableStream | Readable; fileName: string; size?: number };

/** How much of the beginning of the file format and encoding detection look at. */
const SAMPLE_BYTES = 64 * 1024;
/**
 * Longest CSV record accepted. A quote that is never closed would otherwise make the parser swallow the
 * rest of the file into one field.
 */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Opens a case-placement file, detects its format and encoding, reads and maps the header and checks that
 * at least one data row follows. Rows are then read on demand from `rows`.
 */
export async function openImportFile(input: ImportFileInput): Promise<OpenedImportFile> {
  const opened = await openInput(input);
  const { fileName, totalBytes } = opened;
  const source = new ByteSource(opened);
  try {
    const head = await source.readHead(SAMPLE_BYTES);
    const detected = detectFormat(head, fileName, source.exhausted);
    const batches =
      detected.format === 'xlsx'
        ? xlsxRecords(source)
        : csvRecords(source, detected.encoding, detectDelimiter(head, detected.encoding));
    const table = new TableReader(batches);

    const header = await table.peekContent();
    if (header === null) throw noHeader('blank');
    table.skip();
    const layout = mapHeader(header.cells);
    if ((await table.peekContent()) === null) throw new AppError('IMPORT_EMPTY');

    let iterated = false;
    return {
      format: detected.format,
      encoding: detected.format === 'csv' ? detected.encoding : null,
      columns: layout.columns,
      ignoredHeaders: layout.ignoredHeaders,
      rows: {
        [Symbol.asyncIterator]() {
          if (iterated) throw new Error('The rows of an opened import file can be iterated only once');
          iterated = true;
          return table.rows(layout.columns, () => source.close());
        },
      },
      bytesRead: () => source.bytesRead,
      totalBytes,
      close: () => source.close(),
    };
  } catch (error) {
    source.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Input

interface OpenedInput {
  stream: Readable;
  /** True when the reader opened the stream itself (a path) and so closes it; an upload stays the caller's. */
  owned: boolean;
  fileName: string;
  totalBytes: number | null;
}

async function openInput(input: ImportFileInput): Promise<OpenedInput> {
  if ('path' in input) {
    let size: number;
    try {
      const info = await stat(input.path);
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      size = info.size;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
      throw new AppError('IMPORT_UNREADABLE', { detail: code }, { cause: code });
    }
    return {
      stream: createReadStream(input.path, { highWaterMark: SAMPLE_BYTES }),
      owned: true,
      fileName: basename(input.path),
      totalBytes: size,
    };
  }
  const stream = input.stream instanceof Readable ? input.stream : new Readable().wrap(input.stream);
  return { stream, owned: false, fileName: input.fileName, totalBytes: input.size ?? null };
}

/**
 * The file's bytes: a sample of the beginning for detection, then every chunk once, counted. Reads with
 * `read()` and listeners it removes synchronously on close, so that an upload the reader stops reading can
 * be resumed and drained by the caller at once (the HTTP connection stays usable).
 */
class ByteSource {
  #stream: Readable;
  #owned: boolean;
  #head: Buffer[] = [];
  #bytesRead = 0;
  #exhausted = false;
  #closed = false;
  #onClose: (() => void)[] = [];
  /** Ends the pending wait for data, if any. */
  #stopWaiting: (() => void) | null = null;

  constructor({ stream, owned }: OpenedInput) {
    this.#stream = stream;
    this.#owned = owned;
    // A stream error is read from `stream.errored` on the next pull; this listener keeps it from being
    // thrown as an unhandled 'error' event while no read is waiting.
    stream.on('error', () => {});
  }

  get bytesRead(): number {
    return this.#bytesRead;
  }

  /** True once the end of the file has been read. */
  get exhausted(): boolean {
    return this.#exhausted;
  }

  /** Reads at least `size` bytes (or the whole file if smaller) and keeps them for `chunks()`. */
  async readHead(size: number): Promise<Buffer> {
    let length = 0;
    while (length < size) {
      const chunk = await this.#pull();
      if (chunk === null) break;
      this.#head.push(chunk);
      length += chunk.length;
    }
    return Buffer.concat(this.#head, length);
  }

  /** Every chunk of the file from the beginning, the head included. */
  async *chunks(): AsyncGenerator<Buffer> {
    const head = this.#head;
    this.#head = [];
    yield* head;
    for (;;) {
      const chunk = await this.#pull();
      if (chunk === null) return;
      yield chunk;
    }
  }

  /** Runs `hook` when the source is closed (to stop what reads from it). */
  onClose(hook: () => void): void {
    this.#onClose.push(hook);
  }

  /** Stops reading: closes a file the reader opened; detaches from an upload, leaving it to the caller. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopWaiting?.();
    for (const hook of this.#onClose) hook();
    if (this.#owned) this.#stream.destroy();
  }

  async #pull(): Promise<Buffer | null> {
    const stream = this.#stream;
    while (!this.#exhausted && !this.#closed) {
      const chunk: unknown = stream.read();
      if (chunk !== null) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        this.#bytesRead += bytes.length;
        if (bytes.length > 0) return bytes;
        continue;
      }
      if (stream.errored) throw stream.errored;
      if (stream.readableEnded) {
        this.#exhausted = true;
        break;
      }
      if (stream.destroyed) {
        throw Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
      }
      await this.#waitForData();
    }
    return null;
  }

  #waitForData(): Promise<void> {
    const stream = this.#stream;
    return new Promise<void>((resolve) => {
      const settle = () => {
        stream.off('readable', settle);
        stream.off('end', settle);
        stream.off('error', settle);
        stream.off('close', settle);
        this.#stopWaiting = null;
        resolve();
      };
      this.#stopWaiting = settle;
      // An error is picked up from `stream.errored` by the caller.
      stream.on('readable', settle);
      stream.on('end', settle);
      stream.on('error', settle);
      stream.on('close', settle);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Format and encoding detection

type Detected = { format: 'xlsx' } | { format: 'csv'; encoding: CsvEncoding };

const fileTypeNames = {
  pdf: 'PDF',
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  tiff: 'TIFF',
  bmp: 'BMP',
  zip: 'ZIP',
  rar: 'RAR',
  '7z': '7z',
  gzip: 'gzip',
  docx: 'Word (.docx)',
  pptx: 'PowerPoint (.pptx)',
  opendocument: 'OpenDocument (.ods/.odt)',
  doc: 'Word 97-2003 (.doc)',
  ppt: 'PowerPoint 97-2003 (.ppt)',
  html: 'HTML',
  xml: 'XML',
  binary: '二进制数据 (binary data)',
} as const;

type FileTypeFound = keyof typeof fileTypeNames;

function unsupportedType(found: FileTypeFound): AppError {
  return new AppError('IMPORT_FILE_TYPE', { detail: fileTypeNames[found] }, { found });
}

function noHeader(reason: 'empty_file' | 'blank' | 'no_known_column', headers?: string[]): AppError {
  return new AppError('IMPORT_NO_HEADER', {}, headers === undefined ? { reason } : { reason, headers });
}

function startsWith(buf: Buffer, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const magic = {
  zipLocal: ascii('PK\x03\x04'),
  zipEmpty: ascii('PK\x05\x06'),
  zipSpanned: ascii('PK\x07\x08'),
  ole2: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  pdf: ascii('%PDF-'),
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff],
  gif: ascii('GIF8'),
  riff: ascii('RIFF'),
  webp: ascii('WEBP'),
  tiffLe: [0x49, 0x49, 0x2a, 0x00],
  tiffBe: [0x4d, 0x4d, 0x00, 0x2a],
  rar: ascii('Rar!\x1a\x07'),
  sevenZip: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c],
  gzip: [0x1f, 0x8b],
  utf8Bom: [0xef, 0xbb, 0xbf],
  utf16Le: [0xff, 0xfe],
  utf16Be: [0xfe, 0xff],
} as const;

/**
 * Decides how to read the file from its first bytes; the name only refines what an unsupported binary
 * file is called. Text is read as CSV whatever the name says (an .xlsx name with CSV content is CSV), and
 * an .xlsx workbook is read as such even under a .csv name.
 */
function detectFormat(head: Buffer, fileName: string, complete: boolean): Detected {
  if (head.length === 0) throw noHeader('empty_file');
  const sample = head.length > SAMPLE_BYTES ? head.subarray(0, SAMPLE_BYTES) : head;
  const sampleIsWholeFile = complete && head.length <= SAMPLE_BYTES;

  if (startsWith(sample, magic.zipLocal)) {
    classifyZip(sample);
    return { format: 'xlsx' };
  }
  if (startsWith(sample, magic.zipEmpty) || startsWith(sample, magic.zipSpanned))
    throw unsupportedType('zip');
  if (startsWith(sample, magic.ole2)) throw ole2Error(sample, fileName);
  if (startsWith(sample, magic.pdf)) throw unsupportedType('pdf');
  if (startsWith(sample, magic.png)) throw unsupportedType('png');
  if (startsWith(sample, magic.jpeg)) throw unsupportedType('jpeg');
  if (startsWith(sample, magic.gif)) throw unsupportedType('gif');
  if (startsWith(sample, magic.riff) && startsWith(sample, magic.webp, 8)) throw unsupportedType('webp');
  if (startsWith(sample, magic.tiffLe) || startsWith(sample, magic.tiffBe)) throw unsupportedType('tiff');
  if (startsWith(sample, magic.rar)) throw unsupportedType('rar');
  if (startsWith(sample, magic.sevenZip)) throw unsupportedType('7z');
  if (startsWith(sample, magic.gzip)) throw unsupportedType('gzip');
  if (startsWith(sample, magic.utf16Le) || startsWith(sample, magic.utf16Be) || looksLikeUtf16(sample)) {
    throw new AppError('IMPORT_ENCODING_UTF16');
  }
  if (looksBinary(sample)) {
    throw unsupportedType(startsWith(sample, ascii('BM')) ? 'bmp' : 'binary');
  }
  const markup = markupType(sample);
  if (markup !== null) throw unsupportedType(markup);

  if (startsWith(sample, magic.utf8Bom)) return { format: 'csv', encoding: 'utf-8-bom' };
  if (isValidUtf8(sample, sampleIsWholeFile)) return { format: 'csv', encoding: 'utf-8' };
  const gbText = gb18030Text(sample, sampleIsWholeFile);
  const gbBad = firstUncleanChar(gbText);
  if (gbBad === -1) return { format: 'csv', encoding: 'gbk' };
  // Neither reads the whole sample. When one of them reads at least the header line, the text is taken to
  // be in that encoding (the one reading more lines) so that the error names the row with the bad bytes.
  const utf8Lines = countLines(sample.toString('latin1', 0, firstInvalidUtf8(sample)));
  const gbLines = countLines(gbText.slice(0, gbBad));
  if (utf8Lines >= 1 && utf8Lines >= gbLines) return { format: 'csv', encoding: 'utf-8' };
  if (gbLines >= 1) return { format: 'csv', encoding: 'gbk' };
  throw new AppError('IMPORT_ENCODING', {}, { reason: 'unknown_encoding' });
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/** Names of the entries whose local headers lie in the sample. */
function zipEntryNames(sample: Buffer): string[] {
  const signature = Buffer.from(magic.zipLocal);
  const names: string[] = [];
  let at = sample.indexOf(signature);
  while (at !== -1 && at + 30 <= sample.length) {
    const end = at + 30 + sample.readUInt16LE(at + 26);
    if (end > sample.length) break;
    names.push(sample.toString('utf8', at + 30, end));
    at = sample.indexOf(signature, end);
  }
  return names;
}

/** Throws unless the ZIP can be an xlsx workbook. */
function classifyZip(sample: Buffer): void {
  const names = zipEntryNames(sample);
  if (names.some((name) => name.startsWith('xl/'))) return;
  if (names.some((name) => name.startsWith('word/'))) throw unsupportedType('docx');
  if (names.some((name) => name.startsWith('ppt/'))) throw unsupportedType('pptx');
  if (names.includes('mimetype') && sample.includes('application/vnd.oasis.opendocument')) {
    throw unsupportedType('opendocument');
  }
  // An Office package whose workbook parts lie beyond the sample: the workbook reader decides.
  if (names.includes('[Content_Types].xml')) return;
  throw unsupportedType('zip');
}

/** An OLE2 compound file: an .xls workbook, a password-protected .xlsx, or another old Office file. */
function ole2Error(sample: Buffer, fileName: string): AppError {
  const has = (name: string) => sample.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage') || has('EncryptionInfo')) return new AppError('IMPORT_ENCRYPTED');
  const extension = extname(fileName).toLowerCase();
  if (has('WordDocument') || extension === '.doc') return unsupportedType('doc');
  if (has('PowerPoint Document') || extension === '.ppt') return unsupportedType('ppt');
  return new AppError('IMPORT_XLS_UNSUPPORTED');
}

/** UTF-16 without a BOM: NUL bytes, nearly all of them at odd (LE) or even (BE) positions. */
function looksLikeUtf16(sample: Buffer): boolean {
  const length = Math.min(sample.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const nul = even + odd;
  return length >= 4 && nul >= length / 10 && Math.max(even, odd) >= nul * 0.9;
}

/** NUL bytes, or more than 1% control characters other than whitespace, mean the file is not text. */
function looksBinary(sample: Buffer): boolean {
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      controls++;
    }
  }
  return controls > sample.length / 100;
}

/** HTML or XML disguised as a spreadsheet (systems often export HTML tables named .xls). */
function markupType(sample: Buffer): 'html' | 'xml' | null {
  const start = sample.toString('latin1', startsWith(sample, magic.utf8Bom) ? 3 : 0, 512).trimStart();
  if (/^<\?xml/i.test(start)) return /<html/i.test(sample.toString('latin1', 0, 4096)) ? 'html' : 'xml';
  if (/^<(?:!doctype\s+html|html|head|body|table|meta)\b/i.test(start)) return 'html';
  return null;
}

function isValidUtf8(sample: Buffer, wholeFile: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !wholeFile });
    return true;
  } catch {
    return false;
  }
}

/**
 * Index of the first character that GBK text does not contain: U+FFFD (bytes that do not decode) or a
 * control character other than tab, LF, CR and form feed; -1 if there is none.
 */
function firstUncleanChar(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || code === 0x7f) return i;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return i;
  }
  return -1;
}

function gb18030Text(sample: Buffer, wholeFile: boolean): string {
  const decoder = iconv.getDecoder('gb18030');
  // Without end(), bytes of a character cut at the end of the sample are held back, not replaced.
  return decoder.write(sample) + (wholeFile ? (decoder.end() ?? '') : '');
}

/** Comma unless the header line (the first line with content) has more tabs or semicolons outside quotes. */
function detectDelimiter(head: Buffer, encoding: CsvEncoding): string {
  const sample = head.subarray(encoding === 'utf-8-bom' ? 3 : 0, SAMPLE_BYTES);
  const text = encoding === 'gbk' ? iconv.getDecoder('gb18030').write(sample) : sample.toString('utf8');
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  let content = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (content) break;
    } else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
    if (char.trim() !== '') content = true;
  }
  let best = ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Records: one array of cell texts per row of the file, with the row number a spreadsheet shows

interface SourceRecord {
  rowNumber: number;
  cells: (string | undefined)[];
}

function isBlankRecord(cells: (string | undefined)[]): boolean {
  for (const cell of cells) {
    if (cell === undefined || cell.length === 0) continue;
    const first = cell.charCodeAt(0);
    if ((first > 0x20 && first < 0x7f) || cell.trim().length > 0) return false;
  }
  return true;
}

interface ColumnLayout {
  columns: ImportColumn[];
  ignoredHeaders: string[];
}

function mapHeader(cells: (string | undefined)[]): ColumnLayout {
  const columns: ImportColumn[] = [];
  const ignoredHeaders: string[] = [];
  const byField = new Map<TemplateField, ImportColumn>();
  cells.forEach((cell, index) => {
    const header = cell?.trim() ?? '';
    if (header === '') return;
    const field = matchHeader(header);
    if (field === null) {
      ignoredHeaders.push(header);
      return;
    }
    const earlier = byField.get(field);
    if (earlier !== undefined) {
      throw new AppError(
        'IMPORT_DUPLICATE_COLUMN',
        {
          first: earlier.header,
          second: header,
          column: fieldLabel(field, 'zh-CN'),
          columnEn: fieldLabel(field, 'en'),
        },
        { field, headers: [earlier.header, header], indexes: [earlier.index, index] },
      );
    }
    const column = { field, header, index };
    byField.set(field, column);
    columns.push(column);
  });
  if (columns.length === 0) throw noHeader('no_known_column', ignoredHeaders);
  const missing = requiredFields.filter((field) => !byField.has(field));
  if (missing.length > 0) {
    throw new AppError(
      'IMPORT_MISSING_COLUMNS',
      {
        columns: missing.map((field) => fieldLabel(field, 'zh-CN')).join('、'),
        columnsEn: missing.map((field) => fieldLabel(field, 'en')).join(', '),
      },
      { missing },
    );
  }
  return { columns, ignoredHeaders };
}

/** Reads records in batches; lets the header and the first data row be looked at before `rows()`. */
class TableReader {
  #batches: AsyncGenerator<SourceRecord[]>;
  #batch: SourceRecord[] = [];
  #index = 0;

  constructor(batches: AsyncGenerator<SourceRecord[]>) {
    this.#batches = batches;
  }

  /** The next record with content, without consuming it; null at the end of the file. */
  async peekContent(): Promise<SourceRecord | null> {
    for (;;) {
      while (this.#index < this.#batch.length) {
        const record = this.#batch[this.#index] as SourceRecord;
        if (!isBlankRecord(record.cells)) return record;
        this.#index++;
      }
      const next = await this.#batches.next();
      if (next.done) return null;
      this.#batch = next.value;
      this.#index = 0;
    }
  }

  skip(): void {
    this.#index++;
  }

  async *rows(columns: ImportColumn[], release: () => void): AsyncGenerator<RawRow> {
    const indexes = columns.map((column) => column.index);
    const fields = columns.map((column) => column.field);
    const count = columns.length;
    try {
      for (;;) {
        const batch = this.#batch;
        for (let i = this.#index; i < batch.length; i++) {
          const { rowNumber, cells } = batch[i] as SourceRecord;
          if (isBlankRecord(cells)) continue;
          const values: Partial<Record<TemplateField, string>> = {};
          for (let k = 0; k < count; k++) {
            const cell = cells[indexes[k] as number];
            if (cell === undefined || cell.length === 0) continue;
            const value = cell.trim();
            if (value.length > 0) values[fields[k] as TemplateField] = value;
          }
          this.#index = i + 1;
          yield { rowNumber, values };
        }
        const next = await this.#batches.next();
        if (next.done) return;
        this.#batch = next.value;
        this.#index = 0;
      }
    } finally {
      release();
      await this.#batches.return(undefined);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** UTF-8 bytes that are safe to parse, and whether invalid input follows them. */
interface DecodedChunk {
  bytes: Buffer;
  invalid: boolean;
}

interface ChunkDecoder {
  write(chunk: Buffer): DecodedChunk;
  end(): DecodedChunk;
}

const noBytes = Buffer.alloc(0);

/** Length of the prefix of `buf` that does not end inside a multi-byte UTF-8 character. */
function completeUtf8Length(buf: Buffer): number {
  const length = buf.length;
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = buf[length - back] as number;
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? length - back : length;
    }
  }
  return length;
}

/** Offset of the first byte that is not part of valid UTF-8, or a NUL byte; `buf.length` if none. */
function firstInvalidUtf8(buf: Buffer): number {
  const length = buf.length;
  let i = 0;
  while (i < length) {
    const byte = buf[i] as number;
    if (byte === 0) return i;
    if (byte < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return i;
    if (i + needed >= length) return i;
    const second = buf[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k <= needed; k++) {
      const next = buf[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += needed + 1;
  }
  return length;
}

/** Passes UTF-8 through untouched after checking it, holding back a character cut at a chunk's end. */
class Utf8Checker implements ChunkDecoder {
  #carry: Buffer | null = null;
  #skipBom: boolean;

  constructor(skipBom: boolean) {
    this.#skipBom = skipBom;
  }

  write(chunk: Buffer): DecodedChunk {
    let buf = this.#carry === null ? chunk : Buffer.concat([this.#carry, chunk]);
    this.#carry = null;
    if (this.#skipBom) {
      this.#skipBom = false;
      if (startsWith(buf, magic.utf8Bom)) buf = buf.subarray(3);
    }
    const complete = completeUtf8Length(buf);
    if (complete < buf.length) {
      this.#carry = Buffer.from(buf.subarray(complete));
      buf = buf.subarray(0, complete);
    }
    if (isUtf8(buf) && buf.indexOf(0) === -1) return { bytes: buf, invalid: false };
    return { bytes: buf.subarray(0, firstInvalidUtf8(buf)), invalid: true };
  }

  end(): DecodedChunk {
    return { bytes: noBytes, invalid: this.#carry !== null };
  }
}

/** Decodes GB18030 (a superset of GBK) to UTF-8; replacement characters or NUL mean invalid input. */
class Gb18030Decoder implements ChunkDecoder {
  #decoder = iconv.getDecoder('gb18030');

  write(chunk: Buffer): DecodedChunk {
    return this.#check(this.#decoder.write(chunk));
  }

  end(): DecodedChunk {
    return this.#check(this.#decoder.end() ?? '');
  }

  #check(text: string): DecodedChunk {
    const replaced = text.indexOf('\uFFFD');
    const nul = text.indexOf('\0');
    const bad = replaced === -1 ? nul : nul === -1 ? replaced : Math.min(replaced, nul);
    if (bad === -1) return { bytes: Buffer.from(text, 'utf8'), invalid: false };
    return { bytes: Buffer.from(text.slice(0, bad), 'utf8'), invalid: true };
  }
}

function encodingError(row: number, encoding: CsvEncoding): AppError {
  return new AppError(
    'IMPORT_ENCODING',
    { row, atRow: `第 ${row} 行：`, atRowEn: `Row ${row}: ` },
    { row, encoding, reason: 'invalid_bytes' },
  );
}

function malformedCsv(error: Error, row: number): AppError {
  const code = (error as { code?: string }).code;
  const [reason, reasonEn] =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? ['引号未闭合', 'a quoted value is never closed']
      : code === 'CSV_MAX_RECORD_SIZE'
        ? ['这一行超过 1 MB，可能是引号未闭合', 'the row is longer than 1 MB, probably an unclosed quote']
        : ['无法解析', error.message];
  return new AppError('IMPORT_CSV_MALFORMED', { row, reason, reasonEn }, { row, code });
}

/** The synchronous core every csv-parse `Parser` stream wraps (its `_transform` and `_flush` call it). */
interface CsvParseCore {
  parse(
    bytes: Buffer | undefined,
    end: boolean,
    push: (record: string[]) => void,
    close: () => void,
  ): Error | undefined;
}

/**
 * csv-parse's synchronous parser. Driving it directly gives record numbers that are exact when an invalid
 * byte interrupts the file, and is about 40% faster than the stream or `on_record` (which copies an info
 * object per record). csv-parse 5 and 6 expose it as `Parser#api`; the unit tests fail if that changes.
 */
function csvParseCore(options: ConstructorParameters<typeof CsvParser>[0]): CsvParseCore {
  const core = (new CsvParser(options) as unknown as { api?: Partial<CsvParseCore> }).api;
  if (typeof core?.parse !== 'function') {
    throw new Error('csv-parse no longer exposes Parser#api.parse; update csvParseCore in reader.ts');
  }
  return core as CsvParseCore;
}

/** Parses the CSV in batches of records, one batch per chunk of the file. */
async function* csvRecords(
  source: ByteSource,
  encoding: CsvEncoding,
  delimiter: string,
): AsyncGenerator<SourceRecord[]> {
  const decoder: ChunkDecoder = encoding === 'gbk' ? new Gb18030Decoder() : new Utf8Checker(true);
  const parser = csvParseCore({
    delimiter,
    bom: false,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  let rowNumber = 0;
  let batch: SourceRecord[] = [];
  const push = (cells: string[]) => {
    rowNumber++;
    batch.push({ rowNumber, cells });
  };
  const close = () => {};

  for await (const chunk of source.chunks()) {
    const decoded = decoder.write(chunk);
    const parseError = decoded.bytes.length > 0 ? parser.parse(decoded.bytes, false, push, close) : undefined;
    const ready = batch;
    batch = [];
    if (ready.length > 0) yield ready;
    if (parseError) throw malformedCsv(parseError, rowNumber + 1);
    if (decoded.invalid) throw encodingError(rowNumber + 1, encoding);
  }
  const tail = decoder.end();
  if (tail.invalid) throw encodingError(rowNumber + 1, encoding);
  const parseError =
    (tail.bytes.length > 0 ? parser.parse(tail.bytes, false, push, close) : undefined) ??
    parser.parse(undefined, true, push, close);
  if (batch.length > 0) yield batch;
  if (parseError) throw malformedCsv(parseError, rowNumber + 1);
}

// ---------------------------------------------------------------------------------------------------------
// XLSX

interface WorkbookReaderInternals {
  options: { sharedStrings: 'cache' | 'emit' | 'ignore' };
  sharedStrings?: unknown[];
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  model?: { sheets?: { name: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;
for (const method of ['_parseSharedStrings', '_parseWorksheet', '_parseWorkbook', '_parseStyles'] as const) {
  if (typeof baseReader[method] !== 'function') {
    throw new Error(
      `exceljs no longer has WorkbookReader.${method}; the UTF-8 fix in reader.ts needs updating`,
    );
  }
}

/** Decodes a stream of UTF-8 chunks without breaking characters cut at chunk boundaries. */
async function* utf8Text(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * A copy of a string that does not keep alive the chunk of XML it was cut from: V8 keeps substrings of
 * 13 or more characters as slices of their parent string.
 */
function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

function detachedSharedString(value: unknown): unknown {
  if (typeof value === 'string') return detached(value);
  if (value !== null && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return {
      richText: value.richText.map((run: { text?: unknown }) => ({ text: detachedSharedString(run.text) })),
    };
  }
  return value;
}

/** Reads sharedStrings.xml into the reader's table, one detached string at a time. */
async function cacheSharedStrings(reader: WorkbookReaderInternals, entry: NodeJS.ReadableStream) {
  entry.setEncoding('utf8');
  const table: unknown[] = [];
  reader.options.sharedStrings = 'emit';
  try {
    for await (const item of baseReader._parseSharedStrings.call(reader, entry)) {
      const { index, text } = item as { index: number; text: unknown };
      table[index] = detachedSharedString(text);
    }
  } finally {
    reader.options.sharedStrings = 'cache';
  }
  reader.sharedStrings = table;
}

/**
 * The workbook reader with two fixes to ExcelJS 4.4's streaming reader:
 * - it decodes every chunk of a zip entry on its own, so a Chinese character that straddles two chunks
 *   turns into U+FFFD (exceljs issues #2063, #2316; fix PR #1665 unmerged): its XML parser is handed text
 *   decoded across chunk boundaries instead;
 * - its shared-strings table keeps every chunk of sharedStrings.xml alive through string slices (about
 *   150 MB more for a million rows): the table is built here from detached copies instead.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<never> {
    // ExcelJS's parse() delegates to this with `yield*`; the table is cached here, so nothing is yielded.
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          await cacheSharedStrings(this as unknown as WorkbookReaderInternals, entry);
          return { done: true, value: undefined };
        },
      }),
    };
  }

  _parseWorkbook(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return baseReader._parseWorkbook.call(this, entry);
  }

  _parseStyles(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return baseReader._parseStyles.call(this, entry);
  }

  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string) {
    // A sheet stored before the shared strings comes from a temporary copy (an fs.ReadStream).
    if (iterator instanceof Readable) this.#spooledSheets.push(iterator);
    return baseReader._parseWorksheet.call(this, utf8Text(iterator), sheetNo);
  }

  #spooledSheets: Readable[] = [];

  /** Closes the temporary copies opened so far, so that deleting them frees the disk space. */
  closeSpooledSheets(): void {
    for (const sheet of this.#spooledSheets) {
      // A copy closed before its file was opened may still report the open failing once ExcelJS has
      // deleted the file (ENOENT): nothing reads it any more, so that error is of no consequence.
      sheet.on('error', () => undefined);
      sheet.destroy();
    }
    this.#spooledSheets = [];
  }
}

/**
 * Stops reading a workbook. While the zip is still arriving, its input is cut. Once all of it has been
 * read, ExcelJS is instead let run to the end of its loop over temporary sheet copies (it deletes a copy
 * when the next sheet is asked for), with the copies closed unread: otherwise they stay on disk until
 * the process exits.
 */
function stopWorkbook(
  workbook: Utf8WorkbookReader,
  sheets: AsyncIterator<unknown>,
  input: Readable,
  inputComplete: boolean,
): void {
  if (!inputComplete) {
    input.destroy();
    return;
  }
  void (async () => {
    try {
      for (;;) {
        workbook.closeSpooledSheets();
        if ((await sheets.next()).done) break;
      }
    } catch {
      // Nothing more can be cleaned up.
    }
    workbook.closeSpooledSheets();
  })();
}

/** The rows of the first worksheet (the first tab), one record per row present in the sheet XML. */
async function* xlsxRecords(source: ByteSource): AsyncGenerator<SourceRecord[]> {
  const input = Readable.from(source.chunks(), { objectMode: false });
  const workbook = new Utf8WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = workbook as unknown as WorkbookReaderInternals;
  const sheets = workbook[Symbol.asyncIterator]();
  source.onClose(() => stopWorkbook(workbook, sheets, input, source.exhausted));
  // ExcelJS pipes the input into the unzipper, which never ends if the input fails: an input error rejects
  // the step in progress. (Not Promise.race with one long-lived promise: every race would add a reaction
  // to it that keeps the step's result, i.e. every row, alive until the file ends.)
  let inputFailure: unknown = null;
  let failPendingStep: ((error: unknown) => void) | null = null;
  input.once('error', (error) => {
    inputFailure = error;
    failPendingStep?.(error);
  });
  const step = <T>(iterator: AsyncIterator<T>) =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      if (inputFailure !== null) {
        reject(inputFailure);
        return;
      }
      failPendingStep = reject;
      iterator.next().then(resolve, reject);
    }).finally(() => {
      failPendingStep = null;
    });

  try {
    for (;;) {
      const sheet = await step(sheets);
      if (sheet.done) break;
      if (!isFirstTab(internals, (sheet.value as unknown as { name?: string }).name)) continue;
      const date1904 = internals.properties?.model?.date1904 === true;
      const rows = sheet.value[Symbol.asyncIterator]();
      for (;;) {
        const row = await step(rows);
        if (row.done) return;
        const cells: string[] = [];
        row.value.eachCell((cell, column) => {
          cells[column - 1] = cellText(cell.value, cell.numFmt, date1904);
        });
        yield [{ rowNumber: row.value.number, cells }];
      }
    }
  } catch (error) {
    if (error instanceof AppError || error === inputFailure) throw error;
    throw new AppError(
      'IMPORT_XLSX_CORRUPT',
      {},
      { cause: error instanceof Error ? error.message : String(error) },
    );
  }
  // A ZIP with Office parts but no worksheet.
  throw unsupportedType('zip');
}

function isFirstTab(workbook: WorkbookReaderInternals, name: string | undefined): boolean {
  const names = workbook.model?.sheets?.map((sheet) => sheet.name) ?? [];
  // Without the workbook part (or for a sheet it does not list) the first sheet in the file is taken.
  return names.length === 0 || name === names[0] || name === undefined || !names.includes(name);
}

/** Number formats that show a date, as ExcelJS decides it: any of y m d h s outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${month}-${day}`;
}

/** A number in plain decimal notation: 1e+21 → 1000000000000000000000, 1.5e-7 → 0.00000015. */
export function plainNumber(value: number): string {
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const [integer = '', fraction = ''] = text.slice(sign.length, e).split('.');
  const digits = integer + fraction;
  const point = integer.length + Number(text.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The text of a cell as the importer validates it. */
export function cellText(value: ExcelJS.CellValue, numFmt?: string, date1904 = false): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return plainNumber(value);
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object': {
      if (value === null) return '';
      if (value instanceof Date) return isoDate(value);
      if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
      if ('formula' in value || 'sharedFormula' in value) {
        const result = value.result;
        // No cached result: never calculated, or an Excel error, whose text ExcelJS's streaming reader
        // drops. The formula itself tells the user what the cell holds; validation refuses it.
        if (result === undefined || (typeof result === 'number' && Number.isNaN(result))) {
          return `=${'formula' in value ? value.formula : value.sharedFormula}`;
        }
        if (typeof result === 'number' && isDateFormat(numFmt)) {
          return isoDate(excelSerialToDate(result, date1904));
        }
        return cellText(result as ExcelJS.CellValue, numFmt, date1904);
      }
      if ('error' in value) return String(value.error);
      if ('text' in value) return cellText(value.text as ExcelJS.CellValue, numFmt, date1904);
      return '';
    }
    default:
      return '';
  }
}
