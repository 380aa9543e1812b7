/** Texts of the assignment screens: zh-CN first, English with the same keys (the type makes a missing key an error). */
import type { Widen } from './widen';

export const assignmentZh = {} as const;

export const assignmentEn: Widen<typeof assignmentZh> = {};
