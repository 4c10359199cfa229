import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { BEARER_SCHEME } from '../routes/endpoint.decorator';

const DESCRIPTION = [
  'Money operations on customer accounts: top-ups, refunds with maker-checker approval,',
  'bank-card changes, freezes and cancellation, on an event-sourced engine.',
  '',
  'Authenticate with `Authorization: Bearer <api key>`. Every write needs an',
  '`Idempotency-Key` header. Amounts are integers in minor units. Errors are',
  'RFC 9457 `application/problem+json` with a stable `code`. See docs/api.md.',
].join('\n');

/** The OpenAPI document, built from the route decorators and the DTO/schema classes. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Account Operations API')
    .setVersion('0.1.0')
    .setDescription(DESCRIPTION)
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key from ACCOUNT_OPS_API_KEYS, or an OIDC access token (JWT) of ACCOUNT_OPS_OIDC_ISSUER.',
      },
      BEARER_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves Swagger UI at `/docs` and the document at `/docs/openapi.json`. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, openApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    // No badge from the public validator: the CSP lets images come from this origin only.
    swaggerOptions: { validatorUrl: null },
  });
}
