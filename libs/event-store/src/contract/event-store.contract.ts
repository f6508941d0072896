/**
 * The event-store contract: written once, run by every adapter with a factory.
 *   eventStoreContract('embedded SQLite', async () => ({ store: openSqliteEventStore(...) }));
 * It uses unique stream names and prefix filters, so it also runs against a shared real server.
 */
import { expectedRevisionContract } from './expected-revision.contract';
import { idempotentAppendContract } from './idempotent-append.contract';
import { readsContract } from './reads.contract';
import { metadataAndDeletionContract } from './metadata-and-deletion.contract';
import { subscriptionsContract } from './subscriptions.contract';
import type { ContractSubject } from './contract-helpers';

export type { ContractSubject } from './contract-helpers';

export function eventStoreContract(name: string, open: () => Promise<ContractSubject>, close?: (s: ContractSubject) => Promise<void>): void {
  const subject = (): { get: () => ContractSubject } => {
    let current: ContractSubject | undefined;
    beforeAll(async () => {
      current = await open();
    });
    afterAll(async () => {
      if (!current) return;
      if (close) await close(current);
      else await current.store.close();
    });
    return {
      get: () => {
        if (!current) throw new Error('contract subject not opened');
        return current;
      },
    };
  };
  describe(`${name}: event-store contract`, () => {
    expectedRevisionContract(subject);
    idempotentAppendContract(subject);
    readsContract(subject);
    metadataAndDeletionContract(subject);
    subscriptionsContract(subject);
  });
}
