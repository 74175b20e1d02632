import { INestApplication, Logger } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, CallToolResult, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AuthService } from '../auth/auth.service';
import { LOCAL_PRINCIPAL, Principal, roleAllows } from '../auth/roles';
import { buildTools, errorBody, McpTool, openApiDocument } from './mcp-tools';

/** Why the MCP server will not start (no valid key while keys exist): the CLI prints it and exits 1. */
export class McpAuthError extends Error {}

/**
 * Who the session runs as: the key in CHIPGUARD_API_KEY; without one, the local admin of local mode (no key has
 * ever been created: the same rule as a request from this machine). Anything else refuses to start.
 */
export async function sessionPrincipal(auth: AuthService, key: string | undefined): Promise<Principal> {
  if (key) {
    const principal = await auth.authenticateKey(key.trim());
    if (!principal) throw new McpAuthError('CHIPGUARD_API_KEY is not an active API key (unknown or revoked)');
    return principal;
  }
  if (await auth.localMode()) return LOCAL_PRINCIPAL;
  throw new McpAuthError('API keys exist: set CHIPGUARD_API_KEY to the key this MCP session runs under (npx chipguard keys create --name … --role screener)');
}

export interface McpSession {
  server: Server;
  principal: Principal;
  tools: McpTool[];
}

/**
 * The MCP server over an app: tools/list shows the tools the session's role may use; tools/call runs one under that
 * role (re-checked on every call, so a key revoked meanwhile stops working) and answers with the HTTP route's
 * response body. A bad input is a tool error with the same field errors as the route's 400.
 */
export async function createMcpSession(app: INestApplication, key: string | undefined, version: string): Promise<McpSession> {
  const auth = app.get(AuthService);
  const principal = await sessionPrincipal(auth, key);
  const tools = buildTools(openApiDocument(app));
  const logger = new Logger('mcp');
  const server = new Server({ name: 'chipguard', version }, { capabilities: { tools: {} } });

  const current = async (): Promise<Principal | null> =>
    principal.via === 'local' ? ((await auth.localMode()) ? principal : null) : auth.authenticateKey(key!.trim());

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const who = await current();
    return {
      tools: tools
        .filter((t) => who && roleAllows(who.role, t.roles))
        .map((t) => ({ name: t.name, description: `${t.description} (${t.route}; roles: ${t.roles.join(', ')})`, inputSchema: t.inputSchema })),
    };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = tools.find((t) => t.name === request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool ${request.params.name}`);
    const who = await current();
    const refuse = (statusCode: number, message: string): CallToolResult => ({
      isError: true,
      content: [{ type: 'text', text: JSON.stringify({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message: [message] }) }],
    });
    if (!who) return refuse(401, 'the session key is no longer active (revoked); start the MCP server with a valid CHIPGUARD_API_KEY');
    if (!roleAllows(who.role, tool.roles))
      return refuse(403, `role "${who.role}" may not use ${tool.name} (${tool.route}); it needs ${tool.roles.join(' or ')}`);
    try {
      const result = await tool.call(app, request.params.arguments);
      const text = typeof result === 'string' ? result : JSON.stringify(result);
      logger.log({ message: 'mcp tool call', tool: tool.name, by: who.name, role: who.role, outcome: 'ok' });
      return { content: [{ type: 'text', text }], structuredContent: (typeof result === 'string' ? JSON.parse(result) : result) as Record<string, unknown> };
    } catch (e) {
      const body = errorBody(e);
      if (body.statusCode >= 500) logger.error(e instanceof Error ? e : String(e));
      logger.log({ message: 'mcp tool call', tool: tool.name, by: who.name, role: who.role, outcome: body.statusCode });
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
    }
  });
  return { server, principal, tools };
}

/** `chipguard mcp`: serves the tools over stdio until the client closes stdin (or SIGINT / SIGTERM). */
export async function serveMcp(app: INestApplication, version: string, transport: Transport = new StdioServerTransport()): Promise<void> {
  const session = await createMcpSession(app, process.env.CHIPGUARD_API_KEY || undefined, version);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= session.server.close().catch(() => undefined));
  await new Promise<void>((resolve, reject) => {
    session.server.onclose = () => void close().then(resolve, reject);
    process.stdin.once('end', () => void close().then(resolve, reject));
    process.once('SIGINT', () => void close().then(resolve, reject));
    process.once('SIGTERM', () => void close().then(resolve, reject));
    session.server.connect(transport).then(() => {
      new Logger('mcp').log({ message: 'chipguard MCP server ready (stdio)', by: session.principal.name, role: session.principal.role });
    }, reject);
  });
}
