"""The web layer: app factory, routes, presenters, templates glue."""
