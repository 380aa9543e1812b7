/**
 * A text shown to people in both languages the product speaks: Simplified Chinese first (the default
 * locale of the collection centers), then English. Domain rules return these next to their stable
 * codes so that every screen can explain a decision without a lookup of its own.
 */
export interface BilingualText {
  zh: string;
  en: string;
}

/** A copy of a catalogue entry, so that callers can never change the catalogue. */
export function copyText(text: BilingualText): BilingualText {
  return { zh: text.zh, en: text.en };
}
