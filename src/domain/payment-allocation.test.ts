import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocatePayment,
  allocationOrderReasonText,
  BALANCE_COMPONENTS,
  type BalanceComponent,
  type ComponentAmounts,
  componentName,
  DEFAULT_ALLOCATION_ORDER,
  reverseAllocation,
  totalOwedFen,
  validateAllocationOrder,
} from './payment-allocation';

const HAN = /\p{Script=Han}/u;

const owed = (fees: number, penalty: number, interest: number, principal: number): ComponentAmounts => ({
  fees,
  penalty,
  interest,
  principal,
});

describe('validateAllocationOrder', () => {
  it('accepts every permutation of the four components', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...BALANCE_COMPONENTS], { minLength: 4, maxLength: 4 }), (order) => {
        expect(validateAllocationOrder(order)).toEqual({ ok: true, order });
      }),
    );
  });

  it.each<[string, string[], string, number | undefined]>([
    ['an empty order', [], 'allocation_order_length', undefined],
    ['three components', ['fees', 'penalty', 'interest'], 'allocation_order_length', undefined],
    ['an unknown component', ['fees', 'penalty', 'tax', 'principal'], 'allocation_order_unknown', 2],
    ['a wrong case', ['Fees', 'penalty', 'interest', 'principal'], 'allocation_order_unknown', 0],
    ['a repeated component', ['fees', 'fees', 'interest', 'principal'], 'allocation_order_duplicate', 1],
    ['five entries', ['fees', 'penalty', 'interest', 'principal', 'fees'], 'allocation_order_duplicate', 4],
  ])('refuses %s', (_, order, reason, index) => {
    const result = validateAllocationOrder(order);
    expect(result).toEqual(index === undefined ? { ok: false, reason } : { ok: false, reason, index });
  });

  it('explains every refusal in Chinese and English', () => {
    for (const reason of [
      'allocation_order_length',
      'allocation_order_unknown',
      'allocation_order_duplicate',
    ] as const) {
      const text = allocationOrderReasonText(reason);
      expect(text.zh).toMatch(HAN);
      expect(text.en).not.toMatch(HAN);
    }
  });

  it('names the components in both languages', () => {
    expect(componentName('principal')).toEqual({ zh: '本金', en: 'Principal' });
    for (const component of BALANCE_COMPONENTS) expect(componentName(component).zh).toMatch(HAN);
  });
});

