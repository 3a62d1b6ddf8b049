// The domain, pure Swift. See docs/ARCHITECTURE.md.
