"""Engine-specific parts of the search index.

SQLite: an FTS5 table mirroring the term columns, kept current by triggers (so bulk_create and
raw deletes keep it right too). PostgreSQL: pg_trgm, a GIN index on the stored vector and a
trigram index on the vocabulary.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms_a, terms_b, terms_c,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        DELETE FROM search_fts WHERE rowid = old.id;
        INSERT INTO search_fts(rowid, terms_a, terms_b, terms_c)
        VALUES (new.id, new.terms_a, new.terms_b, new.terms_c);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    # Finer statistics on the lexemes: the planner then knows a rare word from a common one and
    # takes the GIN index instead of a sequential scan.
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STATISTICS 1000",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_vocabulary_word_trgm ON search_vocabularyentry "
    "USING gin (word gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_vocabulary_word_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor == "sqlite" and statements_by_vendor is FORWARD:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA compile_options")
                if "ENABLE_FTS5" not in {row[0] for row in cursor.fetchall()}:
                    raise RuntimeError(
                        "Deze SQLite is gebouwd zonder FTS5; het zoeken heeft FTS5 nodig. "
                        "Gebruik een Python/SQLite met FTS5 (standaard in Debian en python.org) "
                        "of PostgreSQL via DATABASE_URL."
                    )
        for statement in statements_by_vendor.get(connection.vendor, []):
            schema_editor.execute(statement)

    return run


FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document_and_vocabulary")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
