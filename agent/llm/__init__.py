"""Models: the Provider protocol, the providers, the embedded model store."""
