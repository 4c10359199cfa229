export * from './merkle';
export * from './note';
