"""PostgreSQL test helpers: a throw-away schema per test on the server named by the test run."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextlib.contextmanager
def fresh_schema(base_url: str) -> Iterator[str]:
    """Create schema t_<random>, yield a URL whose search_path points at it, then drop it."""
    schema = "t_" + uuid.uuid4().hex[:16]
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            # A connection a test left open would block the DROP forever; give up after a while
            # and leave the schema behind rather than hang the run.
            conn.execute(text("SET lock_timeout = '20s'"))
            with contextlib.suppress(Exception):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
