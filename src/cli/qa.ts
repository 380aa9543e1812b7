import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { invalid } from '../errors';
import { out } from './shared';

export function registerQaCommand(program: Command): void {
  program
    .command('qa')
    .argument('[file]', 'JSON Lines of transcripts or utterances; - or nothing for standard input', '-')
    .description(
      'inspect transcripts for prohibited speech (JSON Lines in, one line of findings out, same order)',
    )
    .action(async (file: string) => {
      if (file !== '-' && !existsSync(file))
        throw invalid('file', `找不到文件 ${file}`, `file ${file} does not exist`);
      const { answerQaLine } = await import('../services/speech-lines');
      const input = file === '-' ? process.stdin : createReadStream(file);
      let refused = 0;
      for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
        if (line.trim() === '') continue;
        const answer = answerQaLine(line);
        if (answer.error) refused++;
        out(JSON.stringify(answer));
      }
      if (refused > 0) process.exitCode = 2;
    });
}
