// Shared test support: raw HTTP client, server process, test database.
