package io.vigie.console.api;

import io.vigie.console.TestDatabases.Backend;

class PostgresApiTest extends ApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
