package io.vigie.console.store;

import io.vigie.console.TestDatabases.Backend;

class SqliteWebStoreTest extends WebStoreContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
