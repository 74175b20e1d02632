/**
 * The MCP server (`chipguard mcp`), driven by the MCP SDK's own client: in memory against the real app on a real
 * SQLite file (with the real Entity List file), and once as a spawned `chipguard mcp` over stdio.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'fs';
import { join, resolve } from 'path';
import request from 'supertest';
import { AuthService } from '../src/auth/auth.service';
import { createMcpSession, McpAuthError } from '../src/mcp/mcp-server';
import { importSharedLists, runCliProcess, startTestApp, TestApp } from './helpers';

const ROOT = resolve(__dirname, '..');
const ORDER = JSON.parse(readFileSync(join(ROOT, 'data/examples/order.json'), 'utf8')) as Record<string, unknown>;
const CLOUD_CUSTOMER = JSON.parse(readFileSync(join(ROOT, 'data/examples/cloud-customer.json'), 'utf8')) as Record<string, unknown>;
const TOOL_NAMES = ['classify_item', 'get_decision', 'screen_order', 'screen_party', 'vet_cloud_customer'];

/** A client connected in memory to an MCP session on the test app, running under `key` (none: local mode). */
async function connect(t: TestApp, key?: string): Promise<Client> {
  const { server } = await createMcpSession(t.app, key, 'test');
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'chipguard-e2e', version: '1' });
  await client.connect(clientSide);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ isError: boolean; body: Record<string, unknown>; text: string }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  const text = first?.type === 'text' ? first.text : '';
  return { isError: result.isError === true, body: JSON.parse(text) as Record<string, unknown>, text };
}

/** The OpenAPI components, nested DTO references rewritten as the tool schemas write them. */
function asToolSchema(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).split('"#/components/schemas/').join('"#/$defs/'));
}

