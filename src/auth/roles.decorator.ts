import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './roles';

export const ROLES_KEY = 'chipguard:roles';
export const PUBLIC_KEY = 'chipguard:public';

/** The roles a route serves (any one suffices; admin always, reviewer includes screener). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call, without a key (health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthedRequest = { principal?: Principal };

/** The authenticated caller of this request (set by the AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().principal;
});
