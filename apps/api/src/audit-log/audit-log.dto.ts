import { IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsQueryInt } from '../dto/fields';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InclusionQueryDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'The event.' })
  @IsString()
  @Matches(UUID, { message: '$property must be a UUID' })
  eventId!: string;

  @IsQueryInt(1, MAX_SIZE, {
    optional: true,
    description: 'Tree size of the checkpoint to prove against (default: the latest checkpoint).',
  })
  treeSize?: number;
}

export class ConsistencyQueryDto {
  @IsQueryInt(0, MAX_SIZE, { description: 'The older tree size.' })
  from!: number;

  @IsQueryInt(0, MAX_SIZE, { description: 'The newer tree size.' })
  to!: number;
}
