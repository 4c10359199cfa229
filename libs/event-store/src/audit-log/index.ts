export * from './merkle-log';
export * from './tiles';
export * from './tile-cache';
export * from './event-leaf';
export * from './leaf-source';
export * from './note-signer';
export * from './checkpointer';
export * from './checkpoint-schedule';
export * from './evidence-export';
export * from './locate-event';
export * from './tree-catch-up';
export {
  TREE_CATCH_UP_NICE,
  TreeCatchUpFailed,
  WorkerTreeCatchUp,
  type WorkerTreeCatchUpOptions,
} from './catch-up-worker';
