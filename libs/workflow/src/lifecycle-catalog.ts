import { createHash } from 'node:crypto';
import { canonicalJson } from '@itil/engine';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardRegistry } from './guard-registry';
import { Lifecycle } from './lifecycle';
import type { LifecycleVersion, MachineConfigJson } from './lifecycle-definition';
import { UnknownLifecycleError } from './workflow.errors';

export const contentHashOf = (config: MachineConfigJson): string =>
  `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;

/** Reads every `*.json` machine definition in a directory (default `<cwd>/state-machines`). */
export function readMachineFiles(directory: string): MachineConfigJson[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as MachineConfigJson);
}

/**
 * Every known version of every lifecycle. Tickets look up the exact version they are pinned to;
 * new tickets take the latest.
 */
export class LifecycleCatalog {
  private readonly versions = new Map<string, Map<number, Lifecycle>>();

  constructor(private readonly guards: GuardRegistry) {}

  add(version: LifecycleVersion): Lifecycle {
    const lifecycle = new Lifecycle(version, this.guards);
    const byVersion = this.versions.get(version.machineId) ?? new Map<number, Lifecycle>();
    byVersion.set(version.version, lifecycle);
    this.versions.set(version.machineId, byVersion);
    return lifecycle;
  }

  /** Seeds version 1 of each definition (until versions are published as events). */
  static fromConfigs(configs: MachineConfigJson[], guards: GuardRegistry): LifecycleCatalog {
    const catalog = new LifecycleCatalog(guards);
    for (const config of configs) catalog.add({ machineId: config.id, version: 1, contentHash: contentHashOf(config), config });
    return catalog;
  }

  get(machineId: string, version: number): Lifecycle {
    const lifecycle = this.versions.get(machineId)?.get(version);
    if (!lifecycle) throw new UnknownLifecycleError(machineId, version);
    return lifecycle;
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
}

/** Injection token of the catalog the engine runs with. */
export const LIFECYCLE_CATALOG = Symbol('LIFECYCLE_CATALOG');
