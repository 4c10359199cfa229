export * from './hashing';
export * from './node-source';
export * from './proofs';
export * from './verify';
export * from './memory-tree';
export * from './leaf';
export * from './streaming-root';
export * from './multi-inclusion';
