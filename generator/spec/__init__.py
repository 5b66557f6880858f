"""Stage 1, the spec: a YAML file -> plain data with the location of every value, checked field by field
against the schema (types, ranges, choices, the shape of each mapping). Knows nothing of the model."""
