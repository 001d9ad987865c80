"""Files: reading the definitions (YAML) and answer files, saving answers atomically, repairing what
fails validation, the start-up cache. Below the engine: nothing here scores."""
