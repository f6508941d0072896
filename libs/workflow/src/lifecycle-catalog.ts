import { createHash } from 'node:crypto';
import { canonicalJson } from '@itil/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardRegistry } from './guard-registry';
import { Lifecycle } from './lifecycle';
import type { LifecycleVersion, MachineConfigJson } from './lifecycle-definition';
import { LifecycleVersionUnusableError, PinnedLifecycleMissingError, UnknownLifecycleError } from './workflow.errors';

export const contentHashOf = (config: MachineConfigJson): string =>
  `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;

/** Reads every `*.json` machine definition in a directory (default `<cwd>/state-machines`). */
export function readMachineFiles(directory: string): MachineConfigJson[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as MachineConfigJson);
}

/** Every published version of one lifecycle, read from where versions are kept (the event store). */
export type LifecycleSource = (machineId: string) => Promise<LifecycleVersion[]>;

/** A published version this build cannot run (e.g. it names a guard this build lacks). */
export interface UnusableVersion {
  machineId: string;
  version: number;
  reason: string;
}

/**
 * Every known version of every lifecycle. Tickets look up the exact version they are pinned to;
 * new tickets take the latest. A version published elsewhere (another instance, the CLI) may not
 * have reached this catalog yet: `resolve` loads it from the source before answering.
 */
export class LifecycleCatalog {
  private readonly versions = new Map<string, Map<number, Lifecycle>>();
  private readonly unusable = new Map<string, UnusableVersion>();
  /** One load per machine at a time: concurrent misses share it. */
  private readonly loading = new Map<string, Promise<void>>();
  private source?: LifecycleSource;

  constructor(private readonly guards: GuardRegistry) {}

  /** Where `resolve` looks for versions this catalog has not been given (set once at start). */
  loadMissingFrom(source: LifecycleSource): this {
    this.source = source;
    return this;
  }

  /** Adds a version; throws when this build cannot run it (use `offer` to record that instead). */
  add(version: LifecycleVersion): Lifecycle {
    const lifecycle = new Lifecycle(version, this.guards);
    const byVersion = this.versions.get(version.machineId) ?? new Map<number, Lifecycle>();
    byVersion.set(version.version, lifecycle);
    this.versions.set(version.machineId, byVersion);
    this.unusable.delete(keyOf(version.machineId, version.version));
    return lifecycle;
  }

  /**
   * Adds a version, or records it as unusable with the reason when this build cannot run it: a
   * version published by a newer build must not stop this one from running the versions it can.
   */
  offer(version: LifecycleVersion): { lifecycle: Lifecycle } | { unusable: UnusableVersion } {
    const known = this.versions.get(version.machineId)?.get(version.version);
    if (known) return { lifecycle: known };
    try {
      return { lifecycle: this.add(version) };
    } catch (error) {
      const unusable = { machineId: version.machineId, version: version.version, reason: error instanceof Error ? error.message : String(error) };
      this.unusable.set(keyOf(version.machineId, version.version), unusable);
      return { unusable };
    }
  }

  /** Seeds version 1 of each definition (until versions are published as events). */
  static fromConfigs(configs: MachineConfigJson[], guards: GuardRegistry): LifecycleCatalog {
    const catalog = new LifecycleCatalog(guards);
    for (const config of configs) catalog.add({ machineId: config.id, version: 1, contentHash: contentHashOf(config), config });
    return catalog;
  }

  /** The version a ticket is pinned to, from memory (synchronous: deciders call it). */
  get(machineId: string, version: number): Lifecycle {
    const lifecycle = this.versions.get(machineId)?.get(version);
    if (lifecycle) return lifecycle;
    const unusable = this.unusable.get(keyOf(machineId, version));
    if (unusable) throw new LifecycleVersionUnusableError(machineId, version, unusable.reason);
    throw new UnknownLifecycleError(machineId, version);
  }

  /**
   * The version a ticket is pinned to, loaded from the source when this catalog has not received
   * it yet (published elsewhere a moment ago). The one function to call before deciding or
   * answering about a stored ticket. A version the store does not have either is a server fault
   * (PinnedLifecycleMissingError), never the client's.
   */
  async resolve(machineId: string, version: number): Promise<Lifecycle> {
    if (!this.has(machineId, version) && this.source && !this.unusable.has(keyOf(machineId, version))) await this.load(machineId);
    try {
      return this.get(machineId, version);
    } catch (error) {
      if (error instanceof UnknownLifecycleError) throw new PinnedLifecycleMissingError(machineId, version);
      throw error;
    }
  }

  /**
   * Runs an operation whose decider looks versions up synchronously (`get`): on a miss, resolves
   * the missing version and runs it once more. Nothing was written by the failed run, since
   * deciding comes before appending.
   */
  async resolving<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UnknownLifecycleError) || error.version === undefined) throw error;
      await this.resolve(error.machineId, error.version);
      return run();
    }
  }

  has(machineId: string, version: number): boolean {
    return this.versions.get(machineId)?.has(version) ?? false;
  }

  latest(machineId: string): Lifecycle {
    const byVersion = this.versions.get(machineId);
    if (!byVersion || byVersion.size === 0) throw new UnknownLifecycleError(machineId);
    return byVersion.get(Math.max(...byVersion.keys()))!;
  }

  machineIds(): string[] {
    return [...this.versions.keys()].sort();
  }

  /** Published versions this build cannot run, with the reason (reported on /health). */
  unusableVersions(): UnusableVersion[] {
    return [...this.unusable.values()].sort((a, b) => a.machineId.localeCompare(b.machineId) || a.version - b.version);
  }

  private load(machineId: string): Promise<void> {
    const pending = this.loading.get(machineId);
    if (pending) return pending;
    const load = this.source!(machineId)
      .then((versions) => {
        for (const version of versions) this.offer(version);
      })
      .finally(() => this.loading.delete(machineId));
    this.loading.set(machineId, load);
    return load;
  }
}

const keyOf = (machineId: string, version: number) => `${machineId}@${version}`;

/** Injection token of the catalog the engine runs with. */
export const LIFECYCLE_CATALOG = Symbol('LIFECYCLE_CATALOG');
