/**
 * Reading uploaded call transcripts for quality inspection (pure: no I/O, no database).
 *
 * Formats:
 * - JSON: one transcript object, an array of them, or JSON Lines (one object per line). An object is the
 *   `qingshou qa` input line (`id`, `profile`, `party`, `turns: [{speaker: agent|customer, text}]`) plus
 *   optional metadata: `collector` (username), `caseId` or `contractNo` (with `portfolio` when a contract
 *   number exists in several portfolios), `agency` (code), `calledAt` (ISO-8601 with offset), `title`.
 * - Plain text (.txt): one turn per line, starting with a speaker label (坐席：, 催收员：, 员工：, 客服：,
 *   Agent:, A: for the collector; 客户：, 债务人：, Customer:, C: for the other side; full-width or
 *   half-width colon). A line without a label continues the previous turn.
 *
 * Every problem names the file, the line (JSON Lines, text, JSON syntax errors) or the field path
 * (`[2].turns[0].speaker`), and the reason in zh-CN and en. Files are decoded as UTF-8 (BOM or not), or as
 * GBK when they are not valid UTF-8 (Notepad on Chinese Windows).
 */
import iconv from 'iconv-lite';
import {
  SPEAKERS,
  SPEECH_PARTIES,
  type Speaker,
  type SpeechParty,
  type TranscriptTurn,
} from '../compliance/speech/types';

export const QA_PROFILES = ['cn-cba', 'us-regf'] as const;
export type QaProfile = (typeof QA_PROFILES)[number];

export const QA_UPLOAD_LIMITS = {
  files: 20,
  fileBytes: 5 * 1024 * 1024,
  transcripts: 500,
  turns: 2000,
  turnChars: 20_000,
} as const;

export interface TranscriptFile {
  name: string;
  content: Buffer | string;
}

export interface UploadProblem {
  file: string;
  /** 1-based line in the file, when the problem is on a line. */
  line: number | null;
  /** The field, e.g. `turns[3].speaker`, `[2].calledAt`; `file` for the whole file. */
  field: string;
  reason: string;
  reasonEn: string;
}

/** Metadata of a transcript: from its JSON object, or the upload's defaults. */
export interface TranscriptMeta {
  externalId: string | null;
  title: string | null;
  party: SpeechParty | null;
  profile: QaProfile | null;
  collector: string | null;
  caseId: string | null;
  contractNo: string | null;
  portfolio: string | null;
  agency: string | null;
  calledAt: Date | null;
}

export interface ParsedTranscript extends TranscriptMeta {
  /** Where it came from, for titles and for problems found later (unknown collector, ...). */
  file: string;
  line: number | null;
  /** Field prefix for problems: '' for a single object, `[2].` in an array, `transcripts[2].` in a body. */
  path: string;
  turns: TranscriptTurn[];
}

export interface ParseResult {
  transcripts: ParsedTranscript[];
  problems: UploadProblem[];
}

export const EMPTY_META: TranscriptMeta = {
  externalId: null,
  title: null,
  party: null,
  profile: null,
  collector: null,
  caseId: null,
  contractNo: null,
  portfolio: null,
  agency: null,
  calledAt: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Decodes an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, else GBK. */
export function decodeText(content: Buffer | string): string {
  if (typeof content === 'string') return content.replace(/^\uFEFF/, '');
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return content.subarray(3).toString('utf8');
  }
  if (content[0] === 0xff && content[1] === 0xfe) return iconv.decode(content.subarray(2), 'utf16le');
  if (content[0] === 0xfe && content[1] === 0xff) return iconv.decode(content.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return iconv.decode(content, 'gbk');
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Parses one uploaded file by its extension (.json, .jsonl, .ndjson, .txt) or, failing that, its content. */
export function parseTranscriptFile(
  file: TranscriptFile,
  defaults: TranscriptMeta = EMPTY_META,
): ParseResult {
  const text = decodeText(file.content);
  const ext = extensionOf(file.name);
  if (!text.trim()) {
    return {
      transcripts: [],
      problems: [problem(file.name, null, 'file', '文件为空', 'the file is empty')],
    };
  }
  if (ext === 'txt' || ext === 'text') return parsePlainText(file.name, text, defaults);
  if (ext === 'jsonl' || ext === 'ndjson') return parseJsonLines(file.name, text, defaults);
  if (ext === 'json') return parseJson(file.name, text, defaults);
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return parseJson(file.name, text, defaults);
  if (ext && ext !== 'csv' && ext !== 'log') {
    return {
      transcripts: [],
      problems: [
        problem(
          file.name,
          null,
          'file',
          `不支持的文件类型 .${ext}，请上传 .json、.jsonl 或 .txt 文件`,
          `unsupported file type .${ext}; upload .json, .jsonl or .txt files`,
        ),
      ],
    };
  }
  return parsePlainText(file.name, text, defaults);
}

function problem(file: string, line: number | null, field: string, reason: string, reasonEn: string) {
  return { file, line, field, reason, reasonEn };
}

// ---- JSON ----

/** Line and column of a character offset (1-based). */
function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where a JSON text first goes wrong (a character offset), or null when it is valid. JSON.parse's
 * messages do not always carry the position, so the syntax is walked here (RFC 8259, no extensions).
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1] ?? '';
        if ('"\\/bfnrt'.includes(next) && next) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail();
      } else if (ch.charCodeAt(0) < 0x20) fail();
      else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}