describe('MCP server', () => {
  let t: TestApp;
  let openapi: {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' });
    await importSharedLists(t, [{ format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] }]);
    openapi = (await request(t.http).get('/docs-json').expect(200)).body;
  });
  afterAll(async () => t?.close());

  describe('in local mode (no key exists yet): the local admin', () => {
    let client: Client;
    beforeAll(async () => {
      client = await connect(t);
    });
    afterAll(async () => client?.close());

    it('lists the five tools, each with the input schema of its HTTP route in the OpenAPI document', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((x) => x.name).sort()).toEqual(TOOL_NAMES);
      const bodies: Record<string, [string, string]> = {
        screen_party: ['/v1/parties/screen', 'ScreenPartyDto'],
        classify_item: ['/v1/items/classify', 'ClassifyRequestDto'],
        screen_order: ['/v1/transactions/screen', 'TransactionRequestDto'],
        vet_cloud_customer: ['/v1/cloud/customers/screen', 'CloudCustomerRequestDto'],
      };
      for (const [name, [path, dto]] of Object.entries(bodies)) {
        const tool = tools.find((x) => x.name === name)!;
        expect(openapi.paths[path].post.requestBody!.content['application/json'].schema.$ref).toBe(`#/components/schemas/${dto}`);
        const { $defs, ...root } = tool.inputSchema as Record<string, unknown> & { $defs?: Record<string, unknown> };
        expect(root).toEqual(asToolSchema(openapi.components.schemas[dto]));
        // every nested DTO it refers to is carried along, as the document has it
        for (const ref of JSON.stringify(tool.inputSchema).match(/#\/\$defs\/\w+/g) ?? []) {
          const def = ref.slice('#/$defs/'.length);
          expect($defs?.[def]).toEqual(asToolSchema(openapi.components.schemas[def]));
        }
      }
      const order = tools.find((x) => x.name === 'screen_order')!.inputSchema as { properties: Record<string, unknown>; required: string[] };
      expect(order.required).toEqual(expect.arrayContaining(['buyer', 'items']));
      const getDecision = tools.find((x) => x.name === 'get_decision')!;
      expect(getDecision.inputSchema).toEqual({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
    });

    it('screen_order decides the example order, stores it before answering, and get_decision returns it as GET /v1/decisions/:id does', async () => {
      const before = (await request(t.http).get('/v1/decisions').expect(200)).body.items.length as number;
      const { isError, body, text } = await call(client, 'screen_order', ORDER);
      expect(isError).toBe(false);
      expect(body.decision).toBe('review');
      expect(typeof body.id).toBe('string');
      const stored = (
        await request(t.http)
          .get(`/v1/decisions/${String(body.id)}`)
          .expect(200)
      ).body;
      expect((await request(t.http).get('/v1/decisions').expect(200)).body.items.length).toBe(before + 1);
      // the answer is the stored response text, byte for byte
      const { request: storedRequest, status, dispositions, seq, hash, prevHash, ...storedResponse } = stored;
      expect(JSON.parse(text)).toEqual(storedResponse);
      expect([storedRequest.buyer.name, status, dispositions, typeof seq, typeof hash, typeof prevHash]).toEqual([
        (ORDER.buyer as { name: string }).name,
        'open',
        [],
        'number',
        'string',
        'string',
      ]);
      const fetched = await call(client, 'get_decision', { id: body.id });
      expect(fetched.isError).toBe(false);
      expect(fetched.body).toEqual(stored);
    });

    it('screen_party matches a listed party of the real Entity List file, as POST /v1/parties/screen does', async () => {
      const party = { name: 'Inspur Electronic Information Industry Co., Ltd.', country: 'CN' };
      const viaMcp = await call(client, 'screen_party', party);
      const viaHttp = (await request(t.http).post('/v1/parties/screen').send(party).expect(200)).body;
      expect(viaMcp.isError).toBe(false);
      expect(viaMcp.body.status).toBe('match');
      expect(viaMcp.body).toEqual(viaHttp);
    });

    it('classify_item and vet_cloud_customer answer as their routes do', async () => {
      const classified = await call(client, 'classify_item', { items: [{ model: 'H100 SXM5', quantity: 1 }], destination: 'CN' });
      expect(classified.isError).toBe(false);
      expect((classified.body.items as { eccn: string }[])[0].eccn).toBe('3A090.a');
      const vetted = await call(client, 'vet_cloud_customer', CLOUD_CUSTOMER);
      expect(vetted.isError).toBe(false);
      expect(['allow', 'review', 'deny']).toContain(vetted.body.decision);
      const stored = (
        await request(t.http)
          .get(`/v1/decisions/${String(vetted.body.id)}`)
          .expect(200)
      ).body;
      expect(stored.decision).toBe(vetted.body.decision);
    });

    it('a bad input is a tool error with the same field errors as the route 400; nothing is stored', async () => {
      const before = (await request(t.http).get('/v1/decisions').expect(200)).body.items.length as number;
      const bad = { buyer: { name: 7 }, items: [], extra: true };
      const viaMcp = await call(client, 'screen_order', bad);
      const viaHttp = (await request(t.http).post('/v1/transactions/screen').send(bad).expect(400)).body;
      expect(viaMcp.isError).toBe(true);
      expect(viaMcp.body.statusCode).toBe(400);
      expect(viaMcp.body.message).toEqual(viaHttp.message);
      // a prototype-named key is refused as on HTTP (body safety)
      const proto = await call(client, 'screen_party', { name: 'x', constructor: { admin: true } });
      expect([proto.isError, proto.body.statusCode]).toEqual([true, 400]);
      const missing = await call(client, 'get_decision', { id: 'no-such-decision' });
      expect([missing.isError, missing.body.statusCode]).toEqual([true, 404]);
      const noId = await call(client, 'get_decision', {});
      expect([noId.isError, noId.body.statusCode, noId.body.message]).toEqual([true, 400, ['id must be a string of 1 to 256 characters']]);
      expect((await request(t.http).get('/v1/decisions').expect(200)).body.items.length).toBe(before);
    });
  });

  describe('with keys: the session runs under the key in CHIPGUARD_API_KEY', () => {
    let screenerKey: string;
    let auditorKey: string;
    beforeAll(async () => {
      const auth = t.app.get(AuthService);
      screenerKey = (await auth.createKey('MCP Screener', 'screener', 'test')).key;
      auditorKey = (await auth.createKey('MCP Auditor', 'auditor', 'test')).key;
    });

    it('refuses to start without a key, or with an unknown one, once keys exist', async () => {
      await expect(createMcpSession(t.app, undefined, 'test')).rejects.toThrow(McpAuthError);
      await expect(createMcpSession(t.app, 'x'.repeat(64), 'test')).rejects.toThrow(/not an active API key/);
    });

    it('a screener may screen but not read stored decisions; an auditor may only read them', async () => {
      const screener = await connect(t, screenerKey);
      expect((await screener.listTools()).tools.map((x) => x.name).sort()).toEqual(['classify_item', 'screen_order', 'screen_party', 'vet_cloud_customer']);
      const decided = await call(screener, 'screen_order', ORDER);
      expect([decided.isError, decided.body.decision]).toEqual([false, 'review']);
      const refused = await call(screener, 'get_decision', { id: decided.body.id });
      expect([refused.isError, refused.body.statusCode]).toEqual([true, 403]);

      const auditor = await connect(t, auditorKey);
      expect((await auditor.listTools()).tools.map((x) => x.name)).toEqual(['get_decision']);
      expect((await call(auditor, 'get_decision', { id: decided.body.id })).body.id).toBe(decided.body.id);
      const before = (await request(t.http).get('/v1/decisions').set('x-api-key', auditorKey).expect(200)).body.items.length as number;
      const notAllowed = await call(auditor, 'screen_order', ORDER);
      expect([notAllowed.isError, notAllowed.body.statusCode]).toEqual([true, 403]);
      expect((await request(t.http).get('/v1/decisions').set('x-api-key', auditorKey).expect(200)).body.items.length).toBe(before);
      await auditor.close();

      // a key revoked during the session stops working at the next call
      await t.app.get(AuthService).revokeKey('MCP Screener', 'test');
      const revoked = await call(screener, 'classify_item', { items: [{ model: 'H100 SXM5', quantity: 1 }], destination: 'CN' });
      expect([revoked.isError, revoked.body.statusCode]).toEqual([true, 401]);
      await screener.close();
    });

    it('`chipguard mcp` over stdio: a spawned server answers the SDK client; a bad key makes it exit 1', async () => {
      const key = (await t.app.get(AuthService).createKey('MCP Stdio', 'screener', 'test')).key;
      const env = { ...process.env, DATABASE_URL: `sqlite:${t.dbFile}`, CHIPGUARD_API_KEY: key, LOG_LEVEL: 'error', LIST_MAX_AGE_DAYS: '36500' } as Record<
        string,
        string
      >;
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['-r', './test/bench/register-ts.js', 'src/cli.ts', 'mcp'],
        cwd: ROOT,
        env,
        stderr: 'pipe',
      });
      const client = new Client({ name: 'chipguard-e2e-stdio', version: '1' });
      await client.connect(transport);
      try {
        expect((await client.listTools()).tools.map((x) => x.name).sort()).toEqual(['classify_item', 'screen_order', 'screen_party', 'vet_cloud_customer']);
        const decided = await call(client, 'screen_order', ORDER);
        expect([decided.isError, decided.body.decision]).toEqual([false, 'review']);
        // stored in the same database the HTTP service reads
        expect(
          (
            await request(t.http)
              .get(`/v1/decisions/${String(decided.body.id)}`)
              .set('x-api-key', auditorKey)
              .expect(200)
          ).body.id,
        ).toBe(decided.body.id);
      } finally {
        await client.close();
      }
      const refused = await runCliProcess(['mcp'], { DATABASE_URL: `sqlite:${t.dbFile}`, CHIPGUARD_API_KEY: 'y'.repeat(64) });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/CHIPGUARD_API_KEY is not an active API key/);
    });
  });
});
