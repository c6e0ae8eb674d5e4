"""The agreement list's title search and party filter, read from indexes, and a check that the
derived tables they read agree with the agreements.

- `party`: agreement_parties(agreement_id, party), indexed on (party, agreement_id), the same on
  both databases; triggers made by migration 0016 keep it in step with agreements.parties on
  every write. One design for both: PostgreSQL's GIN index on the jsonb column cannot return
  rows in id order, so a common party would be read whole and sorted before a page is cut.
- `q` (a case-insensitive substring of the title) of 3 characters or more: a trigram index.
  SQLite: FTS5's trigram tokenizer (the table agreement_titles, a phrase query, which matches
  a substring exactly, folding case as Unicode does). PostgreSQL: pg_trgm's GIN index, which
  `title ILIKE '%q%'` uses.
- On SQLite an ASCII `q` first reads COMMON_QUERY_WINDOW titles in id order (scan_first).
- `q` of 1 or 2 characters has no trigram to look up. The list then reads the titles themselves,
  in id order, at most SHORT_QUERY_WINDOW agreements a page: a page may hold fewer than `limit`
  agreements (none, even) and still carry a next_cursor, which continues after the agreements
  read. A short query is cheap when it is common (a page fills early) and bounded when it is rare.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from service.agreements.models import TITLE_SEARCH_TABLE, TITLE_TRIGRAM_INDEX
from service.agreements.models import agreement_parties_table as P
from service.agreements.models import agreements_table as A
from service.db import Database

TRIGRAM = 3
# Agreements a 1–2 character `q` reads for one page: about 2 ms of titles on SQLite.
SHORT_QUERY_WINDOW = 2_000
# SQLite: agreements a `q` reads in id order before it turns to the index (see scan_first).
COMMON_QUERY_WINDOW = 1_000
# SQLite only (migration 0016): not in the metadata, so a lightweight table clause.
titles = sa.table(TITLE_SEARCH_TABLE, sa.column("title", sa.String), sa.column("agreement_id", sa.String))


def indexed(q: str) -> bool:
    """Whether the trigram index answers `q` (it has a trigram: 3 characters or more)."""
    return len(q) >= TRIGRAM


def scan_first(db: Database, q: str) -> bool:
    """Whether a page for `q` first reads COMMON_QUERY_WINDOW titles in id order, then the index
    after them. On SQLite an FTS5 query reads every match before the page is cut (about 1 ms per
    1,000), so a `q` in every title ("united states") would read them all; a common one fills its
    page from the first titles instead. Only for an ASCII `q`: there LIKE's case folding and
    FTS5's agree. PostgreSQL's planner makes this choice itself from pg_trgm's estimates."""
    return db.is_sqlite and q.isascii()


def _like_pattern(q: str) -> str:
    escaped = q.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


def title_contains(db: Database, q: str, *, scan: bool = False) -> sa.ColumnElement[bool]:
    """The agreement's title contains `q`, ignoring case; from the trigram index unless `scan`
    (a short `q` has no trigram)."""
    if scan or not indexed(q):
        return A.c.title.icontains(q, autoescape=True)
    if db.is_sqlite:
        # A quoted FTS5 string is one phrase of consecutive trigrams: the substring, nothing else.
        # Inside it every character but the double quote (doubled here) is literal: % _ \ included.
        phrase = '"' + q.replace('"', '""') + '"'
        return A.c.id.in_(sa.select(titles.c.agreement_id).where(titles.c.title.match(phrase)))
    # The pattern is built here, not concatenated in SQL: pg_trgm extracts trigrams from it.
    return A.c.title.ilike(_like_pattern(q), escape="/")


async def window_end(conn: AsyncConnection, after: str | None, size: int) -> str | None:
    """The id `size` agreements after `after` (id order, on the primary key): where a window of
    titles read for `q` ends. None when fewer remain (the window reaches the end)."""
    query = sa.select(A.c.id).order_by(A.c.id).offset(size - 1).limit(1)
    if after is not None:
        query = query.where(A.c.id > after)
    return (await conn.execute(query)).scalar()


# -- consistency ----------------------------------------------------------------------------


async def check_search_indexes(db: Database) -> list[str]:
    """What is wrong with the derived tables the list reads (empty when nothing): every
    agreement's parties in agreement_parties and nothing else there; on SQLite, every title in
    agreement_titles under the agreement's rowid, once. Reads whole tables: for checks and
    benchmarks (bench/), never a request."""
    problems: list[str] = []
    async with db.read() as conn:
        if db.is_sqlite:
            expected = sa.text("SELECT a.id, p.value FROM agreements AS a, json_each(a.parties) AS p")
        else:
            expected = sa.text("SELECT a.id, p FROM agreements AS a, jsonb_array_elements_text(a.parties) AS p")
        want = {(r[0], r[1]) for r in await conn.execute(expected)}
        have = {(r[0], r[1]) for r in await conn.execute(sa.select(P.c.agreement_id, P.c.party))}
        problems += [f"agreement_parties lacks {aid} {party}" for aid, party in sorted(want - have)]
        problems += [f"agreement_parties has {aid} {party}, not a party of it" for aid, party in sorted(have - want)]
        if db.is_sqlite:
            agreements = {
                r[0]: (r[1], r[2]) for r in await conn.execute(sa.text("SELECT rowid, id, title FROM agreements"))
            }
            indexed_rows = {
                r[0]: (r[1], r[2])
                for r in await conn.execute(sa.text(f"SELECT rowid, agreement_id, title FROM {TITLE_SEARCH_TABLE}"))
            }
            for rowid in sorted(agreements.keys() | indexed_rows.keys()):
                if agreements.get(rowid) != indexed_rows.get(rowid):
                    problems.append(
                        f"{TITLE_SEARCH_TABLE} row {rowid} is {indexed_rows.get(rowid)}, "
                        f"the agreement row is {agreements.get(rowid)}"
                    )
        else:
            index = (
                await conn.execute(
                    sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"),
                    {"name": TITLE_TRIGRAM_INDEX},
                )
            ).scalar()
            if index is None or "gin_trgm_ops" not in index:
                problems.append(f"{TITLE_TRIGRAM_INDEX} is missing or not a trigram index: {index}")
    if db.is_sqlite:
        # FTS5's own check of its inverted index against its rows; a command, so on the writer.
        statement = f"INSERT INTO {TITLE_SEARCH_TABLE} ({TITLE_SEARCH_TABLE}) VALUES ('integrity-check')"
        try:
            await db.write(lambda sync: sync.exec_driver_sql(statement))
        except sa.exc.DatabaseError as error:
            problems.append(f"{TITLE_SEARCH_TABLE} integrity-check: {error.orig}")
    return problems
