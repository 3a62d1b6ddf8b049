// The thin libpq binding. See docs/ARCHITECTURE.md.
