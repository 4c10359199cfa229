export * from './event-hash';
export * from './bundle';
export * from './verify-evidence';
export * from './ascii-json';
