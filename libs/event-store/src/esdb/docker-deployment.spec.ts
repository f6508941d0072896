/**
 * docker/: no Docker engine (and no `docker compose`) runs in CI, so the compose files are checked
 * here: parsed as YAML, validated against the Compose Specification's JSON schema, and held to the
 * wiring the engine relies on. The Dockerfile is held to what `nest build` actually emits.
 * (yaml, ajv and docker-compose, whose package ships the schema, are pinned devDependencies.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { EventStoreDBClient } from '@eventstore/db-client';

const root = join(__dirname, '../../../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

type Service = {
  image?: string;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  networks?: Record<string, { ipv4_address?: string; aliases?: string[] }> | string[];
};
type Compose = { services: Record<string, Service> };

// The schema names its meta-schema by an https URL Ajv does not alias; it is draft-07, Ajv's default.
const { $schema: _metaSchema, ...composeSchema } = JSON.parse(readFileSync(require.resolve('docker-compose/schema/compose-spec.json'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(composeSchema);
// Compose files use YAML merge keys (`<<: *anchor`), which YAML 1.2 parsers apply only when asked.
const load = (path: string): Compose => parse(read(path), { merge: true }) as Compose;

describe.each(['docker/docker-compose.yml', 'docker/docker-compose.cluster.yml'])('%s', (path) => {
  const compose = load(path);

  it('is valid against the Compose Specification schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('gives the API a connection string the EventStoreDB client accepts, and waits for the store', () => {
    const api = compose.services.api;
    const connectionString = api.environment?.EVENTSTORE_CONNECTION_STRING as string;
    expect(() => EventStoreDBClient.connectionString(connectionString)).not.toThrow();
    expect(connectionString).toContain('tls=false');
    expect(Object.values(api.depends_on ?? {}).some((d) => d.condition === 'service_healthy')).toBe(true);
  });

  it('runs the projector only under the `projector` profile, so `docker compose up` works without it', () => {
    const projector = compose.services.projector;
    expect(projector.profiles).toEqual(['projector']);
    expect(projector.command).toEqual(['node', 'dist/apps/projector/apps/projector/src/main.js']);
    const alwaysOn = Object.entries(compose.services).filter(([, s]) => !s.profiles);
    for (const [, service] of alwaysOn) expect(Object.keys(service.depends_on ?? {})).not.toContain('projector');
  });

  it('runs EventStoreDB 24.x (or KurrentDB) in insecure mode, for a local set-up only', () => {
    const nodes = Object.values(compose.services).filter((s) => /eventstore\/eventstore:24\.|kurrentdb/.test(s.image ?? ''));
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.environment?.EVENTSTORE_INSECURE).toBe('true');
  });
});

describe('the Compose schema check', () => {
  it('has teeth: it refuses a misspelt key and a wrongly typed value', () => {
    expect(validate({ services: { api: { imagee: 'itil-engine' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'itil-engine', ports: 'not-a-list' } } })).toBe(false);
  });
});

describe('docker/docker-compose.yml', () => {
  it('has one EventStoreDB node, PostgreSQL and the API on esdb://eventstore:2113', () => {
    const { services } = load('docker/docker-compose.yml');
    expect(Object.keys(services).sort()).toEqual(['api', 'eventstore', 'postgres', 'projector']);
    expect(services.eventstore.environment?.EVENTSTORE_CLUSTER_SIZE).toBe('1');
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.api.environment?.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
  });
});

describe('docker/docker-compose.cluster.yml', () => {
  const { services } = load('docker/docker-compose.cluster.yml');
  const nodes = ['eventstore1', 'eventstore2', 'eventstore3'].map((name) => services[name]);
  const address = (s: Service) => (s.networks as Record<string, { ipv4_address: string }>).cluster.ipv4_address;

  it('is a three-node cluster whose nodes gossip with each other', () => {
    for (const node of nodes) {
      expect(node.environment?.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(node.environment?.EVENTSTORE_NODE_IP).toBe(address(node));
      const seeds = (node.environment?.EVENTSTORE_GOSSIP_SEED as string).split(',').map((seed) => seed.split(':')[0]);
      expect(seeds.sort()).toEqual(nodes.filter((other) => other !== node).map(address).sort());
    }
  });

  it('lets the API discover the cluster through the alias every node answers to', () => {
    for (const node of nodes) {
      expect((node.networks as Record<string, { aliases: string[] }>).cluster.aliases).toContain('eventstore');
    }
    expect(services.api.environment?.EVENTSTORE_CONNECTION_STRING).toMatch(/^esdb\+discover:\/\/eventstore:2113\?/);
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');

  it('starts the API where `nest build api` writes it (tsc builder: outDir + the path from the repository root)', () => {
    const outDir = (JSON.parse(read('apps/api/tsconfig.app.json')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
    const main = join(outDir.replace(/^(\.\.\/)+/, ''), 'apps/api/src/main.js');
    expect(main).toBe('dist/apps/api/apps/api/src/main.js');
    expect(dockerfile).toContain(`CMD ["node", "${main}"]`);
    expect(dockerfile).toContain(`test -f ${main}`);
  });

  it('runs as a non-root user, checks /health, and ships the lifecycle definitions', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(runtime).toMatch(/^COPY state-machines \.\/state-machines$/m);
    expect(runtime).toMatch(/HOST=0\.0\.0\.0/);
  });
});
