"""The signature database: every SQL statement the kiosk and its collector run.

- `connection`: opening a file (WAL, `synchronous=FULL`, busy timeout, owner-only), errors in words
- `schema`: the tables and the migrations that bring an older file forward (sqlite-utils)
- `store`: `Store`, the one connection of a file in this process, its `read()`/`write()`,
  signatures, print jobs and the meta table
- `selection`: which signatures a reader wants (case, event, local days)
- `outbox`: what is still to be delivered, and how each delivery went
- `export_rows`: what an export reads
- `merge`: other kiosks' databases and JSON Lines exports into one database
- `received`: checking a record that arrives from elsewhere; `collected`: what a collector keeps

Nothing outside this package imports sqlite3, holds a connection or writes SQL
(`tests/core/records/test_boundary.py` keeps it so).
"""
