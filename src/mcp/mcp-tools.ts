import { BadRequestException, HttpException, HttpStatus, INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { CloudController } from '../cloud/cloud.controller';
import { CloudCustomerRequestDto } from '../cloud/cloud.dto';
import { DecisionsController } from '../decisions/decisions.controller';
import { RulesController } from '../rules/rules.controller';
import { ClassifyRequestDto } from '../rules/rules.dto';
import { ScreeningController } from '../screening/screening.controller';
import { ScreenPartyDto } from '../screening/screening.dto';
import { TransactionRequestDto } from '../transactions/transaction.dto';
import { TransactionsController } from '../transactions/transactions.controller';
import { TransactionsService } from '../transactions/transactions.service';
import { ROLES_KEY } from '../auth/roles.decorator';
import { Role } from '../auth/roles';
import { bodyProblems } from '../common/body-safety';
import { validationPipe } from '../common/http';

/** A tool's input: a JSON Schema object (nested DTOs under `$defs`). */
export type ToolInputSchema = { type: 'object'; properties?: Record<string, unknown>; required?: string[]; $defs?: Record<string, unknown> };

/** What a tool returns: the HTTP route's response body (as JSON text, byte for byte where the route sends stored text). */
type ToolRun = (app: INestApplication, input: Record<string, unknown>) => Promise<unknown>;

/**
 * One MCP tool = one HTTP route. The route's controller method gives the roles (its `@Roles`), the OpenAPI document
 * (the one /docs-json serves, built from the route's DTO) gives the input schema, and the same validation pipe as
 * HTTP checks the input against the same DTO.
 */
interface ToolSpec {
  name: string;
  description: string;
  controller: Type<unknown>;
  handler: string;
  /** the request body's DTO; none: the input is the route's path parameters */
  body?: Type<unknown>;
  run: ToolRun;
}

const TOOL_SPECS: ToolSpec[] = [
  {
    name: 'screen_party',
    description:
      'Screen one party (company or person) against the restricted-party lists (OFAC, BIS Entity List and the rest of the CSL, UN, EU, UK): ' +
      'status clear / potential / match with scored, explained matches and the list versions used.',
    controller: ScreeningController,
    handler: 'screen',
    body: ScreenPartyDto,
    run: async (app, dto) => app.get(ScreeningController).screen(dto as unknown as ScreenPartyDto),
  },
  {
    name: 'classify_item',
    description:
      'Classify accelerators under the US export rules (ECCN 3A090 / 4A090 / .z or not caught: TPP, performance density) and the licence ' +
      'requirement and exceptions for a destination on a date.',
    controller: RulesController,
    handler: 'classify',
    body: ClassifyRequestDto,
    run: async (app, dto) => app.get(RulesController).classify(dto as unknown as ClassifyRequestDto),
  },
  {
    name: 'screen_order',
    description:
      'The allow / review / deny decision for one order of accelerators (classification, licence, restricted-party screening of every party, ' +
      'diversion red flags), every reason coded, explained and cited. The decision is stored (hash-chained) before it is returned.',
    controller: TransactionsController,
    handler: 'screen',
    body: TransactionRequestDto,
    // the HTTP route sends the stored JSON text itself: so does the tool
    run: async (app, dto) => (await app.get(TransactionsService).screenOrderStored(dto as unknown as TransactionRequestDto)).json,
  },
  {
    name: 'vet_cloud_customer',
    description:
      'Vet a customer renting remote GPU / data-centre capacity (headquarters rule, owners, resellers, access countries, training compute): ' +
      'allow / review / deny, stored before it is returned.',
    controller: CloudController,
    handler: 'screen',
    body: CloudCustomerRequestDto,
    run: async (app, dto) => app.get(CloudController).screen(dto as unknown as CloudCustomerRequestDto),
  },
  {
    name: 'get_decision',
    description: 'One stored decision by its id: the response as given, its request, list versions, status, dispositions and hash-chain links.',
    controller: DecisionsController,
    handler: 'get',
    run: async (app, input) => app.get(DecisionsController).get(String(input.id)),
  },
];

export interface McpTool {
  name: string;
  description: string;
  /** the HTTP route it mirrors, e.g. `POST /v1/parties/screen` */
  route: string;
  roles: readonly Role[];
  inputSchema: ToolInputSchema;
  /** validates the input as the HTTP route does (400 with field errors) and runs it */
  call(app: INestApplication, args: unknown): Promise<unknown>;
}

/** The route of a controller method (`POST /v1/...`, path parameters in OpenAPI form `{id}`). */
function routeOf(controller: Type<unknown>, handler: string): { method: string; path: string } {
  const fn = (controller.prototype as Record<string, unknown>)[handler] as object;
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const sub = String(Reflect.getMetadata(PATH_METADATA, fn) ?? '');
  const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod].toLowerCase();
  const path = ('/' + [base, sub].filter((p) => p && p !== '/').join('/')).replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
  return { method, path };
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}

