export * from './merkle';
export * from './note';
export * from './evidence';
