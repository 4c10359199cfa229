import type { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

const dtos = new Set<Type>();
let names: ReadonlySet<string> | undefined;

/** Called by `@ValidQuery(dto)`: the DTO's properties are the query names the API reads. */
export function registerQueryDto(dto: Type): void {
  dtos.add(dto);
  names = undefined;
}

/**
 * Whether `name` is a query parameter some route reads (a property of a query DTO). Only
 * those names are kept in logs: any other name is the client's text and may be a secret.
 */
export function isKnownQueryName(name: string): boolean {
  names ??= new Set(
    [...dtos].flatMap((dto) =>
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    ),
  );
  return names.has(name);
}
