"""Test suite for briefs; modules mirror the package."""
