import type { ValidationError } from 'class-validator';
import { Command } from 'commander';
import { readFileSync } from 'fs';
import { withAppContext } from '../cli-context';
import { exitCodeFor } from '../cli-exit';
import type { Reason, Severity } from '../common/reason';
import { attributeErrors } from '../common/attributes';
import { subjectLabel } from '../decision';
import type { TransactionRequestDto } from './transaction.dto';
import type { DecisionResponse } from './transactions.service';

/**
 * `chipguard screen-order order.json [--json]` — the body of POST /v1/transactions/screen from a file (or `-`
 * for stdin), validated as the API validates it, decided by the same TransactionsService and stored in the
 * same database (DATABASE_URL). Prints the decision for a person: the outcome first, then the reasons grouped
 * by subject.
 */
export function registerTransactionsCommands(program: Command): void {
  program
    .command('screen-order')
    .description('decide one order (a JSON file shaped like POST /v1/transactions/screen): allow / review / deny with every reason; the decision is stored')
    .argument('<order.json>', 'the request JSON, or - for stdin')
    .option('--json', 'print the full decision as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const body = readJson(file);
      const checked = await validateOrderRequest(body);
      if (!checked.dto) throw new Error(`${file}: invalid order:\n  ${checked.errors.join('\n  ')}`);
      const dto = checked.dto;
      await withAppContext(async (app, config) => {
        const { BadRequestException, HttpException, ServiceUnavailableException } = await import('@nestjs/common');
        const { TransactionsService } = await import('./transactions.service');
        let res: DecisionResponse;
        try {
          res = await app.get(TransactionsService).screenOrder(dto);
        } catch (e) {
          if (e instanceof ServiceUnavailableException) {
            throw new Error(
              `no decision: no restricted-party list is loaded in the database (${config.databaseUrl}). ` +
                'chipguard never decides without lists; import them first (chipguard lists import … or chipguard lists update).',
            );
          }
          if (e instanceof BadRequestException) throw new Error(`${file}: invalid order:\n  ${messagesOf(e).join('\n  ')}`);
          if (e instanceof HttpException) throw new Error(e.message);
          throw e;
        }
        process.stdout.write(opts.json ? JSON.stringify(res, null, 2) + '\n' : formatOrderDecision(res, dto));
        process.exitCode = exitCodeFor(res.decision);
      });
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

function messagesOf(e: { getResponse(): unknown; message: string }): string[] {
  const msg = (e.getResponse() as { message?: string | string[] }).message;
  return Array.isArray(msg) ? msg : [String(msg ?? e.message)];
}

/** class-validator errors as "field.path message" lines (items[0].quantity must not be less than 1). */
export function fieldErrors(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = prefix ? (/^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const msg of Object.values(e.constraints ?? {})) {
      out.push(msg.startsWith(e.property) ? path + msg.slice(e.property.length) : `${path}: ${msg}`);
    }
    if (e.children?.length) out.push(...fieldErrors(e.children, path));
  }
  return out;
}

/** The request validated as POST /v1/transactions/screen validates its body (whitelist, no unknown fields). */
export async function validateOrderRequest(
  plain: unknown,
): Promise<{ dto: TransactionRequestDto; errors?: undefined } | { dto?: undefined; errors: string[] }> {
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return { errors: ['the order must be a JSON object'] };
  const [{ plainToInstance }, { validate }, { TransactionRequestDto }] = await Promise.all([
    import('class-transformer'),
    import('class-validator'),
    import('./transaction.dto'),
  ]);
  const dto = plainToInstance(TransactionRequestDto, plain, { enableImplicitConversion: false });
  const errors = fieldErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  // the checks TransactionsService.toOrder adds (documented attribute types, ship-to country), so a person sees all at once
  const attributes = (plain as { attributes?: unknown }).attributes;
  if (attributes && typeof attributes === 'object' && !Array.isArray(attributes))
    errors.push(...attributeErrors({ ...(attributes as Record<string, unknown>) }));
  const shipTo = (plain as { shipTo?: { country?: unknown } }).shipTo;
  if (
    shipTo &&
    typeof shipTo === 'object' &&
    (shipTo.country === undefined || shipTo.country === null) &&
    !errors.some((e) => e.startsWith('shipTo.country'))
  ) {
    errors.push('shipTo.country is required for shipTo');
  }
  return errors.length ? { errors } : { dto };
}

const RANK: Record<Severity, number> = { info: 0, review: 1, deny: 2 };
const SUBJECT_ORDER = ['order', 'buyer', 'endUser', 'shipTo', 'billTo', 'intermediaries', 'payment', 'items', 'customer'];

function subjectRank(subject: string): number {
  const head = subject.split(/[.[]/)[0];
  const i = SUBJECT_ORDER.indexOf(head);
  return i < 0 ? SUBJECT_ORDER.length : i;
}

/** "Buyer — Inspur …", "Item 1 — 10 x HGX H100 (NVIDIA HGX H100 8-GPU baseboard)", "Order". */
function heading(subject: string, res: DecisionResponse, dto: TransactionRequestDto): string {
  const item = /^items\[(\d+)\]$/.exec(subject);
  if (item) {
    const i = Number(item[1]);
    const req = dto.items[i];
    const it = res.items[i];
    return `Item ${i + 1} — ${req ? `${req.quantity} x ${req.model}` : subject}${it?.resolvedModel && it.resolvedModel !== req?.model ? ` (${it.resolvedModel})` : ''}`;
  }
  if (subject === 'order') return 'Order';
  const party = res.parties.find((p) => p.subject === subject);
  const label = subject === 'customer' ? 'Customer' : subjectLabel(subject);
  return party ? `${label} — ${party.name}` : label;
}

/** The decision for a person at a terminal: outcome, versions, items, then the reasons grouped by subject. */
export function formatOrderDecision(res: DecisionResponse, dto: TransactionRequestDto): string {
  const lines: string[] = [];
  const when = dto.date ?? res.createdAt.slice(0, 10);
  lines.push(`${res.decision.toUpperCase()}  risk ${res.riskScore}/100  ${res.id}`);
  lines.push(`order ${res.reference ?? '(no reference)'} of ${when}, export from ${dto.exportFrom ?? 'US'}`);
  lines.push(`rules ${res.rulesVersion}`);
  const versions = Object.entries(res.listVersions ?? {});
  lines.push(`lists ${versions.length ? versions.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);

  lines.push('');
  lines.push('Items');
  for (const it of res.items) {
    const req = dto.items[it.index];
    const facts = [
      it.eccn,
      it.tpp !== null ? `TPP ${it.tpp}` : undefined,
      it.licenseRequired ? 'licence required' : 'no licence required',
      it.licenseExceptions.length ? `exceptions ${it.licenseExceptions.join('/')}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${it.index + 1}. ${req?.quantity ?? '?'} x ${it.model} -> ${it.resolvedModel ?? 'UNKNOWN'}: ${facts}`);
  }

  const groups = new Map<string, Reason[]>();
  for (const r of res.reasons) groups.set(r.subject, [...(groups.get(r.subject) ?? []), r]);
  const worst = (rs: Reason[]) => Math.max(...rs.map((r) => RANK[r.severity]));
  const ordered = [...groups.entries()].sort(
    ([a, ra], [b, rb]) => worst(rb) - worst(ra) || subjectRank(a) - subjectRank(b) || a.localeCompare(b, 'en', { numeric: true }),
  );
  lines.push('');
  if (ordered.length === 0) lines.push('Reasons: none (nothing found)');
  else lines.push(`Reasons (${res.reasons.length}), grouped by subject`);
  for (const [subject, reasons] of ordered) {
    lines.push('');
    lines.push(heading(subject, res, dto));
    for (const r of [...reasons].sort((a, b) => RANK[b.severity] - RANK[a.severity])) {
      lines.push(`  ${r.severity.toUpperCase().padEnd(6)} ${r.code}: ${r.message}`);
      lines.push(`         ${r.citation}`);
    }
  }
  return lines.join('\n') + '\n';
}
