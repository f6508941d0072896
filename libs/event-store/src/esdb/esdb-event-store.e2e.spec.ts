/**
 * The same contract against a real server:
 * - an EventStoreDB container started with testcontainers (GenericContainer: the kurrentdb module
 *   needs testcontainers 12), when the Jest globalSetup found a container runtime;
 * - an existing server named by EVENTSTORE_CONNECTION_STRING, when that is set.
 * Each skips with a message saying why when it cannot run. The contract uses unique stream names
 * and prefix filters, so it can run against a shared server without cleaning it first.
 */
import type { StartedTestContainer } from 'testcontainers';
import { eventStoreContract } from '../contract/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

const IMAGE = process.env.EVENTSTORE_IMAGE ?? 'eventstore/eventstore:24.10';
const runtime = process.env.CONTAINER_RUNTIME ?? 'unavailable: the Jest globalSetup did not run';
const existingServer = process.env.EVENTSTORE_CONNECTION_STRING?.trim();

if (runtime !== 'available') {
  console.log(`Skipping the event-store contract against an EventStoreDB container (${IMAGE}): no container runtime (${runtime})`);
}
(runtime === 'available' ? describe : describe.skip)(`EventStoreDB in a container (${IMAGE})`, () => {
  let container: StartedTestContainer | undefined;
  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_START_STANDARD_PROJECTIONS: 'false',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code >= 200 && code < 300))
      .withStartupTimeout(120_000)
      .start();
  }, 180_000);
  afterAll(async () => {
    await container?.stop();
  });

  eventStoreContract(`EventStoreDB container ${IMAGE}`, async () => {
    if (!container) throw new Error('the EventStoreDB container did not start');
    const connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
    // A real server's clock cannot be moved: the contract checks the visible half of maxAge only.
    return { store: new EsdbEventStore({ connectionString }) };
  });
});

if (!existingServer) {
  console.log('Skipping the event-store contract against an existing EventStoreDB: EVENTSTORE_CONNECTION_STRING is not set');
}
(existingServer ? describe : describe.skip)('EventStoreDB at EVENTSTORE_CONNECTION_STRING', () => {
  eventStoreContract('existing EventStoreDB server', async () => ({
    store: new EsdbEventStore({ connectionString: existingServer as string }),
  }));
});