describe('allocatePayment', () => {
  const balances = owed(5_000, 2_000, 10_000, 100_000);

  it('pays fees, then penalty, then interest, then principal by default', () => {
    const result = allocatePayment({ paymentFen: 12_000, balances });
    expect(result.order).toEqual(['fees', 'penalty', 'interest', 'principal']);
    expect(result.allocated).toEqual(owed(5_000, 2_000, 5_000, 0));
    expect(result.balancesAfter).toEqual(owed(0, 0, 5_000, 100_000));
    expect(result.allocatedFen).toBe(12_000);
    expect(result.overpaymentFen).toBe(0);
    expect(result.totalOwedBeforeFen).toBe(117_000);
    expect(result.totalOwedAfterFen).toBe(105_000);
    expect(result.lines).toEqual([
      { component: 'fees', balanceBeforeFen: 5_000, allocatedFen: 5_000, balanceAfterFen: 0 },
      { component: 'penalty', balanceBeforeFen: 2_000, allocatedFen: 2_000, balanceAfterFen: 0 },
      { component: 'interest', balanceBeforeFen: 10_000, allocatedFen: 5_000, balanceAfterFen: 5_000 },
      { component: 'principal', balanceBeforeFen: 100_000, allocatedFen: 0, balanceAfterFen: 100_000 },
    ]);
  });

  it('follows a configured order (principal first)', () => {
    const result = allocatePayment({
      paymentFen: 101_000,
      balances,
      order: ['principal', 'interest', 'penalty', 'fees'],
    });
    expect(result.allocated).toEqual(owed(0, 0, 1_000, 100_000));
    expect(result.lines.map((line) => line.component)).toEqual(['principal', 'interest', 'penalty', 'fees']);
  });

  it('pays exactly the total owed without overpayment', () => {
    const result = allocatePayment({ paymentFen: 117_000, balances });
    expect(result.balancesAfter).toEqual(owed(0, 0, 0, 0));
    expect(result.overpaymentFen).toBe(0);
  });

  it('returns the money above the total owed as overpayment, never absorbing it', () => {
    const result = allocatePayment({ paymentFen: 120_000, balances });
    expect(result.allocatedFen).toBe(117_000);
    expect(result.overpaymentFen).toBe(3_000);
    expect(result.balancesAfter).toEqual(owed(0, 0, 0, 0));
  });

  it('treats a payment on a settled account as all overpayment', () => {
    const result = allocatePayment({ paymentFen: 500, balances: owed(0, 0, 0, 0) });
    expect(result.allocatedFen).toBe(0);
    expect(result.overpaymentFen).toBe(500);
  });

  it('skips components that owe nothing', () => {
    const result = allocatePayment({ paymentFen: 3_000, balances: owed(0, 0, 2_000, 5_000) });
    expect(result.allocated).toEqual(owed(0, 0, 2_000, 1_000));
  });

  it('allocates a zero payment to nothing', () => {
    const result = allocatePayment({ paymentFen: 0, balances });
    expect(result.allocatedFen).toBe(0);
    expect(result.balancesAfter).toEqual(balances);
  });

  it('does not change the balances it was given', () => {
    const input = owed(1, 2, 3, 4);
    allocatePayment({ paymentFen: 10, balances: input });
    expect(input).toEqual(owed(1, 2, 3, 4));
  });

  it('refuses amounts that are not whole fen and invalid orders', () => {
    expect(() => allocatePayment({ paymentFen: 1.5, balances })).toThrow(RangeError);
    expect(() => allocatePayment({ paymentFen: -1, balances })).toThrow(RangeError);
    expect(() => allocatePayment({ paymentFen: 1, balances: owed(0, -1, 0, 0) })).toThrow(RangeError);
    expect(() => allocatePayment({ paymentFen: 1, balances: owed(0, 0, Number.NaN, 0) })).toThrow(RangeError);
    expect(() =>
      allocatePayment({ paymentFen: 1, balances, order: ['fees', 'fees', 'interest', 'principal'] }),
    ).toThrow(RangeError);
    expect(() => allocatePayment({ paymentFen: 1, balances, order: ['fees'] })).toThrow(RangeError);
  });

  it('keeps its default order frozen', () => {
    expect(Object.isFrozen(DEFAULT_ALLOCATION_ORDER)).toBe(true);
  });
});

