package io.vigie.console.store;

import io.vigie.console.TestDatabases.Backend;

class PostgresStoreTest extends StoreContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
