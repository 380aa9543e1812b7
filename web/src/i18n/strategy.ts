/** Texts of the strategy screens: zh-CN first, English with the same keys (the type makes a missing key an error). */
import type { Widen } from './widen';

export const strategyZh = {} as const;

export const strategyEn: Widen<typeof strategyZh> = {};
