/** Texts of the money screens: zh-CN first, English with the same keys (the type makes a missing key an error). */
import type { Widen } from './widen';

export const moneyZh = {} as const;

export const moneyEn: Widen<typeof moneyZh> = {};
