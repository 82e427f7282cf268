"""Table models over the services: ids plus lazily fetched rows, sorted and filtered in SQL."""
