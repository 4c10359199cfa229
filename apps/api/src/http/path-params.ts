import { Param, type PipeTransform } from '@nestjs/common';
import { isId } from '@account-ops/accounts';
import { validationFailed } from './validation';

class IdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (!isId(value)) {
      throw validationFailed([
        {
          field: this.name,
          reason: 'must be 1–128 characters of A-Z a-z 0-9 _ - . :, not only dots',
        },
      ]);
    }
    return value;
  }
}

class OneOfPipe implements PipeTransform<unknown, string> {
  constructor(
    private readonly name: string,
    private readonly values: readonly string[],
  ) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.values.includes(value)) {
      throw validationFailed([
        { field: this.name, reason: `must be one of ${this.values.join(', ')}` },
      ]);
    }
    return value;
  }
}

/** `@IdParam('id')`: a path id, checked against the SPEC id pattern (400 otherwise). */
export const IdParam = (name: string): ParameterDecorator => Param(name, new IdPipe(name));

/** `@OneOfParam('reason', FREEZE_REASONS)`: a path segment from a fixed set. */
export const OneOfParam = (name: string, values: readonly string[]): ParameterDecorator =>
  Param(name, new OneOfPipe(name, values));
