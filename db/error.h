/* error.h - the one error type that core/ and db/ functions return.
 *
 * A function that can fail returns an enum err_code (0 is success) and fills a
 * caller-provided struct error with a message a person can act on, already in
 * the user's language: "what: why" with the file, line or value it concerns.
 * Only tui/ decides whether to print it or exit. */
#ifndef DB_ERROR_H
#define DB_ERROR_H

/* Code, and the generic text used when no detail is available. */
#define ERROR_CODES(X)                                        \
	X(OK,       N_("success"))                            \
	X(NOMEM,    N_("out of memory"))                      \
	X(IO,       N_("input/output error"))                 \
	X(DB,       N_("database error"))                     \
	X(CORRUPT,  N_("the database file is damaged"))       \
	X(NEWER,    N_("the database is from a newer dondoc"))\
	X(READONLY, N_("the database is read-only"))          \
	X(BUSY,     N_("the database is busy"))               \
	X(NOTFOUND, N_("not found"))                          \
	X(INVALID,  N_("invalid value"))                      \
	X(EXISTS,   N_("already exists"))                     \
	X(DENIED,   N_("not allowed"))

enum err_code {
#define X(name, text) ERR_##name,
	ERROR_CODES(X)
#undef X
};

struct error {
	enum err_code code;
	char msg[768];
};

/* Record an error and return its code, so callers can write
 * "return error_set(err, ERR_INVALID, _("..."), ...);". A NULL err is allowed. */
enum err_code error_set(struct error *err, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix an existing message with context ("PATH: " + old message). */
enum err_code error_prefix(struct error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The generic text for a code, translated. */
const char *error_text(enum err_code code);

void error_clear(struct error *err);

#endif
