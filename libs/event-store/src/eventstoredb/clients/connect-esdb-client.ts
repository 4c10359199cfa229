import type { EsdbClient } from '../esdb-client';
import { esdbClientKind } from './client-kind';

/**
 * The seam over the client the connection string's scheme names (see esdbClientKind).
 * Each client is loaded here, on first use, not with the library: each pulls in gRPC and
 * protobuf code (0.25 s to require on the development machine) that a store on SQLite or
 * PostgreSQL never needs.
 * @throws Error for another scheme; the message names neither the URL nor its credentials.
 */
export async function connectEsdbClient(connectionString: string): Promise<EsdbClient> {
  switch (esdbClientKind(connectionString)) {
    case 'kurrentdb':
      return (await import('./kurrentdb-client')).connectKurrentDb(connectionString);
    case 'eventstoredb':
      return (await import('./eventstore-db-client')).connectEventStoreDb(connectionString);
    case undefined:
      throw new Error(
        'an EventStoreDB/KurrentDB connection string starts with kurrentdb://, kurrentdb+discover://, esdb:// or esdb+discover://',
      );
  }
}
