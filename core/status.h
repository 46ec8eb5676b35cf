/* status.h - status records on (task, unit, period), their history, and the
 * state derived from them (overdue, done on time, done late). */
#ifndef CORE_STATUS_H
#define CORE_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

enum task_state {
	STATE_NOT_STARTED,
	STATE_IN_PROGRESS,
	STATE_BLOCKED,
	STATE_OVERDUE,
	STATE_DONE_ON_TIME,
	STATE_DONE_LATE,
	STATE_DONE,                 /* done, with no due date to compare */
};

/* status: todo doing done blocked (NULL: no record, todo); completed and due:
 * YYYY-MM-DD or NULL. Overdue means not done and due before today. */
enum task_state status_state(const char *status, const char *completed, const char *due,
			     struct date today);
/* "not-started", "in-progress", ..., for scripts. */
const char *state_name(enum task_state s);
/* The same in the user's language. */
const char *state_label(enum task_state s);

/* 1 if s is todo, doing, done or blocked. */
int status_valid(const char *s);

/* A change to one status record. NULL / -1 fields keep the current value. */
struct status_change {
	const char *task;           /* id or global id */
	const char *unit;           /* code; NULL: the acting unit */
	const char *period;         /* 2024Q2; NULL: the current quarter */
	const char *status;
	int progress;               /* 0..100; -1 keeps */
	const char *note;
	const char *evidence;       /* a document reference to add: "12/BC-UBND 15/06/2024" */
	const char *evidence_hash;  /* hash of the evidence file, kept with it */
	int clear_evidence;
	const char *evidence_all;   /* replaces every reference (undo): lines as stored */
	const char *completed;      /* date; NULL: today when the status becomes done */
};

/* Apply the change in one transaction and append it to the history. */
int status_set(struct core *c, const struct status_change *ch, struct error *err);

/* The history of the record with this id, oldest first. */
int status_history(struct core *c, int64_t record_id, record_fn fn, void *ctx,
		   struct error *err);

/* One evidence line ("number TAB date TAB hash") split into its parts; the
 * parts are copied into the buffers. Returns the start of the next line, or
 * NULL at the end. */
const char *evidence_next(const char *lines, char number[128], char date[11], char hash[80]);

/* Hex BLAKE2b-256 of a file's contents, for --evidence-file (out: 65 bytes). */
int evidence_hash_file(const char *path, char out[65], struct error *err);

/* Rolling up the records of several units (or periods) into one state: the
 * latest record of each unit counts; done when all are done, blocked when
 * any is, in progress when any has started, overdue when the due date has
 * passed before all were done. */
struct rollup {
	size_t n, cap;
	struct rollup_entry {
		int64_t unit_id;
		char status[8];
		char completed[11];
		int progress;
	} *v;
};

/* Records must come in period order; a later one replaces its unit's earlier. */
int rollup_add(struct rollup *r, const struct status_record *rec);
enum task_state rollup_state(const struct rollup *r, const char *due, struct date today);
void rollup_clear(struct rollup *r);

#endif
