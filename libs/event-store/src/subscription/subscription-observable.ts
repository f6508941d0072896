import { Observable } from 'rxjs';
import type { RecordedEvent, Subscription } from '../event-store.port';

/**
 * A subscription as an rxjs Observable: each event is `next`, the end is `complete`, a failure is
 * `error`, and unsubscribing from the Observable unsubscribes the subscription. Shared by adapters.
 */
export function subscriptionObservable(subscription: Pick<Subscription, 'unsubscribe'> & AsyncIterable<RecordedEvent>): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    (async () => {
      for await (const event of subscription) subscriber.next(event);
      subscriber.complete();
    })().catch((error: unknown) => subscriber.error(error));
    return () => void subscription.unsubscribe();
  });
}
