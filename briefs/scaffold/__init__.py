"""Scaffolding: new workspaces (`briefs init`) and new documents (`briefs new`)."""
