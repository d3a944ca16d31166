"""Configuration: the project, its settings, editions, languages (the manifests) and known findings."""
