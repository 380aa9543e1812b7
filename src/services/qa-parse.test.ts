import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, jsonErrorOffset, parseInstant, parseTranscriptFile, speakerLabel } from './qa-parse';

describe('speaker labels', () => {
  it('knows the agent and customer labels with a full-width or half-width colon', () => {
    for (const line of [
      '坐席：你好',
      '催收员: 你好',
      '员工：你好',
      'Agent: 你好',
      'A:你好',
      'agent：你好',
      '客服：你好',
    ]) {
      expect(speakerLabel(line), line).toEqual({ speaker: 'agent', text: '你好' });
    }
    for (const line of ['客户：嗯', '债务人: 嗯', 'Customer:嗯', 'C：嗯', 'c: 嗯']) {
      expect(speakerLabel(line), line).toEqual({ speaker: 'customer', text: '嗯' });
    }
    expect(speakerLabel('我说：好的')).toBeNull();
    expect(speakerLabel('Alice: hi')).toBeNull();
  });
});

describe('plain text transcripts', () => {
  it('makes one turn per labelled line and joins unlabelled lines to the previous turn', () => {
    const r = parseTranscriptFile({
      name: 'call.txt',
      content: '\uFEFF坐席：您好\r\n\r\n客户：我没钱\r\n  下个月吧  \r\nAgent: 好的',
    });
    expect(r.problems).toEqual([]);
    expect(r.transcripts[0]?.turns).toEqual([
      { speaker: 'agent', text: '您好' },
      { speaker: 'customer', text: '我没钱\n下个月吧' },
      { speaker: 'agent', text: '好的' },
    ]);
  });

  it('names the line of an unlabelled first turn and of an empty turn', () => {
    const r = parseTranscriptFile({ name: 'x.txt', content: '您好\n坐席：\n客户：嗯' });
    expect(r.transcripts).toEqual([]);
    expect(r.problems).toEqual([
      expect.objectContaining({ file: 'x.txt', line: 1, field: 'speaker' }),
      expect.objectContaining({ file: 'x.txt', line: 2, field: 'text' }),
    ]);
  });

  it('reads GBK text', () => {
    const r = parseTranscriptFile({ name: 'gbk.txt', content: iconv.encode('坐席：您好\n客户：嗯', 'gbk') });
    expect(r.transcripts[0]?.turns[0]).toEqual({ speaker: 'agent', text: '您好' });
  });
});

describe('JSON transcripts', () => {
  it('reads an object, an array and JSON Lines, with metadata', () => {
    const one = {
      id: 7,
      party: 'third_party',
      calledAt: '2026-11-20T10:00:00+08:00',
      turns: [{ speaker: 'agent', text: '您好' }],
    };
    const obj = parseTranscriptFile({ name: 'a.json', content: JSON.stringify(one) });
    expect(obj.problems).toEqual([]);
    expect(obj.transcripts[0]).toMatchObject({ externalId: '7', party: 'third_party' });
    expect(obj.transcripts[0]?.calledAt?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    const arr = parseTranscriptFile({ name: 'b.json', content: JSON.stringify([one, one]) });
    expect(arr.transcripts).toHaveLength(2);
    const lines = parseTranscriptFile({
      name: 'c.jsonl',
      content: `${JSON.stringify(one)}\n\n${JSON.stringify(one)}\n`,
    });
    expect(lines.transcripts.map((t) => t.line)).toEqual([1, 3]);
    // Several objects one per line in a .json file are JSON Lines too.
    expect(
      parseTranscriptFile({ name: 'd.json', content: `${JSON.stringify(one)}\n${JSON.stringify(one)}` })
        .transcripts,
    ).toHaveLength(2);
  });

  it('names every problem with its line or field path', () => {
    const r = parseTranscriptFile({
      name: 'bad.json',
      content: JSON.stringify([
        { turns: [] },
        { turns: [{ speaker: 'x', text: 1 }], profile: 'eu', colector: 'a' },
        'nope',
      ]),
    });
    expect(r.transcripts).toEqual([]);
    expect(r.problems.map((p) => p.field)).toEqual([
      '[0].turns',
      '[1].colector',
      '[1].profile',
      '[1].turns[0].speaker',
      '[1].turns[0].text',
      '[2]',
    ]);
    const syntax = parseTranscriptFile({ name: 's.json', content: '{\n  "turns": [\n  }' });
    expect(syntax.problems[0]).toMatchObject({ file: 's.json', line: 3, field: 'file' });
    const jsonl = parseTranscriptFile({
      name: 'l.jsonl',
      content: '{"turns":[{"speaker":"agent","text":"a"}]}\n{oops',
    });
    expect(jsonl.problems).toEqual([expect.objectContaining({ line: 2, field: 'file' })]);
  });

  it('refuses an empty file and an unknown file type', () => {
    expect(parseTranscriptFile({ name: 'e.json', content: '  ' }).problems[0]?.field).toBe('file');
    expect(parseTranscriptFile({ name: 'x.pdf', content: '%PDF-1.4' }).problems[0]?.reasonEn).toContain(
      '.pdf',
    );
  });
});

describe('decoding and instants', () => {
  it('decodes UTF-8 with and without BOM, UTF-16 with BOM', () => {
    expect(decodeText(Buffer.from('\uFEFF你好', 'utf8'))).toBe('你好');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('你好', 'utf16le')]))).toBe(
      '你好',
    );
  });

  it('needs an explicit offset', () => {
    expect(parseInstant('2026-11-20T10:00:00Z')?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(parseInstant('2026-11-20 10:00+08:00')?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(parseInstant('2026-11-20T10:00:00')).toBeNull();
    expect(parseInstant('2026-02-30T10:00:00Z')?.toISOString() ?? null).not.toBe('2026-02-30');
  });
});

describe('locating JSON syntax errors', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };

  it('agrees with JSON.parse on valid JSON and on damaged JSON', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, at, junk) => {
        expect(jsonErrorOffset(json)).toBeNull();
        const cut = at % (json.length + 1);
        const damaged = json.slice(0, cut) + junk + json.slice(cut + 1);
        expect(jsonErrorOffset(damaged) === null).toBe(parses(damaged));
      }),
      { numRuns: 300 },
    );
  });
});
