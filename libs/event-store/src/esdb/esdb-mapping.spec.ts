import { StreamDeletedError as ClientStreamDeletedError, StreamNotFoundError as ClientStreamNotFoundError, UnavailableError, WrongExpectedVersionError as ClientWrongExpectedVersionError, type ResolvedEvent } from '@eventstore/db-client';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { isTransient, toPortError } from './esdb-errors';
import { EXCLUDE_SYSTEM_EVENTS_REGEX, escapeRegex, planFilter } from './esdb-filter';
import { fromClientActual, fromClientExpected, isRealPosition, toRecordedEvent } from './esdb-mapping';

const event = (type: string, streamId = 'incident-1') => ({ type, streamId });

describe('EventStoreDB adapter: $all filter plan', () => {
  it('asks the server to exclude system events when there is no filter', () => {
    const plan = planFilter(undefined);
    expect(plan.server).toEqual({ on: 'eventType', regex: EXCLUDE_SYSTEM_EVENTS_REGEX });
    expect(plan.accepts(event('IncidentLogged'))).toBe(true);
  });

  it('never accepts a system event, whatever the filter (a real server returns $metadata, $streamDeleted, $> ...)', () => {
    for (const filter of [undefined, { streamNamePrefixes: ['incident-'] }, { eventTypes: ['$metadata'] }, { eventTypes: ['A'], streamNamePrefixes: ['$$'] }]) {
      const plan = planFilter(filter);
      expect(plan.accepts(event('$metadata', '$$incident-1'))).toBe(false);
      expect(plan.accepts(event('$streamDeleted', 'incident-1'))).toBe(false);
    }
  });

  it('filters event types on the server with an anchored regex of the escaped names', () => {
    const plan = planFilter({ eventTypes: ['Incident.Logged', 'A+B'] });
    expect(plan.server).toEqual({ on: 'eventType', regex: '^(?:Incident\\.Logged|A\\+B)$' });
    const regex = new RegExp((plan.server as { regex: string }).regex);
    expect(regex.test('Incident.Logged')).toBe(true);
    expect(regex.test('IncidentXLogged')).toBe(false);
    expect(regex.test('Incident.Logged2')).toBe(false);
  });

  it('filters stream-name prefixes on the server, literally', () => {
    const plan = planFilter({ streamNamePrefixes: ['incident_'] });
    expect(plan.server).toEqual({ on: 'streamName', prefixes: ['incident_'] });
    expect(plan.accepts(event('X', 'incident_1'))).toBe(true);
    expect(plan.accepts(event('X', 'incident-1'))).toBe(false);
  });

  it('combines types OR prefixes on the client, excluding system events on the server', () => {
    const plan = planFilter({ eventTypes: ['ChangeApproved'], streamNamePrefixes: ['incident-'] });
    expect(plan.server).toEqual({ on: 'eventType', regex: EXCLUDE_SYSTEM_EVENTS_REGEX });
    expect(plan.accepts(event('ChangeApproved', 'change-1'))).toBe(true);
    expect(plan.accepts(event('Anything', 'incident-9'))).toBe(true);
    expect(plan.accepts(event('Anything', 'change-1'))).toBe(false);
  });

  it('escapes every regex metacharacter', () => {
    const literal = 'a.b*c+d?e^f$g|h(i)j[k]l{m}n\\o';
    expect(new RegExp(`^${escapeRegex(literal)}$`).test(literal)).toBe(true);
  });
});

describe('EventStoreDB adapter: revisions, positions and errors', () => {
  it('reads the .NET encodings of expected and actual versions a failed delete reports', () => {
    expect(fromClientExpected(-1n)).toBe('no_stream');
    expect(fromClientExpected(-2n)).toBe('any');
    expect(fromClientExpected(-4n)).toBe('stream_exists');
    expect(fromClientExpected(7n)).toBe(7n);
    expect(fromClientExpected('stream_exists')).toBe('stream_exists');
    expect(fromClientActual('no_stream')).toBe('no_stream');
    expect(fromClientActual(-1n)).toBe('no_stream');
    expect(fromClientActual(3n)).toBe(3n);
  });

  it('treats the server\'s "no position" (-1 as an unsigned 64-bit number) as none', () => {
    expect(isRealPosition({ commit: 18446744073709551615n, prepare: 18446744073709551615n })).toBe(false);
    expect(isRealPosition(undefined)).toBe(false);
    expect(isRealPosition({ commit: 0n, prepare: 0n })).toBe(true);
  });

  it('turns the client\'s typed errors into the port\'s, keeping expected and actual', () => {
    const wrong = new ClientWrongExpectedVersionError(undefined, { streamName: 'incident-1', expected: 'no_stream', current: 4n });
    expect(toPortError(wrong, 'incident-1')).toEqual(new WrongExpectedVersionError('incident-1', 'no_stream', 4n));
    expect(toPortError(new ClientStreamNotFoundError(undefined, 'incident-1'), 'incident-1')).toBeInstanceOf(StreamNotFoundError);
    expect(toPortError(ClientStreamDeletedError.fromStreamName('incident-1'), 'incident-1')).toBeInstanceOf(StreamDeletedError);
  });

  it('re-opens a subscription after a lost connection, not after a deleted stream', () => {
    expect(isTransient(new UnavailableError())).toBe(true);
    expect(isTransient(new Error('Failed to discover after 10 attempts.'))).toBe(true);
    expect(isTransient(ClientStreamDeletedError.fromStreamName('x'))).toBe(false);
    expect(isTransient(new StreamDeletedError('x'))).toBe(false);
  });

  it('keeps the bytes of an event another client wrote as binary', () => {
    const resolved = {
      event: {
        streamId: 'legacy-1', id: '5f0c7a1e-1d1b-4b7e-9a51-0f3a1c2b3d4e', revision: 0n, type: 'Legacy', isJson: false,
        data: Uint8Array.from([1, 2, 3]), metadata: undefined, created: new Date(0), position: { commit: 42n, prepare: 42n },
      },
    } as unknown as ResolvedEvent;
    expect(toRecordedEvent(resolved)).toMatchObject({ position: 42n, data: { $binary: 'AQID' }, metadata: {} });
  });
});
