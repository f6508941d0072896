import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

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

/** Also written into the OpenAPI operation (`x-roles`), so clients see it and the role-matrix test finds every endpoint. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));
/** No identity needed (health, metrics, the OpenAPI document). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));
