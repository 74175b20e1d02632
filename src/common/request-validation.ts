/**
 * The one request validator: class-validator over the DTO (whitelist, no unknown fields), its errors flattened to
 * "field.path message" lines, plus the request rules a decorator cannot express (the documented attribute types,
 * the ship-to party's country, the owners' shares). The API (validationPipe, then the services' requestRuleErrors),
 * the CLI and the batch rows (validateRequest) all give the same field errors.
 */
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { attributeErrors } from './attributes';

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

/** The parts of an order or a cloud customer the request rules read. */
export interface RuleCheckedRequest {
  shipTo?: { country?: unknown } | null;
  attributes?: Record<string, unknown> | null;
  beneficialOwners?: { ownershipPercent?: unknown }[] | null;
}

/**
 * The request rules beside the DTO's decorators (empty when fine). API.md: the ship-to party's country is required
 * (ShipToDto's @IsNotEmpty cannot do it alone: the @IsOptional it inherits from PartyDto skips an absent country);
 * a documented attribute of the wrong type is a 400 naming it (a red flag must not silently vanish); the owners'
 * shares add up to 100 at most. Upper-cases attributes.accessCountries in place when all is fine.
 */
export function requestRuleErrors(request: RuleCheckedRequest, alreadyFound: string[] = []): string[] {
  const errors: string[] = [];
  const shipTo = request.shipTo;
  if (
    shipTo &&
    typeof shipTo === 'object' &&
    (shipTo.country === undefined || shipTo.country === null) &&
    !alreadyFound.some((e) => e.startsWith('shipTo.country'))
  )
    errors.push('shipTo.country is required for shipTo');
  const attributes = request.attributes;
  if (attributes && typeof attributes === 'object' && !Array.isArray(attributes)) errors.push(...attributeErrors(attributes));
  const owners = Array.isArray(request.beneficialOwners) ? request.beneficialOwners : [];
  const total = owners.reduce((sum, o) => sum + (o && typeof o === 'object' && typeof o.ownershipPercent === 'number' ? o.ownershipPercent : 0), 0);
  if (total > 100.0001) errors.push(`beneficialOwners ownershipPercent adds up to ${total}, more than 100`);
  return errors;
}

/**
 * A request body validated as its API route validates it, every field error at once: for the CLI and the batch rows
 * (the API's global validationPipe gives the same lines). `what` names the body in the error for a non-object.
 */
export async function validateRequest<T extends object>(
  dtoClass: new () => T,
  plain: unknown,
  what = 'the request',
): Promise<{ dto: T; errors?: undefined } | { dto?: undefined; errors: string[] }> {
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return { errors: [`${what} must be a JSON object`] };
  const dto = plainToInstance(dtoClass, plain, { enableImplicitConversion: false });
  const errors = fieldErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  // the rules read the request as sent; a copy of the attributes, so a refused request is left as it was
  const sent = plain as RuleCheckedRequest;
  const attributes = sent.attributes && typeof sent.attributes === 'object' && !Array.isArray(sent.attributes) ? { ...sent.attributes } : sent.attributes;
  errors.push(...requestRuleErrors({ shipTo: sent.shipTo, attributes, beneficialOwners: sent.beneficialOwners }, errors));
  return errors.length ? { errors } : { dto };
}
