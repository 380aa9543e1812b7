/**
 * Scores the speech rulebook on the labelled corpus: `node bin/run-ts.mjs scripts/speech-accuracy.ts
 * [--holdout] [--verbose]`. Prints a Markdown table (the one in docs/compliance-profiles.md).
 */
import { createSpeechInspector } from '../src/compliance/speech';
import { scoreCorpus, scoreItems } from '../test/helpers/speech-corpus';

const folder = process.argv.includes('--holdout')
  ? 'holdout'
  : process.argv.includes('--blind')
    ? 'blind'
    : '';
const verbose = process.argv.includes('--verbose');
const score = scoreCorpus(scoreItems(createSpeechInspector('cn-cba'), folder));
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

console.log(
  `corpus: ${folder || 'development'}; ${score.items} agent utterances, ${score.compliantItems} compliant`,
);
console.log('');
console.log('| category | labelled | found | false positives | precision | recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of score.categories) {
  console.log(
    `| ${row.category} | ${row.labelled} | ${row.truePositives} | ${row.falsePositives} | ${row.precision.toFixed(3)} | ${row.recall.toFixed(3)} |`,
  );
}
console.log(
  `| **all** | ${score.labels} | ${score.truePositives} | ${score.categories.reduce((s, r) => s + r.falsePositives, 0)} | ${score.precision.toFixed(3)} | ${score.recall.toFixed(3)} |`,
);
console.log('');
console.log(
  `compliant utterances flagged: ${score.flaggedCompliant} of ${score.compliantItems} (false-positive rate ${pct(score.falsePositiveRate)})`,
);
if (verbose) {
  console.log('\nMISSES');
  for (const item of score.misses)
    console.log(
      item.id,
      item.expected.join('+'),
      '| found',
      item.found.join('+') || '-',
      '|',
      JSON.stringify(item.text),
    );
  console.log('\nFALSE ALARMS');
  for (const item of score.falseAlarms)
    console.log(
      item.id,
      item.expected.join('+') || '[]',
      '| found',
      item.quotes.join(' '),
      '|',
      JSON.stringify(item.text),
    );
}
