import { personalCommandFields, type Command } from '@account-ops/accounts';
import { canonicalJson, type RecordStore, type RecordWrite } from '@account-ops/event-store';
import { createHash } from 'node:crypto';

const COLLECTION = 'idempotency';
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** What is kept per key: enough to return the original result without running again. */
export interface IdempotencyEntry {
  readonly fingerprint: string;
  readonly accountId: string;
  readonly commandType: string;
  /** Stream versions the command appended (fromVersion > version when it appended none). */
  readonly fromVersion: number;
  readonly version: number;
  readonly recordedAt: string;
}

/** The key was used by the same actor for a different command. Maps to 422. */
export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'rule';
  constructor(readonly idempotencyKey: string) {
    super('this idempotency key was already used with a different request');
    this.name = 'IdempotencyKeyReused';
  }
}

export class InvalidIdempotencyKey extends Error {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  readonly details = { field: 'idempotencyKey', rule: '1–128 printable ASCII characters' };
  constructor() {
    super('the idempotency key must be 1–128 printable ASCII characters');
    this.name = 'InvalidIdempotencyKey';
  }
}

/**
 * Idempotency records, scoped by actor so that one caller's key can never replay (or
 * block) another caller's command. Entries are written in the same transaction as the
 * command's events, so a command is either applied and recorded, or neither.
 */
export class IdempotencyLedger {
  constructor(private readonly records: RecordStore) {}

  /**
   * What identifies "the same request". A card number is replaced by its keyed card
   * fingerprint first: a plain hash over a command holding a PAN would let anyone with
   * the records table and the card's last four digits brute-force the rest. Personal
   * fields (owner name and e-mail, card holder, and every note or free-text reason) are
   * keyed the same way, so the records table cannot confirm a guessed name, e-mail or
   * note either, before or after closure.
   */
  static fingerprint(command: Command, fingerprintCard: (pan: string) => string): string {
    return keyedDigest(command, personalCommandFields(command.type), fingerprintCard);
  }

  /**
   * Whether a stored entry was recorded for this command: by today's fingerprint, or by
   * one of records written before (only the owner's and holder's fields keyed, or none
   * but the card number): a retry of such a command must still replay, not be refused as
   * a reused key.
   */
  static matches(
    entry: IdempotencyEntry,
    command: Command,
    fingerprintCard: (pan: string) => string,
  ): boolean {
    if (entry.fingerprint === IdempotencyLedger.fingerprint(command, fingerprintCard)) return true;
    if (personalCommandFields(command.type).length === 0) return false;
    const identityFields = IDENTITY_FIELDS_KEYED_BEFORE[command.type] ?? [];
    return [identityFields, []].some(
      (fields) => entry.fingerprint === keyedDigest(command, fields, fingerprintCard),
    );
  }

  static checkKey(key: string): void {
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw new InvalidIdempotencyKey();
  }

  async find(actorId: string, key: string): Promise<IdempotencyEntry | undefined> {
    const record = await this.records.getRecord(COLLECTION, recordKey(actorId, key));
    return record?.value as IdempotencyEntry | undefined;
  }

  /** The record write that claims the key; fails with DuplicateRecord if it is taken. */
  claim(actorId: string, key: string, entry: IdempotencyEntry): RecordWrite {
    return {
      op: 'insert',
      collection: COLLECTION,
      key: recordKey(actorId, key),
      value: { ...entry },
    };
  }
}

/** The fields keyed before free text was personal data (records of that time still match). */
const IDENTITY_FIELDS_KEYED_BEFORE: Partial<Record<Command['type'], readonly string[]>> = {
  OpenAccount: ['ownerName', 'ownerEmail'],
  ChangeBankCard: ['holderName'],
};

function keyedDigest(
  command: Command,
  fields: readonly string[],
  fingerprintCard: (pan: string) => string,
): string {
  const keyed: Record<string, unknown> = { ...command };
  if (command.type === 'ChangeBankCard') {
    keyed.cardNumber = fingerprintCard(String(command.cardNumber));
  }
  for (const field of fields) {
    if (typeof keyed[field] === 'string') keyed[field] = fingerprintCard(keyed[field]);
  }
  return digest(keyed);
}

const digest = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');

function recordKey(actorId: string, key: string): string {
  return JSON.stringify([actorId, key]);
}
