import { isRole, type Actor, type Role } from '../actors/roles';
import type { Command, CommandType } from '../commands/command';
import { ValidationFailed } from '../errors/request-errors';
import { COMMAND_SCHEMAS, type FieldSpec } from './command-schemas';
import {
  isPlainObject,
  readAmount,
  readCurrency,
  readEmail,
  readEnum,
  readId,
  readPan,
  readPlan,
  readText,
} from './fields';

function readField(value: unknown, field: string, spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'id':
      return readId(value, field);
    case 'amount':
      return readAmount(value, field);
    case 'text':
      return readText(value, field, spec.max);
    case 'email':
      return readEmail(value, field);
    case 'currency':
      return readCurrency(value, field);
    case 'enum':
      return readEnum(value, field, spec.values);
    case 'pan':
      return readPan(value, field);
    case 'plan':
      return readPlan(value, field);
  }
}

// An optional text field sent as "" or "   " means "none", not a validation failure.
function isAbsent(value: unknown, spec: FieldSpec): boolean {
  return (
    value === undefined ||
    value === null ||
    (spec.kind === 'text' && typeof value === 'string' && value.trim() === '')
  );
}

function readActor(value: unknown): Actor {
  if (!isPlainObject(value)) throw new ValidationFailed('actor', 'must be an object');
  const id = readId(value.id, 'actor.id');
  const roles = value.roles;
  if (!Array.isArray(roles) || !roles.every(isRole)) {
    throw new ValidationFailed('actor.roles', 'must be an array of known roles');
  }
  return { id, roles: [...new Set<Role>(roles)] };
}

function readType(value: unknown): CommandType {
  if (typeof value !== 'string' || !Object.hasOwn(COMMAND_SCHEMAS, value)) {
    throw new ValidationFailed('type', 'must be a known command type');
  }
  return value as CommandType;
}

/**
 * Checks a command from an untrusted source and returns its normalised form (text
 * trimmed, fields outside the schema dropped). Throws {@link ValidationFailed}.
 */
export function parseCommand(raw: unknown): Command {
  if (!isPlainObject(raw)) throw new ValidationFailed('command', 'must be an object');
  const type = readType(raw.type);
  const command: Record<string, unknown> = {
    type,
    accountId: readId(raw.accountId, 'accountId'),
    actor: readActor(raw.actor),
  };
  const schema: Readonly<Record<string, FieldSpec>> = COMMAND_SCHEMAS[type];
  for (const [field, spec] of Object.entries(schema)) {
    const value = raw[field];
    if (spec.optional && isAbsent(value, spec)) continue;
    command[field] = readField(value, field, spec);
  }
  return command as Command;
}
