export * from './verifier-key';
export * from './signed-note';
export * from './checkpoint';
