import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `GET /auth/options`. */
export class SignInMethodsSchema {
  @ApiProperty({
    type: Boolean,
    description: 'Single sign-on through the identity provider is offered.',
  })
  singleSignOn!: boolean;
  @ApiProperty({
    type: Boolean,
    description: 'Pasting an API key is offered (development mode only).',
  })
  apiKey!: boolean;
}

/** OpenAPI shape of `POST /auth/logout`. */
export class SignOutSchema {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The identity provider’s end-session URL to send the browser to, or null.',
  })
  endSessionUrl!: string | null;
}
