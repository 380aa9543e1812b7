import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { invalid } from '../errors';
import { out } from './shared';

export function registerGateCommand(program: Command): void {
  program
    .command('gate')
    .argument('[file]', 'JSON Lines of contact requests; - or nothing for standard input', '-')
    .description('decide contact attempts (JSON Lines in, one decision per line out, same order)')
    .action(async (file: string) => {
      if (file !== '-' && !existsSync(file))
        throw invalid('file', `找不到文件 ${file}`, `file ${file} does not exist`);
      const { answerGateLine } = await import('../services/gate-lines');
      const input = file === '-' ? process.stdin : createReadStream(file);
      let refused = 0;
      for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
        if (line.trim() === '') continue;
        const answer = answerGateLine(line);
        if (answer.error) refused++;
        out(JSON.stringify(answer));
      }
      if (refused > 0) process.exitCode = 2;
    });
}