function syntaxProblem(fileName: string, text: string, error: unknown, lineOffset = 0): UploadProblem {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text);
  const at = offset === null ? null : lineOf(text, offset);
  const line = at ? at.line + lineOffset : lineOffset > 0 ? lineOffset + 1 : null;
  return problem(
    fileName,
    line,
    'file',
    `JSON 格式错误${at ? `（第 ${at.column} 列）` : ''}：${message}`,
    `invalid JSON${at ? ` (column ${at.column})` : ''}: ${message}`,
  );
}

function parseJson(fileName: string, text: string, defaults: TranscriptMeta): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Several objects one per line: JSON Lines without the .jsonl extension.
    const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{'))) {
      return parseJsonLines(fileName, text, defaults);
    }
    return { transcripts: [], problems: [syntaxProblem(fileName, text, error)] };
  }
  const problems: UploadProblem[] = [];
  const transcripts: ParsedTranscript[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) {
      problems.push(
        problem(fileName, null, 'file', '数组为空，没有通话记录', 'the array holds no transcript'),
      );
    }
    value.forEach((item, i) => {
      const r = readTranscriptObject(item, { file: fileName, line: null, path: `[${i}].` }, defaults);
      if (r.transcript) transcripts.push(r.transcript);
      problems.push(...r.problems);
    });
  } else {
    const r = readTranscriptObject(value, { file: fileName, line: null, path: '' }, defaults);
    if (r.transcript) transcripts.push(r.transcript);
    problems.push(...r.problems);
  }
  return { transcripts, problems };
}

function parseJsonLines(fileName: string, text: string, defaults: TranscriptMeta): ParseResult {
  const problems: UploadProblem[] = [];
  const transcripts: ParsedTranscript[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push(syntaxProblem(fileName, raw, error, i));
      return;
    }
    const r = readTranscriptObject(value, { file: fileName, line, path: '' }, defaults);
    if (r.transcript) transcripts.push(r.transcript);
    problems.push(...r.problems);
  });
  if (transcripts.length === 0 && problems.length === 0) {
    problems.push(problem(fileName, null, 'file', '文件中没有通话记录', 'the file holds no transcript'));
  }
  return { transcripts, problems };
}

