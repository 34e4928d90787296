"""Content: YAML with positions, schemas, documents, images and the Markdown subset."""
