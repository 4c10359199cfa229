import { Controller, Inject } from '@nestjs/common';
import { CommandSender } from '../commands/command-sender';
import { Write, type WriteContext } from '../commands/write-context';
import { SetTopUpLimitsDto } from '../dto/top-up.dto';
import { IdParam } from '../http/path-params';
import { ValidBody } from '../http/validation';
import { AccountSchema } from '../openapi/account.schemas';
import { Endpoint } from '../routes/endpoint.decorator';
import type { AccountView } from '../views/account.view';
import { accountResult } from '../views/write-results';

/**
 * SPEC §2 per-account limits: an admin with a second factor (`X-Step-Up-Code`); a limit
 * above the configured default also needs the compliance role. Used by the next top-up.
 */
@Controller()
export class LimitsController {
  constructor(@Inject(CommandSender) private readonly commands: CommandSender) {}

  @Endpoint('setTopUpLimits', AccountSchema)
  async set(
    @IdParam('id') id: string,
    @ValidBody(SetTopUpLimitsDto) body: SetTopUpLimitsDto,
    @Write() write: WriteContext,
  ): Promise<AccountView> {
    const payload = {
      ...(body.singleMax !== undefined ? { singleMax: body.singleMax } : {}),
      ...(body.dailyMax !== undefined ? { dailyMax: body.dailyMax } : {}),
      reason: body.reason,
    };
    return accountResult(await this.commands.write('SetTopUpLimits', id, payload, write));
  }
}
