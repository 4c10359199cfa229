export { SplitEventStore, type SplitEventStoreOptions } from './split-event-store';
export { CARRIED_RECORDS_FIELD } from './carried-records';
export { APPLIED_COLLECTION, APPLIED_THROUGH_COLLECTION } from './carried-records-applier';
