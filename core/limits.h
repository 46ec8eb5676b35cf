/* limits.h - how long each kind of text may be, and how much one bundle may
 * hold. The same numbers are checked where text is written here (so an
 * honest unit never makes a bundle the level above refuses) and where it
 * arrives in a bundle (so a small file cannot fill a district's disk).
 * Lengths are bytes of UTF-8 (a Vietnamese letter takes two or three). */
#ifndef CORE_LIMITS_H
#define CORE_LIMITS_H

enum {
	UNIT_CODE_MAX = 32,
	UNIT_NAME_MAX = 512,
	SHORT_TEXT_MAX = 128,           /* plan and task numbers, section codes */
	PLAN_TEXT_MAX = 8192,           /* a title, output, method or schedule; the
					 * samples' longest cell is under 1,000 */
	AGENCY_TEXT_MAX = 1024,         /* an agency as the document wrote it */
	SEARCH_TEXT_MAX = 65536,        /* a task's folded search text */
	NOTE_MAX = 4096,                /* a status record's note */
	EVIDENCE_MAX = 4096,            /* its evidence, one document a line */

	/* Files read: an agency directory (a few hundred lines), whole; an
	 * evidence document, hashed as it streams by (a scan of a few MB). */
	AGENCY_FILE_MAX = 4 << 20,
	UNIT_FILE_MAX = 4 << 20,    /* a unit tree: a province has ~120 lines */
	EVIDENCE_FILE_MAX = 1 << 30,

	/* A bundle: entries of all its batches together, and how many times
	 * larger than its compressed bytes a batch may claim to inflate (text
	 * compresses 4 to 10 times; zlib can reach 1,000). Small batches may
	 * inflate to RATIO_FLOOR whatever their ratio. */
	BUNDLE_ITEMS_MAX = 1000000,
	INFLATE_RATIO_MAX = 40,
	INFLATE_RATIO_FLOOR = 1 << 20,
};

#endif
