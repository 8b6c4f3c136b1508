"""The draft file's SQLite schema and its migrations.

A draft file is an SQLite database (one file, no side files: rollback journal,
not WAL) marked with ``PRAGMA application_id`` and versioned with
``PRAGMA user_version``.  ``MIGRATIONS[n]`` upgrades a version-n file to n+1;
opening an older file applies them in one transaction.

Version 1 tables:

- ``info(key, value)``: template id, app version that wrote it, creation time;
- ``meta(id=1, data)``: the report metadata as JSON;
- ``sections(section_id, position, status, body, fields, updated_at)``: one row
  per section, body and fields as JSON — a save rewrites only changed rows;
- ``tables_data(table_id, rows, updated_at)``: table rows as JSON.

Version 2 adds the history of versions, inside the same file:

- ``history(id, kind, name, created_at, author, manifest)``: one row per
  snapshot (``kind`` is ``auto``, ``save`` or ``named``); ``manifest`` is JSON
  naming, for the template id, the metadata, each section (in order) and each
  table, the hash of that part's content;
- ``history_blobs(hash, data)``: content-addressed parts (zlib-compressed
  JSON), shared by every snapshot in which the part did not change — a
  snapshot of a draft where one section changed costs one new blob.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..constants import DRAFT_APPLICATION_ID, DRAFT_SCHEMA_VERSION

SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
    section_id TEXT PRIMARY KEY,
    position   INTEGER NOT NULL DEFAULT 0,
    status     TEXT NOT NULL,
    body       TEXT NOT NULL,
    fields     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tables_data (
    table_id   TEXT PRIMARY KEY,
    rows       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

SCHEMA_V2_ADDITIONS = """
CREATE TABLE IF NOT EXISTS history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT '',
    manifest   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS history_blobs (
    hash TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
"""

SCHEMA_V3_ADDITIONS = """
CREATE TABLE IF NOT EXISTS extras (
    name       TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

#: Tables every valid file of the current version has.
REQUIRED_TABLES = ("info", "meta", "sections", "tables_data", "history", "history_blobs", "extras")

#: Tables a file of each version must have before it is migrated.
TABLES_BY_VERSION: dict[int, tuple[str, ...]] = {
    1: ("info", "meta", "sections", "tables_data"),
    2: ("info", "meta", "sections", "tables_data", "history", "history_blobs"),
    3: REQUIRED_TABLES,
}


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Version 2: add the history tables (existing content is untouched)."""
    for statement in SCHEMA_V2_ADDITIONS.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Version 3: add the ``extras`` table (data of review, checks … by name); content untouched."""
    for statement in SCHEMA_V3_ADDITIONS.split(";"):
        if statement.strip():
            conn.execute(statement)


#: version n → function upgrading a version-n database to n+1 (inside a transaction).
#: Each must only use ``conn.execute`` (``executescript`` would commit the caller's transaction).
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the current schema in an empty database."""
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    for version in range(1, DRAFT_SCHEMA_VERSION):
        MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA application_id = {DRAFT_APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {DRAFT_SCHEMA_VERSION}")


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Upgrade a file from *from_version* to the current version (caller holds a transaction)."""
    for version in range(from_version, DRAFT_SCHEMA_VERSION):
        MIGRATIONS[version](conn)
    conn.execute(f"PRAGMA user_version = {DRAFT_SCHEMA_VERSION}")
