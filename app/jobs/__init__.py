"""Background work on the huey job queue: batch imports, and the worker that runs them."""

from app.jobs.queue import Jobs, make_jobs

__all__ = ["Jobs", "make_jobs"]
