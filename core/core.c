/* core.c - opening the database and the small services every core module
 * uses: timestamps, the clock, cleaning text that users type. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/hlc.h"
#include "core/internal.h"
#include "core/text.h"
#include "db/i18n.h"

int core_open(struct core **out, const char *path, int flags, struct error *err)
{
	struct core *c = calloc(1, sizeof *c);
	int rc, sflags = 0;

	*out = NULL;
	if (!c)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if (flags & CORE_READONLY)
		sflags |= STORE_READONLY;
	if (flags & CORE_NO_CHECK)
		sflags |= STORE_NO_CHECK;
	if ((rc = store_open(&c->store, path, sflags, err))) {
		free(c);
		return rc;
	}
	if (flags & CORE_BULK)
		store_set_fast(c->store);
	c->today = date_today();
	*out = c;
	return ERR_OK;
}

void core_close(struct core *c)
{
	if (!c)
		return;
	store_close(c->store);
	free(c);
}

int core_begin(struct core *c, struct error *err)
{
	return store_begin(c->store, err);
}

int core_commit(struct core *c, struct error *err)
{
	return store_commit(c->store, err);
}

void core_rollback(struct core *c)
{
	store_rollback(c->store);
}

int core_in_transaction(const struct core *c)
{
	return store_in_transaction(c->store);
}

const char *core_path(const struct core *c)
{
	return store_path(c->store);
}

struct date core_today(const struct core *c)
{
	return c->today;
}

void core_set_today(struct core *c, struct date d)
{
	c->today = d;
}

void core_timestamp(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int core_next_hlc(struct core *c, int64_t *out, struct error *err)
{
	char *last = NULL, buf[24];
	int rc;

	if ((rc = store_setting_get(c->store, "hlc", &last, err)))
		return rc;
	*out = hlc_next(last ? strtoll(last, NULL, 10) : 0, hlc_now_ms());
	free(last);
	snprintf(buf, sizeof buf, "%lld", (long long)*out);
	return store_setting_set(c->store, "hlc", buf, err);
}

int core_clean_text(const char *in, const char *what, int required, size_t max, char **out,
		    struct error *err)
{
	const char *start = in, *end;
	char *trimmed;

	*out = NULL;
	if (!text_is_utf8(in))
		return error_set(err, ERR_INVALID, _("%s: not valid UTF-8 text"), what);
	while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' ||
			       end[-1] == '\r'))
		end--;
	if (required && end == start)
		return error_set(err, ERR_INVALID, _("%s: must not be empty"), what);
	if (!(trimmed = strndup(start, (size_t)(end - start))))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	*out = text_nfc(trimmed);
	free(trimmed);
	if (!*out)
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	if (strlen(*out) > max) {
		size_t n = strlen(*out);

		free(*out);
		*out = NULL;
		return error_set(err, ERR_INVALID,
			_("%s: %zu bytes long, more than the %zu it may hold"), what, n, max);
	}
	return ERR_OK;
}

static int take_id(const struct unit *u, void *ctx)
{
	*(int64_t *)ctx = u->id;
	return 0;
}

int core_unit_id(struct core *c, const char *code, int64_t *id, struct error *err)
{
	int rc;

	*id = 0;
	if ((rc = store_unit_find(c->store, code, take_id, id, err)))
		return rc;
	if (!*id)
		return error_set(err, ERR_NOTFOUND,
			_("no unit with code '%s' (see 'dondoc unit list')"), code);
	return ERR_OK;
}

int core_read_file(const char *path, size_t max, unsigned char **data, size_t *len,
		   struct error *err)
{
	unsigned char *buf = NULL, *more;
	size_t cap = 0, n = 0;
	FILE *f;

	*data = NULL;
	*len = 0;
	if (!(f = fopen(path, "rb")))
		return error_set(err, ERR_IO, _("%s: cannot read: %s"), path, strerror(errno));
	/* The size a file claims is not trusted (a device or a pipe says 0):
	 * read until its end or one byte past the limit. */
	do {
		cap = cap ? cap * 2 : 65536;
		if (cap > max + 1)
			cap = max + 1;
		if (!(more = realloc(buf, cap + 1))) {
			fclose(f);
			free(buf);
			return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		}
		buf = more;
		n += fread(buf + n, 1, cap - n, f);
	} while (n == cap && cap <= max && !ferror(f));
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(buf);
		return error_set(err, ERR_IO, _("%s: cannot read: %s"), path, strerror(e));
	}
	fclose(f);
	if (n > max) {
		free(buf);
		if (max % (1 << 20) == 0)
			return error_set(err, ERR_INVALID, _("%s: larger than the %zu MiB it may be"),
					 path, max >> 20);
		return error_set(err, ERR_INVALID, _("%s: larger than the %zu bytes it may be"), path,
				 max);
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return ERR_OK;
}

int core_write_file(const char *path, const void *data, size_t len, struct error *err)
{
	char tmp[4096];
	FILE *f;

	if ((size_t)snprintf(tmp, sizeof tmp, "%s.part", path) >= sizeof tmp)
		return error_set(err, ERR_IO, _("%s: the path is too long"), path);
	if (!(f = fopen(tmp, "wb")))
		return error_set(err, ERR_IO, _("%s: cannot write: %s"), tmp, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		int e = errno;

		fclose(f);
		unlink(tmp);
		return error_set(err, ERR_IO, _("%s: cannot write: %s"), tmp, strerror(e));
	}
	fclose(f);
	if (rename(tmp, path) != 0) {
		int e = errno;

		unlink(tmp);
		return error_set(err, ERR_IO, _("%s: cannot write: %s"), path, strerror(e));
	}
	return ERR_OK;
}
