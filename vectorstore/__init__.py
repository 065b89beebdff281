"""Vector storage: the offline embedding model and the Chroma collections (embedded or server)."""
