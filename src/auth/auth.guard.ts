import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { authenticate } from './authenticate';
import { AuthedRequest, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { Role, roleAllows } from './roles';

/**
 * The global guard: every route declares `@Public()` or `@Roles(...)`; a route without a declaration is
 * refused (fail closed, and the route table test names it). 401 without a valid key, 403 for the wrong role.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = context.switchToHttp().getRequest<Request & AuthedRequest>();
    if (isPublic) {
      // still identify the caller when it can be (a public route may say who is signed in)
      const outcome = await authenticate(req, this.auth);
      if (outcome.ok) req.principal = outcome.principal;
      return true;
    }
    if (!roles?.length) throw new ForbiddenException('this route declares no role: refused');
    const outcome = await authenticate(req, this.auth);
    if (!outcome.ok) {
      if (outcome.status === 401) throw new UnauthorizedException(outcome.message);
      throw new ForbiddenException(outcome.message);
    }
    if (!roleAllows(outcome.principal.role, roles)) {
      throw new ForbiddenException(`role "${outcome.principal.role}" may not ${req.method} ${req.path}; it needs ${roles.join(' or ')}`);
    }
    req.principal = outcome.principal;
    return true;
  }
}
