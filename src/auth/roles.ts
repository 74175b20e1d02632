/**
 * Roles and what each may do (API.md "Access control"). A route declares the roles it serves; a key's role
 * grants itself and the roles it includes: a reviewer has a screener's rights, an admin has everyone's.
 */
export const ROLES = ['screener', 'reviewer', 'list_admin', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every role: for routes any authenticated caller may use (the catalog, the active list versions). */
export const ALL_ROLES: readonly Role[] = ROLES;

const INCLUDES: Record<Role, readonly Role[]> = {
  screener: ['screener'],
  reviewer: ['reviewer', 'screener'],
  list_admin: ['list_admin'],
  auditor: ['auditor'],
  admin: ROLES,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when a caller of `role` may use a route declared for `required` (any one of them suffices). */
export function roleAllows(role: Role, required: readonly Role[]): boolean {
  const granted = INCLUDES[role];
  return required.some((r) => granted.includes(r));
}

/** Who is calling: a key (header), a browser session (cookie), or the local admin of local mode. */
export interface Principal {
  name: string;
  role: Role;
  via: 'key' | 'session' | 'local';
  keyId?: number;
}

export const LOCAL_PRINCIPAL: Principal = Object.freeze({ name: 'local', role: 'admin', via: 'local' }) as Principal;
