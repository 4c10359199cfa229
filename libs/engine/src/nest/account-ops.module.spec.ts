import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { EventStoreDbEventStore } from '@account-ops/event-store';
import { FakeEsdbClient, FakeEsdbServer } from '@account-ops/event-store/testing';
import { accountFixtures as fx } from '@account-ops/testing';
import type { AccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { AccountOpsModule } from './account-ops.module';
import { ACCOUNT_OPS } from './tokens';

describe('AccountOpsModule.forRoot with an events-only store URL', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(['kurrentdb://admin:changeit@node1:2113?tls=false', 'esdb://node1:2113?tls=false'])(
    'opens %s with its read store and runs commands with their events on that server',
    async (url) => {
      const server = new FakeEsdbServer();
      // The server is the fake; the URL still goes the whole way to the adapter.
      const connect = jest
        .spyOn(EventStoreDbEventStore, 'connect')
        .mockResolvedValue(new EventStoreDbEventStore(new FakeEsdbClient(server)));
      const app = await NestFactory.createApplicationContext(
        AccountOpsModule.forRoot({
          store: url,
          readStore: 'memory:',
          cardFingerprintSecret: 'test-card-fingerprint-secret',
          deadlines: false,
        }),
        { logger: false },
      );
      const ops = app.get<AccountOps>(ACCOUNT_OPS);
      expect(connect).toHaveBeenCalledWith(expect.objectContaining({ connectionString: url }));
      await ops.execute(fx.open());
      expect(server.streams.get(accountStreamId(fx.ACCOUNT_ID))?.map((e) => e.type)).toEqual([
        'AccountOpened',
      ]);
      await app.close();
    },
  );
});
