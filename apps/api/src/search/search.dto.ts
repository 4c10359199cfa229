import { IsQueryInt, IsText } from '../dto/fields';

/** `POST /search`: the query travels in the body, never in a URL or a log line. */
export class SearchAccountsDto {
  @IsText(200, {
    description:
      'An account id, an owner name (whole words, or the first 3+ characters of each; accents and case ignored), an e-mail, card last4, a refund id, a top-up id or a payment reference.',
    example: 'Clara Schm',
  })
  query!: string;

  @IsQueryInt(1, 50, { optional: true, description: 'At most this many accounts (default 20).' })
  limit?: number;
}
