/** Texts of the followup screens: zh-CN first, English with the same keys (the type makes a missing key an error). */
import type { Widen } from './widen';

export const followupZh = {} as const;

export const followupEn: Widen<typeof followupZh> = {};
