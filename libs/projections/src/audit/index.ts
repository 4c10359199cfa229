export { auditProjection } from './audit.projection';
export { AUDIT_EVENTS, AUDIT_TABLES } from './audit-table';
export { auditFields, type AuditFields } from './audit-fields';
export {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  listAudit,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
} from './audit.queries';
export { openAuditText } from './open-audit-text';
