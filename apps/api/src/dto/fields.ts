import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ID_PATTERN } from '@account-ops/accounts';

// C0, DEL and C1 controls, as the domain refuses them: invisible in UIs, dangerous in logs.
// eslint-disable-next-line no-control-regex -- matching them is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

/** SPEC text limits, the same as the domain's schemas. */
export const TEXT_LIMITS = { name: 200, reason: 500, note: 1000, email: 254 } as const;

interface FieldDoc {
  readonly description?: string;
  readonly example?: unknown;
  readonly optional?: boolean;
}

const doc = (options: Parameters<typeof ApiProperty>[0] & FieldDoc) => {
  const { optional, ...rest } = options;
  return optional ? ApiPropertyOptional(rest) : ApiProperty(rest);
};

const optionalIf = (optional: boolean | undefined) => (optional ? [IsOptional()] : []);

/** An id: 1–128 characters of letters, digits, `_ - . :` (SPEC). */
export function IsId(options: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ...optionalIf(options.optional),
    IsString({ message: '$property must be a string' }),
    Matches(ID_PATTERN, {
      message: '$property must be 1–128 characters of A-Z a-z 0-9 _ - . :, not only dots',
    }),
    doc({ type: String, pattern: ID_PATTERN.source, maxLength: 128, ...options }),
  );
}

/** Minor units: a positive safe integer. Strings, floats and anything above 2^53 − 1 are refused. */
export function IsAmount(options: FieldDoc = {}): PropertyDecorator {
  const message = '$property must be a positive safe integer of minor units';
  return applyDecorators(
    IsInt({ message }),
    Min(1, { message }),
    Max(Number.MAX_SAFE_INTEGER, { message }),
    doc({
      type: Number,
      format: 'int64',
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      ...options,
    }),
  );
}

/** One of a fixed set of strings. */
export function IsOneOf(values: readonly string[], options: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    ...optionalIf(options.optional),
    IsIn([...values], { message: `$property must be one of ${values.join(', ')}` }),
    doc({ type: String, enum: [...values], ...options }),
  );
}

/**
 * Free text: trimmed, 1–`max` characters, no control characters. An optional field sent
 * blank means "none", as in the domain. The domain also refuses text holding a card number.
 */
export function IsText(max: number, options: FieldDoc = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const trimmed = value.trim();
      return options.optional && trimmed === '' ? undefined : trimmed;
    }),
    ...optionalIf(options.optional),
    IsString({ message: '$property must be a string' }),
    MinLength(1, { message: '$property must not be empty' }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
    Matches(NO_CONTROL_CHARS, { message: '$property must not contain control characters' }),
    doc({ type: String, minLength: 1, maxLength: max, ...options }),
  );
}

/** A query-string integer: digits only (no signs, exponents or spaces), then range-checked. */
export function IsQueryInt(min: number, max: number, options: FieldDoc = {}): PropertyDecorator {
  const message = `$property must be an integer from ${min} to ${max}`;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value,
    ),
    ...optionalIf(options.optional),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
    doc({ type: Number, minimum: min, maximum: max, ...options }),
  );
}
