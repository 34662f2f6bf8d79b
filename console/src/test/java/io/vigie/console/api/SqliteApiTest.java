package io.vigie.console.api;

import io.vigie.console.TestDatabases.Backend;

class SqliteApiTest extends ApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
