import type { AnyProjection } from '../runner/projection';
import { csiProjection } from './csi/csi.projection';
import { ticketsProjection } from './tickets/tickets.projection';

/** Every projection the projector and the in-process runner keep live (fresh instances: each holds a small cache). */
export const allProjections = (): AnyProjection[] => [ticketsProjection(), csiProjection()];