describe('reverseAllocation', () => {
  it('gives every component back what the payment took', () => {
    const balances = owed(5_000, 2_000, 10_000, 100_000);
    const allocation = allocatePayment({ paymentFen: 12_000, balances });
    const reversal = reverseAllocation(allocation.balancesAfter, allocation);
    expect(reversal.balancesAfter).toEqual(balances);
    expect(reversal.restored).toEqual(allocation.allocated);
    expect(reversal.restoredFen).toBe(12_000);
    expect(reversal.overpaymentFen).toBe(0);
  });

  it('reports the overpayment separately and does not put it on the account', () => {
    const balances = owed(100, 0, 0, 1_000);
    const allocation = allocatePayment({ paymentFen: 1_500, balances });
    const reversal = reverseAllocation(allocation.balancesAfter, allocation);
    expect(reversal.balancesAfter).toEqual(balances);
    expect(reversal.overpaymentFen).toBe(400);
  });

  it('undoes exactly its allocation after a later payment, leaving the later one in place', () => {
    const balances = owed(1_000, 1_000, 1_000, 10_000);
    const first = allocatePayment({ paymentFen: 1_500, balances });
    const second = allocatePayment({ paymentFen: 2_000, balances: first.balancesAfter });
    const reversal = reverseAllocation(second.balancesAfter, first);
    expect(reversal.balancesAfter).toEqual(owed(1_000, 500, 0, 9_500));
  });

  it('refuses a record that does not add up or has bad amounts', () => {
    const balances = owed(0, 0, 0, 0);
    const allocated = owed(100, 0, 0, 0);
    expect(() => reverseAllocation(balances, { paymentFen: 100, allocated, overpaymentFen: 1 })).toThrow(
      /does not add up/,
    );
    expect(() =>
      reverseAllocation(balances, { paymentFen: 100, allocated: owed(-100, 200, 0, 0), overpaymentFen: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      reverseAllocation(owed(0.5, 0, 0, 0), { paymentFen: 100, allocated, overpaymentFen: 0 }),
    ).toThrow(RangeError);
  });
});

const amountArb = fc.integer({ min: 0, max: 10_000_000_000 });
const balancesArb: fc.Arbitrary<ComponentAmounts> = fc.record({
  fees: fc.oneof(fc.constant(0), amountArb),
  penalty: fc.oneof(fc.constant(0), amountArb),
  interest: fc.oneof(fc.constant(0), amountArb),
  principal: fc.oneof(fc.constant(0), amountArb),
});
const orderArb: fc.Arbitrary<BalanceComponent[]> = fc.shuffledSubarray([...BALANCE_COMPONENTS], {
  minLength: 4,
  maxLength: 4,
});
const paymentArb = fc.oneof(amountArb, fc.integer({ min: 0, max: 50_000_000_000 }));

describe('allocatePayment properties', () => {
  it('allocated + overpayment = payment, and the overpayment is only what exceeds the total owed', () => {
    fc.assert(
      fc.property(paymentArb, balancesArb, orderArb, (paymentFen, balances, order) => {
        const result = allocatePayment({ paymentFen, balances, order });
        const allocatedSum = BALANCE_COMPONENTS.reduce((sum, c) => sum + result.allocated[c], 0);
        expect(allocatedSum).toBe(result.allocatedFen);
        expect(result.allocatedFen + result.overpaymentFen).toBe(paymentFen);
        expect(result.overpaymentFen).toBe(Math.max(0, paymentFen - totalOwedFen(balances)));
        expect(result.totalOwedAfterFen).toBe(result.totalOwedBeforeFen - result.allocatedFen);
      }),
    );
  });

  it('no component receives more than it owed, so no balance goes below 0', () => {
    fc.assert(
      fc.property(paymentArb, balancesArb, orderArb, (paymentFen, balances, order) => {
        const result = allocatePayment({ paymentFen, balances, order });
        for (const component of BALANCE_COMPONENTS) {
          expect(result.allocated[component]).toBeGreaterThanOrEqual(0);
          expect(result.allocated[component]).toBeLessThanOrEqual(balances[component]);
          expect(result.balancesAfter[component]).toBeGreaterThanOrEqual(0);
          expect(result.balancesAfter[component]).toBe(balances[component] - result.allocated[component]);
          expect(Number.isSafeInteger(result.allocated[component])).toBe(true);
        }
      }),
    );
  });

  it('respects the order: a later component receives money only once every earlier one is at 0', () => {
    fc.assert(
      fc.property(paymentArb, balancesArb, orderArb, (paymentFen, balances, order) => {
        const result = allocatePayment({ paymentFen, balances, order });
        order.forEach((component, position) => {
          if (result.allocated[component] > 0) {
            for (const earlier of order.slice(0, position)) expect(result.balancesAfter[earlier]).toBe(0);
          }
        });
        // Money is returned as overpayment only when everything is paid.
        if (result.overpaymentFen > 0) expect(result.totalOwedAfterFen).toBe(0);
      }),
    );
  });

  it('paying in two parts ends where paying once does', () => {
    fc.assert(
      fc.property(amountArb, amountArb, balancesArb, orderArb, (a, b, balances, order) => {
        const once = allocatePayment({ paymentFen: a + b, balances, order });
        const first = allocatePayment({ paymentFen: a, balances, order });
        const second = allocatePayment({ paymentFen: b, balances: first.balancesAfter, order });
        expect(second.balancesAfter).toEqual(once.balancesAfter);
        expect(first.overpaymentFen + second.overpaymentFen).toBe(once.overpaymentFen);
      }),
    );
  });

  it('a reversal restores the balances exactly', () => {
    fc.assert(
      fc.property(paymentArb, balancesArb, orderArb, (paymentFen, balances, order) => {
        const allocation = allocatePayment({ paymentFen, balances, order });
        const reversal = reverseAllocation(allocation.balancesAfter, allocation);
        expect(reversal.balancesAfter).toEqual(balances);
        expect(reversal.restoredFen + reversal.overpaymentFen).toBe(paymentFen);
      }),
    );
  });
});
