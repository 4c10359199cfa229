import { Controller, Inject } from '@nestjs/common';
import type { Actor } from '@account-ops/accounts';
import { RecordsAccess } from '../access-log/records-access';
import { CurrentActor } from '../auth/request-context';
import { EventsQueryDto, StateQueryDto } from '../dto/query.dto';
import { IdParam } from '../http/path-params';
import { ValidQuery } from '../http/validation';
import { AccountDetailsSchema } from '../openapi/account.schemas';
import { EventPageSchema, ExportSchema, VerifySchema } from '../openapi/audit.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountDetailsView } from '../views/account.view';
import {
  AccountHistory,
  type AccountExport,
  type EventPage,
  type Verification,
} from './account-history';

/** Read-only endpoints for auditors: stored events, time travel, verification, export. */
@Controller()
export class AuditTrailController {
  constructor(@Inject(AccountHistory) private readonly history: AccountHistory) {}

  @Endpoint('listEvents', EventPageSchema)
  @RecordsAccess()
  events(
    @IdParam('id') id: string,
    @ValidQuery(EventsQueryDto) query: EventsQueryDto,
  ): Promise<EventPage> {
    return this.history.events(id, query.fromVersion, query.limit);
  }

  @Endpoint('stateAt', AccountDetailsSchema)
  @RecordsAccess()
  state(
    @IdParam('id') id: string,
    @ValidQuery(StateQueryDto) query: StateQueryDto,
  ): Promise<AccountDetailsView> {
    return this.history.stateAt(id, query);
  }

  @Endpoint('verify', VerifySchema)
  verify(@IdParam('id') id: string): Promise<Verification> {
    return this.history.verify(id);
  }

  @Endpoint('exportAccount', ExportSchema)
  @RecordsAccess()
  export(@IdParam('id') id: string, @CurrentActor() actor: Actor): Promise<AccountExport> {
    return this.history.export(id, actor);
  }
}
