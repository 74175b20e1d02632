import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsObject, registerDecorator, ValidateNested, ValidationOptions } from 'class-validator';
import { isCountryCode } from './countries';

/** A DTO class (what class-transformer's @Type() instantiates). */
type DtoClass = new (...args: never[]) => object;

/** An ISO 3166-1 alpha-2 country code, case-insensitive on input, upper-case after validation. */
export function IsCountry(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))(target, propertyKey);
    registerDecorator({
      name: 'isCountry',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `${String(propertyKey)} must be an ISO 3166-1 alpha-2 country code (e.g. CN, HK, SG)`, ...options },
      validator: { validate: (value: unknown) => isCountryCode(value) },
    });
  };
}

/** A calendar date YYYY-MM-DD that exists. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `${String(propertyKey)} must be a date YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(value + 'T00:00:00Z');
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
      },
    });
  };
}

/** A date of birth as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD (a date that exists, not in the future). */
export function IsPartialDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    registerDecorator({
      name: 'isPartialDate',
      target: target.constructor,
      propertyName: propertyKey as string,
      options: { message: `${String(propertyKey)} must be a date YYYY, YYYY-MM or YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
          if (!m) return false;
          const full = `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
          const d = new Date(full + 'T00:00:00Z');
          if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== full) return false;
          return Number(m[1]) >= 1850 && d.getTime() <= Date.now();
        },
      },
    });
  };
}

/**
 * A nested DTO: must be an object (an array or a string in its place is a 400 naming the field, not a
 * silently dropped value), validated and transformed as `type`.
 */
export function NestedObject(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}

/** An array of nested DTOs, each an object validated as `type`. */
export function NestedObjects(type: () => DtoClass): PropertyDecorator {
  return applyDecorators(IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
}
