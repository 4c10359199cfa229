import { Controller, Inject } from '@nestjs/common';
import type { StoredCheckpoint } from '@account-ops/event-store';
import type { EvidenceBundleV2 } from '@account-ops/evidence-verifier';
import { RecordsAccess } from '../access-log/records-access';
import { IdParam } from '../http/path-params';
import { ValidQuery } from '../http/validation';
import {
  CheckpointKeySchema,
  CheckpointSchema,
  ConsistencyProofSchema,
  EvidenceBundleSchema,
  InclusionProofSchema,
} from '../openapi/audit-log.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import { ConsistencyQueryDto, InclusionQueryDto } from './audit-log.dto';
import {
  AuditLogService,
  type ConsistencyProofView,
  type InclusionProofView,
} from './audit-log.service';

/** The verifiable log for auditors: signed checkpoints, RFC 9162 proofs, evidence bundles. */
@Controller()
export class AuditLogController {
  constructor(@Inject(AuditLogService) private readonly audit: AuditLogService) {}

  @Endpoint('latestCheckpoint', CheckpointSchema)
  latest(): Promise<StoredCheckpoint> {
    return this.audit.latest();
  }

  @Endpoint('checkpointKey', CheckpointKeySchema)
  key(): ReturnType<AuditLogService['key']> {
    return this.audit.key();
  }

  @Endpoint('inclusionProof', InclusionProofSchema)
  inclusion(@ValidQuery(InclusionQueryDto) query: InclusionQueryDto): Promise<InclusionProofView> {
    return this.audit.inclusion(query.eventId, query.treeSize);
  }

  @Endpoint('consistencyProof', ConsistencyProofSchema)
  consistency(
    @ValidQuery(ConsistencyQueryDto) query: ConsistencyQueryDto,
  ): Promise<ConsistencyProofView> {
    return this.audit.consistency(query.from, query.to);
  }

  @Endpoint('accountEvidence', EvidenceBundleSchema)
  @RecordsAccess()
  evidence(@IdParam('id') id: string): Promise<EvidenceBundleV2> {
    return this.audit.evidence(id);
  }
}