/** The schema components `name` needs, transitively. */
function componentsUsed(doc: OpenAPIObject, name: string, into = new Map<string, unknown>()): Map<string, unknown> {
  if (into.has(name)) return into;
  const schema = doc.components?.schemas?.[name];
  if (!schema) throw new Error(`the OpenAPI document has no schema ${name}`);
  into.set(name, schema);
  JSON.stringify(schema, (key, value: unknown) => {
    const ref = key === '$ref' ? refName(value) : undefined;
    if (ref) componentsUsed(doc, ref, into);
    return value;
  });
  return into;
}

/** The input schema of a route, from the OpenAPI document: its JSON body's DTO, or its path parameters. */
export function routeInputSchema(doc: OpenAPIObject, method: string, path: string, body?: Type<unknown>): ToolInputSchema {
  const op = (doc.paths[path] as Record<string, { requestBody?: unknown; parameters?: unknown[] }> | undefined)?.[method];
  if (!op) throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${path}`);
  const rewrite = <T>(value: T): T => JSON.parse(JSON.stringify(value).split('"#/components/schemas/').join('"#/$defs/')) as T;
  if (body) {
    const ref = refName((op.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> })?.content?.['application/json']?.schema?.$ref);
    if (ref !== body.name) throw new Error(`${method.toUpperCase()} ${path}: its body is ${ref ?? 'not a DTO'}, the tool expects ${body.name}`);
    const used = componentsUsed(doc, ref);
    const root = used.get(ref) as Record<string, unknown>;
    used.delete(ref);
    const schema = { ...rewrite(root), type: 'object' } as ToolInputSchema;
    if (used.size) schema.$defs = rewrite(Object.fromEntries(used));
    return schema;
  }
  const params = ((op.parameters ?? []) as { name: string; in: string; required?: boolean; schema?: object; description?: string }[]).filter(
    (p) => p.in === 'path',
  );
  return {
    type: 'object',
    properties: Object.fromEntries(
      params.map((p) => [p.name, { ...(p.schema ?? { type: 'string' }), ...(p.description ? { description: p.description } : {}) }]),
    ),
    required: params.filter((p) => p.required !== false).map((p) => p.name),
  };
}

/** Path parameters are strings of 1..256 characters (what an HTTP path could carry). */
function pathParams(schema: ToolInputSchema, args: Record<string, unknown>): Record<string, string> {
  const names = Object.keys(schema.properties ?? {});
  const problems: string[] = [];
  for (const key of Object.keys(args)) if (!names.includes(key)) problems.push(`property ${key} should not exist`);
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = args[name];
    if (typeof v !== 'string' || !v.length || v.length > 256) problems.push(`${name} must be a string of 1 to 256 characters`);
    else out[name] = v;
  }
  if (problems.length) throw new BadRequestException(problems);
  return out;
}

/** The OpenAPI document of the app (the same builder as /docs-json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('chipguard').setVersion('1').build());
}

/** The five tools, each bound to its HTTP route's roles, schema and validation. */
export function buildTools(doc: OpenAPIObject): McpTool[] {
  return TOOL_SPECS.map((spec) => {
    const { method, path } = routeOf(spec.controller, spec.handler);
    const roles = Reflect.getMetadata(ROLES_KEY, (spec.controller.prototype as Record<string, object>)[spec.handler]) as Role[] | undefined;
    if (!roles?.length) throw new Error(`${spec.controller.name}.${spec.handler} declares no roles`);
    const inputSchema = routeInputSchema(doc, method, path, spec.body);
    return {
      name: spec.name,
      description: spec.description,
      route: `${method.toUpperCase()} ${path}`,
      roles,
      inputSchema,
      async call(app, args) {
        const input = (args ?? {}) as Record<string, unknown>;
        if (typeof input !== 'object' || Array.isArray(input)) throw new BadRequestException(['the arguments must be a JSON object']);
        const problems = bodyProblems(input);
        if (problems.length) throw new BadRequestException(problems);
        if (!spec.body) return spec.run(app, pathParams(inputSchema, input));
        const dto = (await validationPipe.transform(input, { type: 'body', metatype: spec.body, data: undefined })) as Record<string, unknown>;
        return spec.run(app, dto);
      },
    };
  });
}

/** An error as the HTTP API would put it (status, message list), without a stack. */
export function errorBody(e: unknown): { statusCode: number; error: string; message: string[] } {
  if (e instanceof HttpException) {
    const body = e.getResponse() as string | { message?: unknown; error?: string };
    const message = typeof body === 'string' ? body : body.message;
    return {
      statusCode: e.getStatus(),
      error: (typeof body === 'object' && body.error) || e.name,
      message: Array.isArray(message) ? message.map(String) : [String(message ?? e.message)],
    };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'Internal Server Error', message: ['internal error; nothing was decided'] };
}
