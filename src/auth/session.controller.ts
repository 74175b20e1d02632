import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import { CSRF_COOKIE, SESSION_COOKIE } from './authenticate';
import { parseCookies } from './request-origin';
import { ALL_ROLES, Principal } from './roles';
import { CurrentPrincipal, Public, Roles } from './roles.decorator';
import { SESSION_RESPONSE, SIGNED_OUT_RESPONSE } from '../common/openapi-responses';

export class LoginDto {
  @ApiProperty({ description: 'an API key (created with `npx chipguard keys create`)' })
  @IsString()
  @Length(1, 256)
  key: string;
}

/** Browser sessions for the web UI: the key is exchanged for an opaque session cookie and a CSRF token. */
@ApiTags('session')
@Controller('v1/session')
export class SessionController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @ApiOkResponse({ schema: SESSION_RESPONSE })
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with an API key: sets cookies cg_session (HttpOnly) and cg_csrf (echo it in X-CSRF-Token)' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const principal = await this.auth.authenticateKey(body.key);
    if (!principal) throw new UnauthorizedException('unknown or revoked API key');
    const { token, csrf, expiresAt } = await this.auth.createSession(principal);
    const common = { path: '/', sameSite: 'strict' as const, secure: req.secure, expires: expiresAt };
    res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
    res.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
    return { name: principal.name, role: principal.role, local: false, expiresAt: expiresAt.toISOString() };
  }

  @Get()
  @ApiOkResponse({ schema: SESSION_RESPONSE })
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Who is signed in: {name, role, local}; 401 when nobody' })
  whoami(@CurrentPrincipal() principal: Principal) {
    return { name: principal.name, role: principal.role, local: principal.via === 'local' };
  }

  @Delete()
  @ApiOkResponse({ schema: SIGNED_OUT_RESPONSE })
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookies' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (token) await this.auth.endSession(token);
    res.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'strict', httpOnly: true });
    res.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict' });
    return { signedOut: true };
  }
}
