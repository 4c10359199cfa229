import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { COMMAND_ROLES, COMMAND_TYPES, ROLES } from '@account-ops/accounts';
import { getMetadataStorage } from 'class-validator';
import { CONTROLLERS } from '../app/api.module';
import { ROUTE_NAME } from './endpoint.decorator';
import { isWrite, ROUTE_NAMES, ROUTES, type RouteName } from './route-table';

/** Every Nest route handler of every controller, with the route name its @Endpoint recorded. */
function handlers() {
  return CONTROLLERS.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((key) => key !== 'constructor')
      .filter((key) => {
        const fn = (controller.prototype as unknown as Record<string, unknown>)[key] as object;
        return Reflect.hasMetadata(PATH_METADATA, fn) || Reflect.hasMetadata(ROUTE_NAME, fn);
      })
      .map((key) => {
        const fn = (controller.prototype as unknown as Record<string, unknown>)[key] as object;
        return {
          controller,
          key,
          fn,
          route: Reflect.getMetadata(ROUTE_NAME, fn) as RouteName | undefined,
        };
      }),
  );
}

describe('ROUTES', () => {
  it('takes every command route’s roles from the domain’s COMMAND_ROLES', () => {
    for (const name of ROUTE_NAMES) {
      const { command, roles } = ROUTES[name];
      if (!command) continue;
      const expected = ['Freeze', 'Unfreeze'].includes(command)
        ? ['admin', 'compliance']
        : [...COMMAND_ROLES[command]].sort();
      expect({ name, roles: [...roles].sort() }).toEqual({ name, roles: expected });
    }
  });

  it('gives every domain command a route, except those only the scheduler sends', () => {
    const routed = new Set(ROUTE_NAMES.map((name) => ROUTES[name].command));
    const missing = COMMAND_TYPES.filter((type) => !routed.has(type));
    expect(missing.sort()).toEqual(['CloseAccount', 'ExpireRefund', 'StartRefundPayout']);
  });

  it('keeps the auditor read-only and every write behind a command', () => {
    for (const name of ROUTE_NAMES) {
      const route = ROUTES[name];
      if (!isWrite(route)) continue;
      expect(route.command).toBeDefined();
      expect({
        name,
        auditor: route.roles !== 'public' && route.roles.includes('auditor'),
      }).toEqual({
        name,
        auditor: false,
      });
    }
  });

  it('only names known roles, and leaves only health, metrics and the console’s sign-in public', () => {
    const publicRoutes = ROUTE_NAMES.filter((name) => ROUTES[name].roles === 'public');
    expect(publicRoutes.sort()).toEqual(
      ['health', 'metrics', 'signIn', 'signInCallback', 'signInMethods', 'signOut'].sort(),
    );
    for (const name of ROUTE_NAMES) {
      const roles = ROUTES[name].roles;
      if (roles !== 'public') expect(roles.every((r) => ROLES.includes(r))).toBe(true);
    }
  });

  it('answers creates with 201 and asynchronous payment steps with 202', () => {
    const byStatus = (status: number) =>
      ROUTE_NAMES.filter((n) => ROUTES[n].status === status).sort();
    expect(byStatus(202)).toEqual([
      'failTopUp',
      'refundPaidOut',
      'refundPayoutFailed',
      'settleTopUp',
    ]);
    expect(byStatus(201)).toEqual([
      'freeze',
      'initiateTopUp',
      'openAccount',
      'registerWebhook',
      'requestCancellation',
      'requestRefund',
      'startMaintenance',
    ]);
  });
});

describe('controllers', () => {
  it('declare every handler with @Endpoint, one handler per route', () => {
    const all = handlers();
    expect(all.filter((h) => h.route === undefined).map((h) => h.key)).toEqual([]);
    expect(all.map((h) => h.route).sort()).toEqual([...ROUTE_NAMES].sort());
  });

  it('register each handler under its route’s method and path', () => {
    for (const { fn, route } of handlers()) {
      const spec = ROUTES[route!];
      expect({
        route,
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number],
      }).toEqual({
        route,
        method: spec.method,
      });
      expect(Reflect.getMetadata(PATH_METADATA, fn)).toBe(spec.path);
    }
  });

  it('record a validated DTO type for every @ValidBody/@ValidQuery parameter (tsx emits none)', () => {
    const validated = new Set(getMetadataStorage()['validationMetadatas'].keys());
    let checked = 0;
    for (const { controller, key } of handlers()) {
      const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) as Record<
        string,
        { index: number; pipes: unknown[] }
      >;
      const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ??
        []) as unknown[];
      for (const [id, arg] of Object.entries(args ?? {})) {
        const paramType = Number(id.split(':')[0]);
        const isBodyOrQuery = paramType === 3 || paramType === 4; // RouteParamtypes.BODY, QUERY
        if (!isBodyOrQuery || arg.pipes.length > 0) continue; // a pipe of its own (empty bodies)
        expect({ key, validated: validated.has(types[arg.index] as never) }).toEqual({
          key,
          validated: true,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
