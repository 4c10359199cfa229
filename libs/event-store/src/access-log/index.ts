export * from './access-record';
export * from './access-keys';
export * from './access-log';
export * from './check-access-log';
