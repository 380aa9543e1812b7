/**
 * Payment allocation (还款冲销顺序): which part of what an account owes a payment pays off. An account
 * owes four components, each in integer fen: fees (费用), penalty (罚息/违约金), interest (利息) and
 * principal (本金). A payment pays them in a configured order, each completely before the next
 * receives anything; the usual order (and the default) is fees → penalty → interest → principal, but
 * contracts and regulators differ, so the order is a parameter.
 *
 * Money above the total owed is never absorbed (DOMAIN.md: never collect more than the total owed):
 * it comes back as `overpaymentFen` for the caller to flag for refund, and no component goes below 0.
 *
 * A reversal (a bounced or recalled payment) undoes exactly what its allocation did: each component
 * gets back the amount the payment took from it, whatever happened in between.
 *
 * The four parts are called components here, not buckets, so that they are never confused with the
 * aging buckets (M1, M2, ...) of aging.ts.
 */
import { type BilingualText, copyText } from './bilingual';

/** The parts of a balance, in the default allocation order. */
export const BALANCE_COMPONENTS = ['fees', 'penalty', 'interest', 'principal'] as const;
export type BalanceComponent = (typeof BALANCE_COMPONENTS)[number];

/** An amount in fen for each component (balances, or what a payment paid into each). */
export type ComponentAmounts = Record<BalanceComponent, number>;

/** Fees first, then penalty, then interest, principal last. */
export const DEFAULT_ALLOCATION_ORDER: readonly BalanceComponent[] = Object.freeze([...BALANCE_COMPONENTS]);

const componentNames: Record<BalanceComponent, BilingualText> = {
  fees: { zh: '费用', en: 'Fees' },
  penalty: { zh: '罚息', en: 'Penalty' },
  interest: { zh: '利息', en: 'Interest' },
  principal: { zh: '本金', en: 'Principal' },
};

/** The name of a component for people. */
export function componentName(component: BalanceComponent): BilingualText {
  return copyText(componentNames[component]);
}

export function isBalanceComponent(value: string): value is BalanceComponent {
  return (BALANCE_COMPONENTS as readonly string[]).includes(value);
}

const orderReasonCatalog = {
  allocation_order_length: {
    zh: '冲销顺序须恰好列出费用、罚息、利息、本金四项',
    en: 'The allocation order must list exactly the four components: fees, penalty, interest, principal',
  },
  allocation_order_unknown: {
    zh: '冲销顺序中有未知的项目，只能是 fees、penalty、interest、principal',
    en: 'Unknown component in the allocation order; use fees, penalty, interest or principal',
  },
  allocation_order_duplicate: {
    zh: '冲销顺序中同一项目出现了两次',
    en: 'A component appears twice in the allocation order',
  },
} as const satisfies Record<string, BilingualText>;

export type AllocationOrderReason = keyof typeof orderReasonCatalog;

export function allocationOrderReasonText(reason: AllocationOrderReason): BilingualText {
  return copyText(orderReasonCatalog[reason]);
}

export type AllocationOrderResult =
  | { ok: true; order: BalanceComponent[] }
  | { ok: false; reason: AllocationOrderReason; index?: number };

/**
 * Checks that an order (as configured, e.g. from a portfolio's JSON) is a permutation of the four
 * components. On failure `index` names the offending entry (absent for a wrong length).
 */
export function validateAllocationOrder(order: readonly string[]): AllocationOrderResult {
  const seen = new Set<BalanceComponent>();
  const checked: BalanceComponent[] = [];
  for (const [index, entry] of order.entries()) {
    if (typeof entry !== 'string' || !isBalanceComponent(entry)) {
      return { ok: false, reason: 'allocation_order_unknown', index };
    }
    if (seen.has(entry)) return { ok: false, reason: 'allocation_order_duplicate', index };
    seen.add(entry);
    checked.push(entry);
  }
  if (checked.length !== BALANCE_COMPONENTS.length) return { ok: false, reason: 'allocation_order_length' };
  return { ok: true, order: checked };
}

function assertFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be whole fen >= 0: ${value}`);
  }
}

function checkedOrder(order: readonly BalanceComponent[]): BalanceComponent[] {
  const result = validateAllocationOrder(order);
  if (!result.ok) {
    throw new RangeError(`Invalid allocation order ${JSON.stringify(order)}: ${result.reason}`);
  }
  return result.order;
}

function checkedAmounts(amounts: ComponentAmounts, what: string): ComponentAmounts {
  const copy = { fees: 0, penalty: 0, interest: 0, principal: 0 };
  for (const component of BALANCE_COMPONENTS) {
    const value = amounts[component];
    assertFen(value, `${what}.${component}`);
    copy[component] = value;
  }
  return copy;
}

function total(amounts: ComponentAmounts): number {
  return amounts.fees + amounts.penalty + amounts.interest + amounts.principal;
}

export interface PaymentAllocationInput {
  /** The payment received, whole fen >= 0. */
  paymentFen: number;
  /** What the account owes per component before the payment, whole fen >= 0 each. */
  balances: ComponentAmounts;
  /** Allocation order: a permutation of the four components; default fees → penalty → interest → principal. */
  order?: readonly BalanceComponent[];
}

/** One component's part of an allocation, in allocation order. */
export interface AllocationLine {
  component: BalanceComponent;
  balanceBeforeFen: number;
  allocatedFen: number;
  balanceAfterFen: number;
}

export interface PaymentAllocation {
  paymentFen: number;
  order: BalanceComponent[];
  /** What the payment paid into each component. */
  allocated: ComponentAmounts;
  /** The sum of `allocated`: the part of the payment applied to the account. */
  allocatedFen: number;
  balancesBefore: ComponentAmounts;
  /** The balances after the payment: never below 0. */
  balancesAfter: ComponentAmounts;
  totalOwedBeforeFen: number;
  totalOwedAfterFen: number;
  /**
   * The part of the payment above the total owed. It is never applied to the account: the caller
   * flags it for refund (退款). allocatedFen + overpaymentFen = paymentFen.
   */
  overpaymentFen: number;
  /** The allocation component by component, in allocation order (for receipts and the audit log). */
  lines: AllocationLine[];
}

/**
 * Allocates a payment to an account's components in order: each component is paid off completely
 * before the next receives anything; what is left when everything is paid is the overpayment.
 * Throws a RangeError for an amount that is not whole fen >= 0 or an order that is not a permutation
 * of the four components (programming errors: validate configuration with `validateAllocationOrder`).
 */
export function allocatePayment({
  paymentFen,
  balances,
  order = DEFAULT_ALLOCATION_ORDER,
}: PaymentAllocationInput): PaymentAllocation {
  assertFen(paymentFen, 'paymentFen');
  const sequence = checkedOrder(order);
  const before = checkedAmounts(balances, 'balances');
  const allocated: ComponentAmounts = { fees: 0, penalty: 0, interest: 0, principal: 0 };
  const after: ComponentAmounts = { ...before };
  const lines: AllocationLine[] = [];
  let remaining = paymentFen;
  for (const component of sequence) {
    const amount = Math.min(remaining, before[component]);
    allocated[component] = amount;
    after[component] = before[component] - amount;
    remaining -= amount;
    lines.push({
      component,
      balanceBeforeFen: before[component],
      allocatedFen: amount,
      balanceAfterFen: after[component],
    });
  }
  return {
    paymentFen,
    order: sequence,
    allocated,
    allocatedFen: paymentFen - remaining,
    balancesBefore: before,
    balancesAfter: after,
    totalOwedBeforeFen: total(before),
    totalOwedAfterFen: total(after),
    overpaymentFen: remaining,
    lines,
  };
}

/** What a reversal needs of the original allocation (as stored with the payment). */
export type AllocationRecord = Pick<PaymentAllocation, 'paymentFen' | 'allocated' | 'overpaymentFen'>;

export interface PaymentReversal {
  /** The balances after the reversal: the current balances plus what the payment had paid off. */
  balancesAfter: ComponentAmounts;
  /** What each component gets back (equal to the original allocation). */
  restored: ComponentAmounts;
  restoredFen: number;
  /**
   * The overpayment the original payment carried. It never reached the account, so the reversal
   * does not touch the balances for it: the caller cancels its refund, or recovers it if refunded.
   */
  overpaymentFen: number;
}

/**
 * Undoes a payment's allocation: every component gets back exactly what the payment paid into it,
 * on top of the balances as they are now (later payments and charges stay as they are).
 * Throws a RangeError when an amount is not whole fen >= 0 or the record does not add up
 * (allocated + overpayment must equal the payment): a reversal must never invent money.
 */
export function reverseAllocation(balances: ComponentAmounts, allocation: AllocationRecord): PaymentReversal {
  const current = checkedAmounts(balances, 'balances');
  const restored = checkedAmounts(allocation.allocated, 'allocation.allocated');
  assertFen(allocation.paymentFen, 'allocation.paymentFen');
  assertFen(allocation.overpaymentFen, 'allocation.overpaymentFen');
  const restoredFen = total(restored);
  if (restoredFen + allocation.overpaymentFen !== allocation.paymentFen) {
    throw new RangeError(
      `Allocation does not add up: allocated ${restoredFen} + overpayment ${allocation.overpaymentFen} ≠ payment ${allocation.paymentFen}`,
    );
  }
  const balancesAfter: ComponentAmounts = { fees: 0, penalty: 0, interest: 0, principal: 0 };
  for (const component of BALANCE_COMPONENTS) {
    const value = current[component] + restored[component];
    assertFen(value, `balancesAfter.${component}`);
    balancesAfter[component] = value;
  }
  return { balancesAfter, restored, restoredFen, overpaymentFen: allocation.overpaymentFen };
}

/** The total owed across the four components, in fen. */
export function totalOwedFen(balances: ComponentAmounts): number {
  return total(checkedAmounts(balances, 'balances'));
}
