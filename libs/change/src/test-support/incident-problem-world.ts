import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandPipeline } from '@itil/engine';
import { incidentGuards, incidentProcess } from '@itil/incident';
import { problemGuards, problemProcess } from '@itil/problem';
import { createTicketDecider, type TicketDecider } from '@itil/tickets';
import { LifecycleCatalog, mergeGuards } from '@itil/workflow';
import { problemResolvesIncidents } from '../policies/problem-resolves-incidents.reactor';
import { ticketStreamResolver } from '../policies/ticket-stream-resolver';

const machine = (path: string) => JSON.parse(readFileSync(join(__dirname, '../../../../state-machines', path), 'utf8'));

/** The incident and problem deciders on their version 2 lifecycles, and the policy wired to them. */
export function incidentProblemWorld(pipeline: CommandPipeline) {
  const catalog = LifecycleCatalog.fromConfigs([machine('versions/incident/2.json'), machine('versions/problem/2.json')], mergeGuards(incidentGuards, problemGuards));
  const incident: TicketDecider = createTicketDecider(incidentProcess, catalog);
  const problem: TicketDecider = createTicketDecider(problemProcess, catalog);
  const references = ticketStreamResolver(pipeline, [incident, problem]);
  return { incident, problem, references, reactor: (mode: 'resolve' | 'offer' = 'resolve') => problemResolvesIncidents({ incident, problem, references, mode }) };
}
