import {
  Body,
  Query,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type Type,
  type ValidationError,
} from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { ApiError, type FieldError } from './problem';
import { registerQueryDto } from './query-names';

// Property names come from the client: one that is not a plain identifier (a card number
// used as a key, say) is reported without being echoed.
const SAFE_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const REASONS: Readonly<Record<string, string>> = {
  whitelistValidation: 'is not an allowed field',
  unknownValue: 'must be a JSON object',
  nestedValidation: 'must be an object',
};

function flatten(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const name = SAFE_FIELD.test(error.property) ? error.property : '(unrecognised field)';
    const field = error.property === undefined || error.property === '' ? 'body' : prefix + name;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      reason: REASONS[constraint] ?? message.replace(/^\S+ /, ''),
    }));
    return [...own, ...flatten(error.children ?? [], `${field}.`)];
  });
}

/** The 400 for a body, query or path value that failed its DTO. */
export function validationFailed(errors: readonly FieldError[]): ApiError {
  // Several constraints of one field often say the same thing (amount: int, min, max).
  const unique = [...new Map(errors.map((e) => [`${e.field}\n${e.reason}`, e])).values()];
  return new ApiError(400, 'VALIDATION_FAILED', 'The request is invalid.', { errors: unique });
}

// Names of Object.prototype members. class-transformer skips such keys when it builds the
// DTO, so the whitelist never sees them: `{"valueOf": 1}` would pass silently. Nest's
// ValidationPipe deletes `prototype` (with `__proto__` and `constructor`) before
// validating, so `{"prototype": {}}` would pass silently too.
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function prototypeKeys(value: unknown, path: string, depth = 0): FieldError[] {
  if (typeof value !== 'object' || value === null || depth > 8) return [];
  return Object.keys(value).flatMap((key) => {
    const field = `${path}${SAFE_FIELD.test(key) ? key : '(unrecognised field)'}`;
    const own = PROTOTYPE_KEYS.has(key) ? [{ field, reason: REASONS.whitelistValidation! }] : [];
    const nested = prototypeKeys((value as Record<string, unknown>)[key], `${field}.`, depth + 1);
    return [...own, ...nested];
  });
}

/** ValidationPipe that also refuses keys named after Object.prototype members. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = prototypeKeys(value, '');
      if (errors.length > 0) throw validationFailed(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The API's ValidationPipe, installed globally: unknown fields are refused, values are
 * transformed into the DTO (text trimmed), and failures become a 400 problem listing
 * each field without its value.
 */
export function validationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false, exposeDefaultValues: true },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}

const PARAM_TYPES = 'design:paramtypes';

/**
 * Records `dto` as the parameter's type. TypeScript under swc (jest) emits this metadata
 * itself, but `npm start` runs under tsx (esbuild), which emits none: without it the
 * global ValidationPipe would see no type and silently validate nothing, and OpenAPI
 * would show no schema. Recording it explicitly makes both runtimes behave the same.
 */
function recordParamType(target: object, key: string | symbol, index: number, dto: Type): void {
  const types: unknown[] = [
    ...((Reflect.getMetadata(PARAM_TYPES, target, key) as unknown[]) ?? []),
  ];
  types[index] = dto;
  Reflect.defineMetadata(PARAM_TYPES, types, target, key);
}

/** `@ValidBody(OpenAccountDto)`: the JSON body, validated by the global pipe into the DTO. */
export function ValidBody(dto: Type): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) throw new Error('@ValidBody belongs on a method parameter');
    recordParamType(target, key, index, dto);
    Body()(target, key, index);
    const method = Object.getOwnPropertyDescriptor(target, key);
    if (method) ApiBody({ type: dto })(target, key, method);
  };
}

/** `@ValidQuery(EventsQueryDto)`: the query string, validated by the global pipe. */
export function ValidQuery(dto: Type): ParameterDecorator {
  return (target, key, index) => {
    if (key === undefined) throw new Error('@ValidQuery belongs on a method parameter');
    recordParamType(target, key, index, dto);
    registerQueryDto(dto);
    Query()(target, key, index);
  };
}

/** Accepts no body, or `{}`; anything else is a 400 naming each unexpected field. */
class EmptyBodyPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw validationFailed([{ field: 'body', reason: 'must be a JSON object' }]);
    }
    const keys = Object.keys(value);
    if (keys.length > 0) {
      throw validationFailed(
        keys.map((k) => ({
          field: SAFE_FIELD.test(k) ? k : '(unrecognised field)',
          reason: REASONS.whitelistValidation!,
        })),
      );
    }
    return {};
  }
}

/** `@EmptyBody()`: for signals without a payload (no body, or `{}`). */
export const EmptyBody = (): ParameterDecorator => Body(new EmptyBodyPipe());
