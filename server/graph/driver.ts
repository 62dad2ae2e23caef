import neo4j, { type Driver } from 'neo4j-driver';

export interface DriverTarget {
  uri: string;
  user: string;
  password: string;
}

/** Where each driver made here connects, so a worker thread can open a connection of its own to the same database. */
const targets = new WeakMap<Driver, DriverTarget>();

/** The uri, user and password a driver made by createDriver connects with. */
export function targetOf(driver: Driver): DriverTarget | undefined {
  return targets.get(driver);
}

/** A driver tuned to fail fast when the database is away, rather than hang the request. */
export function createDriver(target: DriverTarget): Driver {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    connectionTimeout: 2_000,
    connectionAcquisitionTimeout: 5_000,
    // Retries ride out a cluster's leader change; longer would only delay the GRAPH_UNAVAILABLE answer.
    maxTransactionRetryTime: 2_000,
    maxConnectionPoolSize: 64,
    // Integers arrive as JS numbers: no Integer object per value (a path search reads tens of thousands).
    // Every integer we store or count (confidences, counts, internal ids) is far below 2^53.
    disableLosslessIntegers: true,
    logging: { level: 'error', logger: () => undefined },
  });
  targets.set(driver, { uri: target.uri, user: target.user, password: target.password });
  return driver;
}

/**
 * A small driver for health pings, apart from the request pool: a pool busy with long queries is not
 * a dead database, and a ping that waited for a pooled connection would say it is.
 */
export function createHealthDriver(target: DriverTarget): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    connectionTimeout: 1_000,
    connectionAcquisitionTimeout: 1_000,
    maxConnectionPoolSize: 2,
    maxTransactionRetryTime: 0,
    logging: { level: 'error', logger: () => undefined },
  });
}
