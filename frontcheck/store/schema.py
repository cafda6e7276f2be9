"""The store's tables, in one place (SQLAlchemy Core, dialect-neutral: SQLite or PostgreSQL).

Geometry is kept as WKB in lon/lat (WGS 84); dates as ISO ``DATE``. Derived rows (areas,
changes, timelines) key on the snapshot, which keys on the sha256 of its file's bytes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

migrations = Table(
    "frontcheck_migrations", metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# --- control history ---------------------------------------------------------------------

coverage = Table(
    "coverage", metadata,
    Column("sha256", String(64), primary_key=True),  # of the coverage geometry's WKB
    Column("description", Text, nullable=False),
    Column("geometry", LargeBinary, nullable=False),
)

snapshot = Table(
    "control_snapshot", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tracker", String(100), nullable=False),
    Column("snapshot_date", Date, nullable=False),
    Column("observed_at", DateTime(timezone=True)),
    Column("sha256", String(64), nullable=False),
    Column("source_name", Text, nullable=False),
    Column("source_format", String(40), nullable=False),
    Column("coverage_sha256", String(64), ForeignKey("coverage.sha256"), nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("tracker", "sha256", name="uq_snapshot_tracker_sha256"),
)
Index("ix_snapshot_tracker_date", snapshot.c.tracker, snapshot.c.snapshot_date)

layer = Table(
    "control_layer", metadata,
    Column("snapshot_id", Integer, ForeignKey("control_snapshot.id", ondelete="CASCADE"),
           primary_key=True),
    Column("layer", String(100), primary_key=True),
    Column("geometry", LargeBinary, nullable=False),
    Column("area_km2", Float, nullable=False),
)

change = Table(
    "control_change", metadata,
    Column("snapshot_id", Integer, ForeignKey("control_snapshot.id", ondelete="CASCADE"),
           primary_key=True),
    Column("layer", String(100), primary_key=True),
    Column("previous_snapshot_id", Integer, ForeignKey("control_snapshot.id"), nullable=False),
    Column("gained", LargeBinary, nullable=False),
    Column("lost", LargeBinary, nullable=False),
    Column("gained_km2", Float, nullable=False),
    Column("lost_km2", Float, nullable=False),
)

marker = Table(
    "control_marker", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("snapshot_id", Integer, ForeignKey("control_snapshot.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("kind", String(200), nullable=False),
    Column("label", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("icon", Text, nullable=False),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
)

# --- places ----------------------------------------------------------------------------

gazetteer_load = Table(
    "gazetteer_load", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("source_name", Text, nullable=False),
    Column("rows", Integer, nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

place = Table(
    "place", metadata,
    Column("id", String(64), primary_key=True),          # gazetteer id, e.g. gn:704422
    Column("country", String(2), nullable=False),
    Column("name_en", Text, nullable=False),
    Column("name_uk", Text, nullable=False),
    Column("name_ru", Text, nullable=False),
    Column("name_geonames", Text, nullable=False),
    Column("alt_names", Text, nullable=False),            # '|'-separated, as in the gazetteer
    Column("lat", Float),
    Column("lon", Float),
    Column("coord_source", String(40), nullable=False),
    Column("oblast", Text, nullable=False),               # gazetteer admin1 (English)
    Column("oblast_local", Text, nullable=False),
    Column("raion", Text, nullable=False),                # admin2
    Column("raion_local", Text, nullable=False),
    Column("hromada", Text, nullable=False),              # admin3
    Column("feature_class", String(40), nullable=False),
    Column("feature_code", String(10), nullable=False),
    Column("katottg_code", String(20), nullable=False),
    Column("population", Integer),
)

place_name = Table(
    "place_name", metadata,
    Column("place_id", String(64), ForeignKey("place.id", ondelete="CASCADE"), nullable=False),
    Column("key", Text, nullable=False),                  # normalised form used for lookup
    Column("name", Text, nullable=False),                 # the form as written
    Column("kind", String(20), nullable=False),           # en, uk, ru, geonames, alt, alias
    UniqueConstraint("place_id", "key", "kind", name="uq_place_name"),
)
Index("ix_place_name_key", place_name.c.key)
#: Settlements near a day's changes are found by position when a new day extends the timelines.
Index("ix_place_lonlat", place.c.lon, place.c.lat)

# --- settlement control timelines --------------------------------------------------------

footprint = Table(
    "footprint", metadata,
    Column("place_id", String(64), ForeignKey("place.id", ondelete="CASCADE"), primary_key=True),
    Column("radius_m", Float, nullable=False),
    Column("rule", String(40), nullable=False),
)

timeline_index = Table(
    "timeline_index", metadata,
    Column("tracker", String(100), primary_key=True),
    Column("footprint_sha256", String(64), nullable=False),   # which footprints were indexed
    Column("last_snapshot_id", Integer, ForeignKey("control_snapshot.id"), nullable=False),
    Column("last_date", Date, nullable=False),
    Column("built_at", DateTime(timezone=True), nullable=False),
)

timeline_interval = Table(
    "timeline_interval", metadata,
    Column("tracker", String(100), nullable=False),
    Column("layer", String(100), nullable=False),
    Column("place_id", String(64), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),       # NULL: still so at the tracker's last indexed snapshot
    Column("fraction", Float, nullable=False),
)
Index("ix_timeline_place", timeline_interval.c.place_id, timeline_interval.c.tracker,
      timeline_interval.c.layer, timeline_interval.c.valid_from)
Index("ix_timeline_open", timeline_interval.c.tracker, timeline_interval.c.layer,
      timeline_interval.c.valid_to)

# --- sources (the evidence ledger) ------------------------------------------------------

blob = Table(
    "blob", metadata,
    Column("sha256", String(64), primary_key=True),      # of the raw bytes, before decoding
    Column("size", Integer, nullable=False),
    Column("original_name", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

publisher = Table(
    "publisher", metadata,
    Column("name", Text, primary_key=True),
    Column("reliability", String(1), nullable=False, default="F"),   # Admiralty A-F
    Column("note", Text, nullable=False, default=""),
)

source = Table(
    "source", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("blob_sha256", String(64), ForeignKey("blob.sha256"), nullable=False),
    Column("item_key", Text, nullable=False),           # which item of the file, e.g. message id
    Column("kind", String(40), nullable=False),         # telegram_post, interview, article, ...
    Column("publisher", Text, nullable=False, default=""),
    Column("author", Text, nullable=False, default=""),
    Column("published_at", DateTime(timezone=True)),   # stored in UTC
    Column("utc_offset_min", Integer),    # the offset the source wrote its time in, to restore it
    Column("language", String(8), nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("retrieved_at", DateTime(timezone=True)),
    Column("text", Text, nullable=False),
    Column("credibility", String(1), nullable=False, default="6"),   # Admiralty 1-6
    Column("meta", JSON, nullable=False, default=dict),  # format-specific provenance
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("blob_sha256", "item_key", name="uq_source_item"),
)
Index("ix_source_publisher", source.c.publisher)

#: Which item a source is, apart from the file it came in: ``format \x1f publisher \x1f item
#: id`` for formats whose items carry their own ids (Telegram messages, ACLED events, tracker
#: updates), so that a re-export (other line endings, one more message) adds only new items.
source_identity = Table(
    "source_identity", metadata,
    Column("identity", Text, primary_key=True),
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False),
)

person = Table(
    "person", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("protected", Boolean, nullable=False, default=False),
    Column("protected_reason", Text, nullable=False, default=""),   # pow, detainee, minor, user
    Column("pseudonym", Text, unique=True),                         # stable, e.g. POW-1
    Column("details", JSON, nullable=False, default=dict),          # name forms, home town, unit
)

source_person = Table(
    "source_person", metadata,
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(40), primary_key=True),      # speaker, interviewer, named, author
)

# --- claims --------------------------------------------------------------------------

claim = Table(
    "claim", metadata,
    Column("id", String(80), primary_key=True),         # import id (HO-001) or c-<hash>
    Column("origin", String(20), nullable=False),       # imported, extracted
    Column("type", String(20), nullable=False),         # territorial, participation, quantity, attribute
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE")),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("quote", Text, nullable=False, default=""),
    Column("claimant", Text, nullable=False, default=""),
    Column("actor", Text, nullable=False, default=""),
    Column("action", Text, nullable=False, default=""),
    Column("place_mention", Text, nullable=False, default=""),
    Column("place_id", String(64)),                      # resolved gazetteer id, or NULL
    Column("place_candidates", JSON, nullable=False, default=list),
    Column("claim_date", Date),                          # when the claim was made
    Column("event_date", Date),                          # when the claimed event happened
    Column("date_precision", String(10), nullable=False, default="day"),
    Column("negated", Boolean, nullable=False, default=False),
    Column("fields", JSON, nullable=False, default=dict),   # numbers, subject/predicate/value, ...
    Column("cluster_id", String(80)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
Index("ix_claim_place", claim.c.place_id)
Index("ix_claim_cluster", claim.c.cluster_id)

# --- protection: users, API tokens, the audit log ----------------------------------------

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(20), nullable=False),                  # viewer, analyst, admin
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "tokens", metadata,
    Column("id", String(32), primary_key=True),                  # public part of the token
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("salt", LargeBinary, nullable=False),                 # per token, random
    Column("hash", LargeBinary, nullable=False),                 # scrypt(token, salt)
    Column("label", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

audit_log = Table(
    "audit_log", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),   # 1, 2, 3 ... no gaps
    Column("at", String(40), nullable=False),            # ISO 8601 UTC, exactly as hashed
    Column("actor", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("detail", Text, nullable=False, default="{}"),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False, unique=True),   # a fork cannot be stored
    Column("hash", String(64), nullable=False, unique=True),
)

audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),   # always 1
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

# --- speakers: claimants and publishers with several names ------------------------------

speaker_alias = Table(
    "speaker_alias", metadata,
    Column("alias_key", Text, primary_key=True),       # frontcheck.sources.speakers.speaker_key
    Column("alias", Text, nullable=False),             # as the user wrote it
    Column("identity", Text, nullable=False),          # display name of the identity
    Column("origin", String(10), nullable=False),      # manual, removed
    Column("actor", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# --- the analyst's product (issue 13): competing hypotheses and derived figures ----------
# Evidence and inputs point at claims and sources, never copy them: the matrix and the
# figures are computed when shown, from the verdicts and grades of that moment.

ach_analysis = Table(
    "ach_analysis", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question", Text, nullable=False),
    Column("created_by", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

ach_hypothesis = Table(
    "ach_hypothesis", metadata,
    Column("analysis_id", Integer, ForeignKey("ach_analysis.id", ondelete="CASCADE"),
           primary_key=True),
    Column("position", Integer, primary_key=True),          # H1, H2 ... in order added
    Column("text", Text, nullable=False),
)

ach_evidence = Table(
    "ach_evidence", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("analysis_id", Integer, ForeignKey("ach_analysis.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("claim_id", String(80), ForeignKey("claim.id", ondelete="CASCADE")),
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE")),
    Column("ratings", JSON, nullable=False, default=dict),   # hypothesis position -> CC..II
    Column("added_at", DateTime(timezone=True), nullable=False),
)

figure = Table(
    "figure", metadata,
    Column("name", String(100), primary_key=True),
    Column("expression", Text, nullable=False),
    Column("created_by", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

figure_input = Table(
    "figure_input", metadata,
    Column("figure_name", String(100), ForeignKey("figure.name", ondelete="CASCADE"),
           primary_key=True),
    Column("name", String(100), primary_key=True),
    Column("claim_id", String(80), ForeignKey("claim.id", ondelete="CASCADE")),
    Column("low", Float),           # a constant input (no claim): its low/best/high
    Column("best", Float),
    Column("high", Float),
)

report_definition = Table(
    "report_definition", metadata,
    Column("name", String(100), primary_key=True),
    Column("ach_id", Integer, ForeignKey("ach_analysis.id", ondelete="CASCADE")),
    Column("claims_filter", Text),          # ``key=value,...`` (see claims.selection)
    Column("figures", JSON, nullable=False, default=list),   # figure names shown
    Column("title", Text, nullable=False, default=""),
    Column("created_by", Text, nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

#: Tables created by each migration, in order; a migration is never edited once released.
MIGRATION_TABLES: dict[str, tuple[str, ...]] = {
    "0001_control_and_places": (
        "coverage", "control_snapshot", "control_layer", "control_change", "control_marker",
        "gazetteer_load", "place", "place_name", "footprint", "timeline_index",
        "timeline_interval",
    ),
    "0002_sources_and_claims": (
        "blob", "publisher", "source", "person", "source_person", "claim",
    ),
    "0003_protection": ("users", "tokens", "audit_log", "audit_head"),
    "0004_place_position_index": (),
    "0005_source_identity": ("source_identity",),
    "0007_claimant_identity": ("speaker_alias",),
    # 0006 (PostGIS geometry) is applied outside this table, where the extension exists
    "0008_analysis": ("ach_analysis", "ach_hypothesis", "ach_evidence", "figure",
                      "figure_input"),
    "0009_reports": ("report_definition",),
}
#: Indexes added by a migration to tables an earlier one created (new stores get them with
#: their tables; ``checkfirst`` makes that harmless).
MIGRATION_INDEXES: dict[str, tuple[tuple[str, str], ...]] = {
    "0004_place_position_index": (("place", "ix_place_lonlat"),),
}

