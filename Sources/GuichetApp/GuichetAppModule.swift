// Handlers, API, auth, store. See docs/ARCHITECTURE.md.
