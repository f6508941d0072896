import { CommandPipeline, creationId, type Clock, type CommandOptions, type CommandResult, type IdGenerator } from '@itil/engine';
import { readAllPages, type EventStore, type Position, type RecordedEvent } from '@itil/event-store';
import { ImprovementInputInvalidError, ImprovementReferenceError, UnknownInitiativeError, type InputIssue } from '../improvement.errors';
import { initiativeDecider, type ImprovementCommand } from '../initiative/initiative.decider';
import { checkOwnerChange, checkRegistration, DEFAULT_WINDOW_DAYS } from '../initiative/initiative-input';
import { IMPROVEMENT_EVENT_TYPES, INITIATIVE_ID, initiativeIdOf, initiativeStream, type ImprovementEvent } from '../initiative/initiative.events';
import { evolveInitiative, type Initiative, type InitiativeStatus } from '../initiative/initiative.state';
import type { CsiReportPort } from '../measure/csi-report.port';
import { dayOf, measureAt, type MeasureSpec } from '../measure/measure';
import { progressOf, type Progress, type Standing } from '../progress/progress';

/** What the register asks of reference data: a problem with the id, or undefined when usable. */
export interface ImprovementDirectory {
  service(id: string): Promise<string | undefined>;
  user(id: string): Promise<string | undefined>;
}

export interface ImprovementRegisterDeps {
  pipeline: CommandPipeline;
  store: EventStore;
  clock: Clock;
  ids: IdGenerator;
  csi: CsiReportPort;
  directory?: ImprovementDirectory;
}

export interface Who {
  actor: string;
  tenant?: string;
}

export interface InitiativeView {
  initiative: Initiative;
  revision: bigint;
  progress: Progress;
}

export interface InitiativeFilter {
  service?: string;
  owner?: string;
  status?: InitiativeStatus;
  standing?: Standing;
}

const specOf = (i: { metric: Initiative['metric']; service: string; windowDays: number }): MeasureSpec => ({ metric: i.metric, service: i.service, windowDays: i.windowDays });

/**
 * The CSI improvement register's use cases. Each command goes through the engine's pipeline
 * (load, fold, decide, append with the expected revision, idempotency keys); the figures it needs
 * (the baseline, the figure at closing) are measured here, from the CSI read model, before the
 * decider runs, and recorded in the event. Progress is never stored: it is read from the same
 * metric, over the same window, each time an initiative is read.
 */
export class ImprovementRegister {
  private readonly known = new Map<string, { state: Initiative | null; revision: bigint }>();
  private position: Position | undefined;

  constructor(private readonly deps: ImprovementRegisterDeps) {}

  async register(input: unknown, who: Who, options: CommandOptions = {}): Promise<CommandResult<Initiative | null, ImprovementEvent>> {
    const now = this.deps.clock.now();
    // Bad input is refused before anything is measured (the decider checks it again, as it must).
    const d = checkRegistration(input, now);
    await this.checkReferences([
      ['$.service', () => this.deps.directory?.service(d.service)],
      ['$.owner', () => this.deps.directory?.user(d.owner)],
    ]);
    const id = options.idempotencyKey ? creationId('improvement', options.idempotencyKey, who) : this.deps.ids.next();
    const measured = await measureAt(this.deps.csi, specOf({ ...d, windowDays: d.windowDays ?? DEFAULT_WINDOW_DAYS }), d.baselineAt, now);
    return this.run(id, { type: 'RegisterImprovementInitiative', data: { id, input }, measured, metadata: { now, ...who } }, options);
  }

  async reviseTarget(id: string, input: unknown, who: Who, options: CommandOptions = {}) {
    await this.existing(id);
    return this.run(id, { type: 'ReviseImprovementTarget', data: { id, input }, metadata: { now: this.deps.clock.now(), ...who } }, options);
  }

  async changeOwner(id: string, input: unknown, who: Who, options: CommandOptions = {}) {
    const s = await this.existing(id);
    if (s.status === 'open') {
      const d = checkOwnerChange(input);
      await this.checkReferences([['$.owner', () => this.deps.directory?.user(d.owner)]]);
    }
    return this.run(id, { type: 'ChangeImprovementOwner', data: { id, input }, metadata: { now: this.deps.clock.now(), ...who } }, options);
  }

