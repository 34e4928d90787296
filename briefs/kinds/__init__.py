"""Document kinds: a registry of built-in, plug-in and workspace-defined kinds."""
