import { StorageFullError, StoreUnavailableError } from '@itil/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('HTTP answer to a store that cannot take writes', () => {
  const filter = new ProblemDetailsFilter();

  it('answers a full store with 503 and the stable code EVENT_STORE.STORAGE_FULL, not 500', () => {
    const problem = filter.toProblem(new StorageFullError('The event store is full'), '/incidents');
    expect(problem).toMatchObject({ status: 503, code: 'EVENT_STORE.STORAGE_FULL', instance: '/incidents' });
  });

  it('answers a store locked or failing I/O with 503 and EVENT_STORE.UNAVAILABLE', () => {
    const problem = filter.toProblem(new StoreUnavailableError('locked'), '/incidents/1/assign');
    expect(problem).toMatchObject({ status: 503, code: 'EVENT_STORE.UNAVAILABLE' });
  });
});
