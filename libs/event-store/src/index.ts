export * from './port/envelope';
export * from './port/errors';
export * from './port/event-store';
export * from './port/expected-version';
export * from './port/position';
export * from './hash/canonical-json';
export * from './hash/hash-chain';
export * from './hash/verify-stream';
export { MemoryEventStore } from './memory/memory-event-store';
