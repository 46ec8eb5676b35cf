/* schema.c - every version of the schema, as the steps that lead to it.
 *
 * A database records its version in PRAGMA user_version; store_open() runs the
 * missing steps in one transaction. Steps are never edited once released: a
 * change is a new step at the end. Every row that can travel between units has
 * a global id (gid): random, or derived from its natural key, so rows from many
 * installations merge without clashing; the integer ids are local only. */
#include <config.h>

#include "db/schema.h"

const char *const schema_migrations[] = {
	/* 0 -> 1: the model. */
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  name_fold TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN"
	"    ('province','department','district','commune','office','other')),"
	"  parent_id INTEGER REFERENCES unit(id),"
	"  successor_id INTEGER REFERENCES unit(id),"   /* set when merged */
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created TEXT NOT NULL"
	");"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE INDEX unit_successor ON unit(successor_id);"
	/* Renames, moves and merges: the tree's history is kept. */
	"CREATE TABLE unit_history ("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  at TEXT NOT NULL,"
	"  change TEXT NOT NULL CHECK (change IN ('rename','move','merge')),"
	"  old_value TEXT,"
	"  new_value TEXT"
	");"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT"
	");"
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  issuer_id INTEGER NOT NULL REFERENCES unit(id),"
	"  number TEXT NOT NULL,"          /* as printed: 3409/QĐ-UBND */
	"  issued TEXT,"                   /* YYYY-MM-DD */
	"  title TEXT NOT NULL,"
	"  start_year INTEGER NOT NULL,"
	"  end_year INTEGER NOT NULL CHECK (end_year >= start_year),"
	"  source_hash TEXT"
	");"
	"CREATE UNIQUE INDEX plan_number ON plan(issuer_id, number) WHERE number <> '';"
	"CREATE TABLE section ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  parent_id INTEGER REFERENCES section(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  code TEXT NOT NULL,"
	"  title TEXT NOT NULL"
	");"
	"CREATE INDEX section_plan ON section(plan_id, position);"
	"CREATE INDEX section_parent ON section(parent_id);"
	/* Tasks are ordered by position: printed numbers can repeat. */
	"CREATE TABLE task ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
	"  section_id INTEGER REFERENCES section(id) ON DELETE CASCADE,"
	"  parent_id INTEGER REFERENCES task(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  number TEXT NOT NULL DEFAULT '',"
	"  title TEXT NOT NULL,"
	"  output TEXT NOT NULL DEFAULT '',"
	"  method TEXT NOT NULL DEFAULT '',"
	"  extra TEXT NOT NULL DEFAULT '',"    /* columns the importer did not know */
	"  sched_text TEXT NOT NULL DEFAULT '',"
	"  sched_kind TEXT NOT NULL DEFAULT 'unknown',"
	"  sched_start TEXT,"
	"  sched_due TEXT,"
	"  sched_recurs TEXT CHECK (sched_recurs IN ('yearly','quarterly')),"
	"  search_fold TEXT NOT NULL DEFAULT ''," /* folded text for search */
	"  UNIQUE (plan_id, position)"
	");"
	"CREATE INDEX task_section ON task(section_id);"
	"CREATE INDEX task_parent ON task(parent_id);"
	"CREATE INDEX task_due ON task(sched_due);"
	"CREATE TABLE assignment ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  agency_text TEXT NOT NULL DEFAULT '',"  /* as written; kept when unresolved */
	"  role TEXT NOT NULL CHECK (role IN ('lead','coord')),"
	"  assigned_by INTEGER REFERENCES unit(id),"  /* NULL: the plan's issuer */
	"  CHECK (unit_id IS NOT NULL OR agency_text <> '')"
	");"
	"CREATE INDEX assignment_task ON assignment(task_id, unit_id);"
	"CREATE INDEX assignment_unit ON assignment(unit_id, task_id);"
	/* Status lives on (task, unit, period). evidence is one line per
	 * document: number TAB issue date TAB file hash. hlc orders one unit's
	 * own edits (hybrid logical clock, see core/hlc.c). */
	"CREATE TABLE status_record ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  period TEXT NOT NULL,"             /* 2024Q2 */
	"  status TEXT NOT NULL CHECK (status IN ('todo','doing','done','blocked')),"
	"  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  completed TEXT,"
	"  author_id INTEGER NOT NULL REFERENCES unit(id),"
	"  hlc INTEGER NOT NULL,"
	"  updated TEXT NOT NULL,"
	"  UNIQUE (task_id, unit_id, period)"
	");"
	"CREATE INDEX status_record_unit ON status_record(unit_id, period);"
	/* Append-only: every change of a status record, as it was after it. */
	"CREATE TABLE status_history ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  record_id INTEGER NOT NULL REFERENCES status_record(id) ON DELETE CASCADE,"
	"  hlc INTEGER NOT NULL,"
	"  at TEXT NOT NULL,"
	"  author_id INTEGER NOT NULL REFERENCES unit(id),"
	"  status TEXT NOT NULL,"
	"  progress INTEGER NOT NULL,"
	"  note TEXT NOT NULL,"
	"  evidence TEXT NOT NULL,"
	"  completed TEXT"
	");"
	"CREATE INDEX status_history_record ON status_history(record_id, hlc);"
	"CREATE TRIGGER status_history_append_only BEFORE UPDATE ON status_history"
	" BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;",

	/* 1 -> 2: room for signed bundles, and the reporting calendar per plan. */
	"CREATE TABLE unit_key ("
	"  id INTEGER PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  public_key BLOB NOT NULL UNIQUE,"
	"  certificate BLOB,"                 /* signed by the parent unit */
	"  trusted_root INTEGER NOT NULL DEFAULT 0,"
	"  valid_from TEXT,"
	"  valid_until TEXT"
	");"
	/* What each peer acknowledged of each origin's record log. */
	"CREATE TABLE sync_peer ("
	"  peer_id INTEGER NOT NULL REFERENCES unit(id),"
	"  origin_id INTEGER NOT NULL REFERENCES unit(id),"
	"  acked_seq INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (peer_id, origin_id)"
	") WITHOUT ROWID;"
	/* Every local change, per origin, gapless: what bundles carry. */
	"CREATE TABLE change_log ("
	"  origin_id INTEGER NOT NULL REFERENCES unit(id),"
	"  seq INTEGER NOT NULL,"
	"  hlc INTEGER NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  gid TEXT NOT NULL,"
	"  payload BLOB NOT NULL,"
	"  PRIMARY KEY (origin_id, seq)"
	") WITHOUT ROWID;"
	"CREATE TABLE bundle_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  sender TEXT,"
	"  kind TEXT,"
	"  outcome TEXT NOT NULL,"            /* applied, already-applied, refused */
	"  reason TEXT NOT NULL DEFAULT ''"
	");"
	"ALTER TABLE plan ADD COLUMN calendar TEXT NOT NULL DEFAULT 'calendar'"
	"  CHECK (calendar IN ('calendar','reporting'));",

	/* 2 -> 3: agencies an officer mapped to a unit by hand, remembered for
	 * every later import. */
	"CREATE TABLE agency_map ("
	"  name_fold TEXT PRIMARY KEY,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id)"
	") WITHOUT ROWID;",

	/* 3 -> 4: tasks whose dates spill over their plan's years, indexed, so
	 * a quarter's tasks are found without examining every task; records by
	 * state, for the done and overdue tests. */
	"ALTER TABLE task ADD COLUMN spills INTEGER NOT NULL DEFAULT 0;"
	"UPDATE task SET spills = " TASK_SPILLS("task.plan_id") ";"
	"CREATE INDEX task_spill ON task(sched_due) WHERE spills;"
	"CREATE INDEX plan_years ON plan(start_year, end_year);"
	/* "done in this quarter", "done by then": one probe per task. */
	"CREATE INDEX status_record_state ON status_record(task_id, status, period);",
	/* 4 -> 5: tasks due after 14 December of their plan's last year fall in
	 * the next year on the reporting calendar: they spill too. */
	"UPDATE task SET spills = " TASK_SPILLS("task.plan_id") ";",
	/* 5 -> 6: a unit submits its report for a period; a record changed
	 * after that is a supplementary report (báo cáo bổ sung). */
	"CREATE TABLE submission ("
	"  id INTEGER PRIMARY KEY,"
	"  gid TEXT NOT NULL UNIQUE,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  period TEXT NOT NULL,"             /* 2024Q2 */
	"  submitted TEXT NOT NULL,"          /* ISO 8601 UTC */
	"  author_id INTEGER NOT NULL REFERENCES unit(id),"
	"  UNIQUE (unit_id, period)"
	");"
	"ALTER TABLE status_record ADD COLUMN supplementary INTEGER NOT NULL DEFAULT 0;",
	/* 6 -> 7: signed bundles. The record log (change_log) holds every status
	 * change and submission, local or received; an entry that cites a task
	 * or unit not known yet waits unapplied. Received batches are kept as
	 * they came, signed, to relay upward unchanged. The log starts with
	 * what the tables hold, in the order it happened. */
	"ALTER TABLE change_log ADD COLUMN applied INTEGER NOT NULL DEFAULT 1;"
	"CREATE INDEX change_log_pending ON change_log(origin_id, seq) WHERE NOT applied;"
	"CREATE TABLE batch ("
	"  origin_id INTEGER NOT NULL REFERENCES unit(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('plan','report')),"
	"  first_seq INTEGER NOT NULL,"
	"  last_seq INTEGER NOT NULL CHECK (last_seq >= first_seq),"
	"  body BLOB NOT NULL,"
	"  PRIMARY KEY (origin_id, kind, first_seq, last_seq)"
	") WITHOUT ROWID;"
	"ALTER TABLE bundle_log ADD COLUMN hash TEXT;"
	"ALTER TABLE bundle_log ADD COLUMN summary TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX bundle_log_hash ON bundle_log(hash);"
	"INSERT INTO change_log(origin_id, seq, hlc, entity, gid, payload)"
	" SELECT origin, row_number() OVER (PARTITION BY origin ORDER BY at, hlc, n),"
	"  hlc, entity, gid, payload FROM ("
	"  SELECT h.author_id AS origin, h.at AS at, h.hlc AS hlc, h.id AS n,"
	"   'record' AS entity, h.gid AS gid, " LOG_RECORD_PAYLOAD " AS payload"
	LOG_RECORD_FROM
	"  UNION ALL SELECT s.author_id, s.submitted, 0, s.id, 'submission', s.gid, "
	LOG_SUBMISSION_PAYLOAD LOG_SUBMISSION_FROM ");",
	/* 7 -> 8: when a bundle brought a unit's submission here (NULL: it was
	 * submitted here): the level above judges timeliness by it. */
	"ALTER TABLE submission ADD COLUMN received TEXT;",
	/* 8 -> 9: search by substring through a trigram index of the folded
	 * text, kept by triggers: a search among 100k tasks reads the matches,
	 * not every task of the year. */
	"CREATE VIRTUAL TABLE task_fts USING fts5(search_fold, content='task', content_rowid='id',"
	"  tokenize='trigram');"
	"INSERT INTO task_fts(task_fts) VALUES ('rebuild');"
	"CREATE TRIGGER task_fts_insert AFTER INSERT ON task BEGIN"
	"  INSERT INTO task_fts(rowid, search_fold) VALUES (new.id, new.search_fold); END;"
	"CREATE TRIGGER task_fts_delete AFTER DELETE ON task BEGIN"
	"  INSERT INTO task_fts(task_fts, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);"
	"  END;"
	"CREATE TRIGGER task_fts_update AFTER UPDATE OF search_fold ON task BEGIN"
	"  INSERT INTO task_fts(task_fts, rowid, search_fold) VALUES ('delete', old.id, old.search_fold);"
	"  INSERT INTO task_fts(rowid, search_fold) VALUES (new.id, new.search_fold); END;",
	/* 9 -> 10: a task due after 14/12 every year has its last occurrence in
	 * the year after its plan on the reporting calendar: it spills. */
	"UPDATE task SET spills = " TASK_SPILLS("task.plan_id") ";"
	"CREATE INDEX task_spill_yearly ON task(plan_id) WHERE spills AND sched_recurs = 'yearly';",
	/* 10 -> 11: the latest 'created' time of a bundle accepted from each
	 * sender: an older one is a replay (or a clock gone back) and is
	 * refused. */
	"CREATE TABLE sender_clock ("
	"  unit_id INTEGER PRIMARY KEY REFERENCES unit(id),"
	"  created INTEGER NOT NULL"
	");",
	/* 11 -> 12: a task's plan by its id in a few bytes: a unit's quarter is
	 * found from its assignments, and checking each one's plan years should
	 * not read the whole task row. */
	"CREATE INDEX task_plan_of ON task(id, plan_id, spills);",
	/* 12 -> 13: a task's records in period order with what its state is
	 * made of, in the index itself: a listed task's state is read from a
	 * few adjacent index entries instead of one table page per record
	 * (records are stored in the order they arrived, not by task). It
	 * answers "done by then" as well, so the older index goes. */
	"CREATE INDEX status_record_window ON status_record"
	"(task_id, period, unit_id, status, progress, completed);"
	"DROP INDEX status_record_state;",
};

const int schema_version = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
