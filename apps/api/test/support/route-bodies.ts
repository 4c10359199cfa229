import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { getMetadataStorage } from 'class-validator';
import { CONTROLLERS } from '../../src/app/api.module';
import { ROUTE_NAME } from '../../src/routes/endpoint.decorator';
import type { RouteName } from '../../src/routes/route-table';

const BODY = 3; // RouteParamtypes.BODY

/** The body fields a route's DTO accepts (none for routes that take an empty body). */
export function bodyFields(route: RouteName): string[] {
  for (const controller of CONTROLLERS) {
    const proto = controller.prototype as unknown as Record<string, object>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (Reflect.getMetadata(ROUTE_NAME, proto[key]!) !== route) continue;
      const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) as Record<
        string,
        { index: number }
      >;
      const types = Reflect.getMetadata('design:paramtypes', proto, key) as unknown[];
      const body = Object.entries(args).find(([id]) => Number(id.split(':')[0]) === BODY);
      const dto = body ? (types[body[1].index] as new () => object) : undefined;
      if (!dto || dto === Object) return [];
      const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
      return [...new Set(metadata.map((m) => m.propertyName))];
    }
  }
  throw new Error(`no handler for route ${route}`);
}
