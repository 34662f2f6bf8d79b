package io.vigie.console.store;

import io.vigie.console.TestDatabases.Backend;

class PostgresWebStoreTest extends WebStoreContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
