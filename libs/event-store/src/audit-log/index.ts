export * from './merkle-log';
export * from './tiles';
export * from './event-leaf';
export * from './note-signer';
export * from './checkpointer';
export * from './checkpoint-schedule';
export * from './evidence-export';
export * from './locate-event';