  /** Closing records the figure measured now, so "achieved" is the metric's word, not the owner's. */
  async close(id: string, input: unknown, who: Who, options: CommandOptions = {}) {
    const s = await this.existing(id);
    const now = this.deps.clock.now();
    // A closed one is refused (409) or, under the same key, replayed: nothing to measure.
    const measured = s.final ? { ...s.final, definition: s.definition } : await measureAt(this.deps.csi, specOf(s), dayOf(now), now);
    return this.run(id, { type: 'CloseImprovementInitiative', data: { id, input }, measured, metadata: { now, ...who } }, options);
  }

  /** One initiative with its progress: read live while open, as recorded once closed. */
  async get(id: string): Promise<InitiativeView> {
    const { state, revision } = await this.read(id);
    if (!state) throw new UnknownInitiativeError(id);
    return { initiative: state, revision, progress: await this.progress(state) };
  }

  async progress(initiative: Initiative): Promise<Progress> {
    const now = this.deps.clock.now();
    if (initiative.final) return progressOf(initiative, initiative.final, dayOf(now));
    const { definition: _definition, ...current } = await measureAt(this.deps.csi, specOf(initiative), dayOf(now), now);
    return progressOf(initiative, current, dayOf(now));
  }

  /** Its events as stored, oldest first (an audit of who changed what). */
  async history(id: string): Promise<RecordedEvent[]> {
    checkId(id);
    const events = await this.deps.pipeline.load(initiativeStream(id));
    if (events.length === 0) throw new UnknownInitiativeError(id);
    return events;
  }

  /** The register, oldest registration first, each with its progress (standing is computed, so it filters last). */
  async list(filter: InitiativeFilter = {}): Promise<InitiativeView[]> {
    await this.refresh();
    const matching = [...this.known.values()]
      .filter((e): e is { state: Initiative; revision: bigint } => e.state !== null)
      .filter(({ state: s }) => (filter.service === undefined || s.service === filter.service) && (filter.owner === undefined || s.owner === filter.owner) && (filter.status === undefined || s.status === filter.status))
      .sort((a, b) => a.state.registeredAt.localeCompare(b.state.registeredAt) || a.state.id.localeCompare(b.state.id));
    const views = await Promise.all(matching.map(async ({ state, revision }) => ({ initiative: state, revision, progress: await this.progress(state) })));
    return views.filter((v) => filter.standing === undefined || v.progress.standing === filter.standing);
  }

  /** Brings the in-memory register up to date with `$all` (only what is new since the last call). */
  private async refresh(): Promise<void> {
    for await (const page of readAllPages(this.deps.store, { filter: { eventTypes: IMPROVEMENT_EVENT_TYPES }, fromPosition: this.position })) {
      for (const e of page) {
        this.position = e.position;
        if (!initiativeIdOf(e.streamId)) continue;
        const entry = this.known.get(e.streamId) ?? { state: null, revision: -1n };
        if (e.revision <= entry.revision) continue;
        this.known.set(e.streamId, { state: evolveInitiative(entry.state, { type: e.type, data: e.data } as ImprovementEvent), revision: e.revision });
      }
    }
  }

  private async read(id: string): Promise<{ state: Initiative | null; revision: bigint }> {
    checkId(id);
    return this.deps.pipeline.readState(initiativeDecider, initiativeStream(id));
  }

  private async existing(id: string): Promise<Initiative> {
    const { state } = await this.read(id);
    if (!state) throw new UnknownInitiativeError(id);
    return state;
  }

  private run(id: string, command: ImprovementCommand, options: CommandOptions) {
    return this.deps.pipeline.run(initiativeDecider, initiativeStream(id), command, options);
  }

  private async checkReferences(checks: [string, () => Promise<string | undefined> | undefined][]): Promise<void> {
    const issues: InputIssue[] = [];
    for (const [path, check] of checks) {
      const problem = await check();
      if (problem) issues.push({ path, message: problem });
    }
    if (issues.length > 0) throw new ImprovementReferenceError(issues);
  }
}

/** A path id no initiative can have is a 400, before it reaches a stream name. */
function checkId(id: string): void {
  if (!INITIATIVE_ID.test(id)) throw new ImprovementInputInvalidError([{ path: '$.id', message: 'must be a lower-case UUID' }]);
}
