package io.vigie.console.store;

import io.vigie.console.TestDatabases.Backend;

class SqliteStoreTest extends StoreContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
