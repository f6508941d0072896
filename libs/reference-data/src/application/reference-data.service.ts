import type { CommandOptions, CommandPipeline, CommandResult, DomainEvent } from '@itil/engine';
import type { CatalogItemCommand } from '../catalog-item/catalog-item.decider';
import type { ConfigurationItemCommand } from '../configuration-item/configuration-item.decider';
import type { GroupCommand } from '../group/group.decider';
import type { ReferenceIndex } from '../index/reference-index';
import { REFERENCE_DECIDERS, type ReferenceRecords } from '../reference-deciders';
import { ReferenceInputInvalidError, ReferenceUnusableError } from '../reference-data.errors';
import { idProblem, streamOf, type ReferenceKind } from '../reference-kinds';
import type { ServiceCommand } from '../service/service.decider';
import type { UserCommand } from '../user/user.decider';
import { ReferenceChecks } from './reference-checks';

export interface ReferenceCommands {
  ci: ConfigurationItemCommand;
  group: GroupCommand;
  user: UserCommand;
  service: ServiceCommand;
  'catalog-item': CatalogItemCommand;
}

/**
 * Reference data's use cases: check what a command points at, then run it through the engine's
 * CommandPipeline (load, fold, decide, append with the expected revision, retry on conflict) and
 * tell the index what was written. Holds no rule of a record: those are in the deciders.
 */
export class ReferenceDataService {
  constructor(
    private readonly pipeline: CommandPipeline,
    readonly index: ReferenceIndex,
  ) {}

  async execute<K extends ReferenceKind>(kind: K, command: ReferenceCommands[K], options: CommandOptions = {}): Promise<CommandResult<ReferenceRecords[K] | null, DomainEvent>> {
    const data = command.data as unknown as Record<string, unknown>;
    const bad = idProblem(kind, data?.id);
    if (bad) throw new ReferenceInputInvalidError([{ path: '$.id', message: bad }]);
    const issues = await this.referencesOf(kind, command).result();
    if (issues.length > 0) throw new ReferenceUnusableError(issues);
    const decider = REFERENCE_DECIDERS[kind] as never;
    const result = await this.pipeline.run(decider, streamOf(kind, data.id as string), command as never, options);
    await this.index.applyWritten(result.events);
    return result as CommandResult<ReferenceRecords[K] | null, DomainEvent>;
  }

  /** Stream of one record, oldest first, with envelopes: who changed what, and when. */
  history(kind: ReferenceKind, id: string) {
    return this.pipeline.load(streamOf(kind, id));
  }

  private referencesOf(kind: ReferenceKind, command: ReferenceCommands[ReferenceKind]): ReferenceChecks {
    const checks = new ReferenceChecks(this.index);
    const d = command.data as unknown as Record<string, unknown>;
    switch (command.type) {
      case 'RegisterConfigurationItem':
      case 'UpdateConfigurationItem':
        // A CI may point at a service that is still in the pipeline, but not at a retired one.
        return d.owningService === null ? checks : checks.unretiredService('$.owningService', d.owningService);
      case 'AddGroupMember':
        return checks.activeUser('$.userId', d.userId);
      case 'RegisterService':
      case 'UpdateService':
        return checks.activeUser('$.owner', d.owner).expect('$.supportGroup', 'group', d.supportGroup);
      case 'DefineCatalogItem':
      case 'UpdateCatalogItem':
        return this.catalogItemReferences(checks, d);
      default:
        void kind;
        return checks;
    }
  }

  private catalogItemReferences(checks: ReferenceChecks, d: Record<string, unknown>): ReferenceChecks {
    // A request item belongs to a live (or planned) service and one of its offerings.
    checks.unretiredService('$.service', d.service);
    if (typeof d.offering === 'string') {
      // On an update the service is the item's own.
      checks.when('$.offering', async () => {
        const serviceId = typeof d.service === 'string' ? d.service : (await this.index.get('catalog-item', String(d.id), { fresh: true }))?.service;
        const service = serviceId === undefined ? undefined : await this.index.get('service', serviceId, { fresh: true });
        if (!service) return undefined; // reported at $.service (or the item is unknown: the decider says so)
        return service.offerings.some((o) => o.id === d.offering) ? undefined : `service '${service.id}' has no offering '${String(d.offering)}'`;
      });
    }
    if (d.fulfilmentGroup !== null) checks.expect('$.fulfilmentGroup', 'group', d.fulfilmentGroup);
    const rule = d.approval as { kind?: string; user?: unknown; group?: unknown } | undefined;
    if (rule?.kind === 'user') checks.activeUser('$.approval.user', rule.user);
    if (rule?.kind === 'group') checks.expect('$.approval.group', 'group', rule.group);
    return checks;
  }
}
