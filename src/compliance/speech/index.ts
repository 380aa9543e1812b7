/**
 * Prohibited speech: one rulebook for transcript inspection (质检) and template lint.
 *
 * `createSpeechInspector(profile)` compiles the rulebook once; reuse it. Both profiles use the Chinese
 * rulebook (the speech red lines are the lender's code of conduct for Chinese-language collection); the
 * profile is validated so that a future profile-specific rulebook slots in here.
 */
import { findProfile, type ProfileId } from '../profiles';
import { compileRulebook, ruleInfo, type SpeechInspector } from './inspect';
import type { OpeningRule } from './rule-types';
import { cnSpeechRules } from './rulebook-cn';
import type { SpeechFinding, SpeechRuleInfo } from './types';

export type { SpeechInspector } from './inspect';
export * from './types';

const rulebooks: Record<ProfileId, typeof cnSpeechRules> = {
  'cn-cba': cnSpeechRules,
  'us-regf': cnSpeechRules,
};
const inspectors = new Map<ProfileId, SpeechInspector>();

/** The compiled inspector of a profile (compiled on first use, then shared). Throws for an unknown id. */
export function createSpeechInspector(profile: ProfileId = 'cn-cba'): SpeechInspector {
  if (!findProfile(profile)) throw new RangeError(`unknown compliance profile ${JSON.stringify(profile)}`);
  let inspector = inspectors.get(profile);
  if (!inspector) {
    inspector = compileRulebook(rulebooks[profile]);
    inspectors.set(profile, inspector);
  }
  return inspector;
}

const catalogue: readonly SpeechRuleInfo[] = [
  ...cnSpeechRules.map(ruleInfo),
  {
    id: 'lint.template.sender',
    category: 'missing_identity',
    severity: 'error',
    explanation: {
      zh: '短信和信函必须写明发送机构（债权人或受托机构），不得匿名催收。',
      en: 'An SMS or letter must name the sending institution (the creditor or the agency acting for it).',
    },
    alternative:
      '【华信银行信用卡中心】尊敬的客户，您的账单已逾期，请通过官方APP还款。如有疑问请致电官方客服。',
  },
];
const catalogueById = new Map(catalogue.map((rule) => [rule.id, rule]));

/** FNV-1a (32 bits) of a string, as 8 hex digits. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The version of the rulebook: changes whenever any rule changes (phrases, patterns, conditions, texts).
 * Stored with every inspected call, so calls inspected under an older rulebook can be found again.
 */
export const SPEECH_RULES_VERSION = `cn-${cnSpeechRules.length}-${fingerprint(
  JSON.stringify([cnSpeechRules, catalogue], (_key, value) =>
    value instanceof RegExp ? value.toString() : value,
  ),
)}`;

/** Every rule with its explanation and compliant alternative. */
export function listSpeechRules(): readonly SpeechRuleInfo[] {
  return catalogue;
}

export function speechRuleInfo(ruleId: string): SpeechRuleInfo | undefined {
  return catalogueById.get(ruleId);
}

export const TEMPLATE_KINDS = ['sms', 'letter', 'script'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** Merge fields such as {{amount}}, {金额}, ${name} or 【客户姓名】-style slots are not text to inspect. */
const PLACEHOLDER = /\{\{[^{}]*\}\}|\$\{[^{}]*\}|\{[^{}]*\}/gu;
const SENDER_PLACEHOLDER = /机构|银行|公司|中心|债权人|institution|creditor|lender|bank|company|org/iu;
const institutionPatterns = (cnSpeechRules.find((rule) => rule.kind === 'opening') as OpeningRule)
  .institution;

/**
 * Lints a template or script-library entry as something an agent says to the debtor. Findings point into
 * `body` (turn 0). An SMS or letter must also name its sender. Publishing is refused on any error finding.
 */
export function lintTemplate(input: {
  kind: TemplateKind;
  body: string;
  profile?: ProfileId;
}): SpeechFinding[] {
  const { kind, body } = input;
  const placeholders: string[] = [];
  // Same length, so offsets into the masked text are offsets into the body.
  const masked = body.replace(PLACEHOLDER, (slot) => {
    placeholders.push(slot);
    return '□'.repeat(slot.length);
  });
  const findings = createSpeechInspector(input.profile)
    .inspect({ party: 'debtor', turns: [{ speaker: 'agent', text: masked }] })
    .map((finding) => ({ ...finding, quote: body.slice(finding.start, finding.end) }));

  if (kind !== 'script') {
    const namesSender =
      institutionPatterns.some((pattern) => pattern.test(masked)) ||
      placeholders.some((slot) => SENDER_PLACEHOLDER.test(slot));
    if (!namesSender) {
      findings.unshift({
        category: 'missing_identity',
        rule: 'lint.template.sender',
        severity: 'error',
        turn: 0,
        start: 0,
        end: 0,
        quote: '',
      });
    }
  }
  return findings;
}

export function hasErrorFinding(findings: readonly SpeechFinding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