const KNOWN_FIELDS = new Set([
  'id',
  'profile',
  'party',
  'turns',
  'collector',
  'caseId',
  'contractNo',
  'portfolio',
  'agency',
  'calledAt',
  'title',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one transcript object (the `qingshou qa` shape plus metadata). Used for uploaded files and for
 * the JSON body of the API alike.
 */
export function readTranscriptObject(
  value: unknown,
  where: { file: string; line: number | null; path: string },
  defaults: TranscriptMeta = EMPTY_META,
): { transcript: ParsedTranscript | null; problems: UploadProblem[] } {
  const problems: UploadProblem[] = [];
  const fail = (field: string, reason: string, reasonEn: string) =>
    problems.push(problem(where.file, where.line, `${where.path}${field}`, reason, reasonEn));
  if (!isRecord(value)) {
    problems.push(
      problem(
        where.file,
        where.line,
        where.path.replace(/\.$/, '') || 'file',
        '应为一个通话对象（含 turns 字段）',
        'must be a transcript object (with turns)',
      ),
    );
    return { transcript: null, problems };
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) {
      fail(
        key,
        `未知字段（可用字段：${[...KNOWN_FIELDS].join('、')}）`,
        `unknown field (known: ${[...KNOWN_FIELDS].join(', ')})`,
      );
    }
  }
  const optionalText = (key: string, max: number): string | null => {
    const v = value[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && key === 'id' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      fail(key, '应为文本', 'must be a string');
      return null;
    }
    const s = v.trim();
    if (!s) {
      fail(key, '不能为空', 'must not be empty');
      return null;
    }
    if (s.length > max) {
      fail(key, `不能超过 ${max} 个字符`, `must be at most ${max} characters`);
      return null;
    }
    return s;
  };
  const externalId = optionalText('id', 200);
  const title = optionalText('title', 200);
  const collector = optionalText('collector', 64);
  const contractNo = optionalText('contractNo', 64);
  const portfolio = optionalText('portfolio', 32);
  const agency = optionalText('agency', 32);
  const caseId = optionalText('caseId', 64);
  if (caseId && !UUID.test(caseId)) fail('caseId', '不是有效的案件 ID', 'is not a case id (UUID)');
  const profileText = optionalText('profile', 32);
  if (profileText && !(QA_PROFILES as readonly string[]).includes(profileText)) {
    fail('profile', `应为 ${QA_PROFILES.join(' 或 ')}`, `must be ${QA_PROFILES.join(' or ')}`);
  }
  const partyText = optionalText('party', 32);
  if (partyText && !(SPEECH_PARTIES as readonly string[]).includes(partyText)) {
    fail('party', '应为 debtor（债务人本人）或 third_party（第三方）', 'must be debtor or third_party');
  }
  const calledAtText = optionalText('calledAt', 40);
  let calledAt: Date | null = null;
  if (calledAtText) {
    calledAt = parseInstant(calledAtText);
    if (!calledAt) {
      fail(
        'calledAt',
        '应为带时区的 ISO-8601 时间，例如 2026-11-24T10:30:00+08:00',
        'must be an ISO-8601 time with an offset, e.g. 2026-11-24T10:30:00+08:00',
      );
    }
  }
  const turns = readTurns(value.turns, fail);
  if (problems.length > 0) return { transcript: null, problems };
  return {
    transcript: {
      file: where.file,
      line: where.line,
      path: where.path,
      externalId: externalId ?? defaults.externalId,
      title: title ?? defaults.title,
      party: (partyText as SpeechParty | null) ?? defaults.party,
      profile: (profileText as QaProfile | null) ?? defaults.profile,
      collector: collector ?? defaults.collector,
      caseId: caseId ?? (contractNo ? null : defaults.caseId),
      contractNo: contractNo ?? (caseId ? null : defaults.contractNo),
      portfolio: portfolio ?? defaults.portfolio,
      agency: agency ?? defaults.agency,
      calledAt: calledAt ?? defaults.calledAt,
      turns,
    },
    problems,
  };
}

/** An ISO-8601 instant with an explicit offset, or null. */
export function parseInstant(text: string): Date | null {
  if (!ISO_INSTANT.test(text)) return null;
  const d = new Date(text.replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

function readTurns(
  value: unknown,
  fail: (field: string, reason: string, reasonEn: string) => void,
): TranscriptTurn[] {
  if (value === undefined || value === null) {
    fail('turns', '缺少通话内容 turns', 'is required');
    return [];
  }
  if (!Array.isArray(value)) {
    fail('turns', '应为数组：[{"speaker": "agent", "text": "..."}]', 'must be an array of {speaker, text}');
    return [];
  }
  if (value.length === 0) {
    fail('turns', '至少要有一轮对话', 'must hold at least one turn');
    return [];
  }
  if (value.length > QA_UPLOAD_LIMITS.turns) {
    fail(
      'turns',
      `一通电话最多 ${QA_UPLOAD_LIMITS.turns} 轮对话`,
      `at most ${QA_UPLOAD_LIMITS.turns} turns per call`,
    );
    return [];
  }
  const turns: TranscriptTurn[] = [];
  value.forEach((turn, i) => {
    const at = `turns[${i}]`;
    if (!isRecord(turn)) {
      fail(at, '应为 {"speaker": ..., "text": ...} 对象', 'must be a {speaker, text} object');
      return;
    }
    const speaker = turn.speaker;
    if (typeof speaker !== 'string' || !(SPEAKERS as readonly string[]).includes(speaker)) {
      fail(`${at}.speaker`, '应为 agent（坐席）或 customer（客户）', 'must be agent or customer');
    }
    const text = turn.text;
    if (typeof text !== 'string') {
      fail(`${at}.text`, '应为文本', 'must be a string');
    } else if (!text.trim()) {
      fail(`${at}.text`, '不能为空', 'must not be empty');
    } else if (text.length > QA_UPLOAD_LIMITS.turnChars) {
      fail(
        `${at}.text`,
        `每轮最多 ${QA_UPLOAD_LIMITS.turnChars} 个字符`,
        `at most ${QA_UPLOAD_LIMITS.turnChars} characters per turn`,
      );
    }
    if (typeof text === 'string' && typeof speaker === 'string') {
      turns.push({ speaker: speaker as Speaker, text });
    }
  });
  return turns;
}

// ---- plain text ----

const AGENT_LABELS = ['坐席', '催收员', '员工', '客服', 'agent', 'a'];
const CUSTOMER_LABELS = ['客户', '债务人', 'customer', 'c'];
const LABEL = new RegExp(`^\\s*(${[...AGENT_LABELS, ...CUSTOMER_LABELS].join('|')})\\s*[:：]\\s?(.*)$`, 'i');

/** The speaker of a labelled line and the text after the label, or null for a continuation line. */
export function speakerLabel(line: string): { speaker: Speaker; text: string } | null {
  const m = LABEL.exec(line);
  if (!m) return null;
  const label = (m[1] ?? '').toLowerCase();
  return { speaker: AGENT_LABELS.includes(label) ? 'agent' : 'customer', text: m[2] ?? '' };
}

function parsePlainText(fileName: string, text: string, defaults: TranscriptMeta): ParseResult {
  const problems: UploadProblem[] = [];
  const turns: (TranscriptTurn & { line: number })[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const labelled = speakerLabel(raw);
    if (labelled) {
      turns.push({ speaker: labelled.speaker, text: labelled.text.trim(), line });
      return;
    }
    const previous = turns[turns.length - 1];
    if (!previous) {
      problems.push(
        problem(
          fileName,
          line,
          'speaker',
          '第一行对话缺少说话人标签，应以“坐席：”或“客户：”（或 Agent: / Customer:）开头',
          'the first turn has no speaker label; start it with 坐席： or 客户： (or Agent: / Customer:)',
        ),
      );
      return;
    }
    previous.text = previous.text ? `${previous.text}\n${raw.trim()}` : raw.trim();
  });
  for (const turn of turns) {
    if (!turn.text.trim()) {
      problems.push(problem(fileName, turn.line, 'text', '这一轮对话没有内容', 'the turn has no text'));
    } else if (turn.text.length > QA_UPLOAD_LIMITS.turnChars) {
      problems.push(
        problem(
          fileName,
          turn.line,
          'text',
          `每轮最多 ${QA_UPLOAD_LIMITS.turnChars} 个字符`,
          `at most ${QA_UPLOAD_LIMITS.turnChars} characters per turn`,
        ),
      );
    }
  }
  if (turns.length === 0 && problems.length === 0) {
    problems.push(problem(fileName, null, 'file', '文件中没有对话内容', 'the file holds no turns'));
  }
  if (turns.length > QA_UPLOAD_LIMITS.turns) {
    problems.push(
      problem(
        fileName,
        null,
        'file',
        `一通电话最多 ${QA_UPLOAD_LIMITS.turns} 轮对话`,
        `at most ${QA_UPLOAD_LIMITS.turns} turns per call`,
      ),
    );
  }
  if (problems.length > 0) return { transcripts: [], problems };
  return {
    transcripts: [
      {
        ...defaults,
        file: fileName,
        line: null,
        path: '',
        turns: turns.map(({ speaker, text: t }) => ({ speaker, text: t })),
      },
    ],
    problems,
  };
}
