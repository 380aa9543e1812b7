/**
 * One app process of the contact-gate concurrency test: fires N concurrent reservations against the
 * given cases at one instant and prints how many were allowed. Run by contact-gate.test.ts.
 */
import { systemActor } from '../../src/services/actor';
import { type ContactReservationRequest, reserveContact } from '../../src/services/contact-gate';
import { openStore } from '../../src/store/db';

const targets = JSON.parse(process.env.GATE_TARGETS as string) as { caseId: string; phone: string }[];
const requests = Number(process.env.GATE_REQUESTS);
const now = new Date(process.env.GATE_NOW as string);
const store = await openStore({ databaseUrl: process.env.DATABASE_URL as string, poolSize: 16 });
const actor = systemActor(`dialer-${process.pid}`);
const results = await Promise.all(
  Array.from({ length: requests }, (_, i) => {
    const target = targets[i % targets.length] as { caseId: string; phone: string };
    const request: ContactReservationRequest = {
      caseId: target.caseId,
      channel: 'call',
      party: 'debtor',
      phone: target.phone,
      actorKind: 'dialer',
    };
    return reserveContact(store, actor, request, now);
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify({ allowed: results.filter((r) => r.allowed).length })}\n`);
