export * from './checkpoint-key-source';
