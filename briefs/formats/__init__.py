"""Output formats and checks as registries: what a build makes of a target, what it checks."""
