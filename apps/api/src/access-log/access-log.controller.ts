import { Controller, Inject } from '@nestjs/common';
import type { AccessLog, AccessPage } from '@account-ops/event-store';
import { ValidQuery } from '../http/validation';
import { Endpoint } from '../routes/endpoint.decorator';
import { ACCESS_LOG } from './access-log.provider';
import { AccessQueryDto } from './access-log.dto';
import { AccessPageSchema } from './access-log.schemas';

/** Auditors' view of the read-access log: who read which account's personal data, when. */
@Controller()
export class AccessLogController {
  constructor(@Inject(ACCESS_LOG) private readonly log: AccessLog) {}

  @Endpoint('listAccess', AccessPageSchema)
  list(@ValidQuery(AccessQueryDto) query: AccessQueryDto): Promise<AccessPage> {
    return this.log.list({
      ...(query.accountId !== undefined ? { accountId: query.accountId } : {}),
      ...(query.actor !== undefined ? { actor: query.actor } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.after !== undefined ? { after: query.after } : {}),
      limit: query.limit,
    });
  }
}
