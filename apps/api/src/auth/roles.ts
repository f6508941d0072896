import { SetMetadata } from '@nestjs/common';

/**
 * The roles an identity may hold. Every endpoint declares the roles it needs with `@Roles(...)`
 * (any one of them suffices); the guard in this folder enforces it. `admin` passes every check.
 */
export const ROLES = ['agent', 'resolver', 'change-manager', 'cab-member', 'process-owner', 'auditor', 'reporter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may read a ticket and its history (commands need more). */
export const READ_TICKETS: Role[] = ['agent', 'resolver', 'change-manager', 'cab-member', 'process-owner', 'auditor'];
/** Roles that may read read models (queues, lists, reports). */
export const READ_MODELS: Role[] = [...READ_TICKETS, 'reporter'];
/** Roles that may work tickets (open, move, update, comment, log work, link). */
export const WORK_TICKETS: Role[] = ['agent', 'resolver', 'change-manager'];

export const ROLES_KEY = 'itil:roles';
export const PUBLIC_KEY = 'itil:public';

export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No identity needed (health, the OpenAPI document). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
