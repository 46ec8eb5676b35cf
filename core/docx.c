/* docx.c - see docx.h.
 *
 * libzip reads the container (from memory: nothing is written to disk, so
 * an entry's name is only ever compared, never used as a path) and expat
 * the XML, as a stream of start, end and text events. Three parts matter:
 * word/document.xml (paragraphs and tables), word/numbering.xml (how
 * automatic numbers look) and word/styles.xml (the styles that number their
 * paragraphs, "List Number" say); without the last two there are simply no
 * automatic numbers.
 *
 * A table is gathered whole, then written: whether it is a task table (from
 * a header row starting "STT" on; rows above it are titles) decides how,
 * and merged cells can only be resolved once the rows above are known.
 * Tables inside a cell add their paragraphs to that cell. The main part is
 * taken to be word/document.xml, where Word and LibreOffice put it. */
#include <config.h>

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/docread.h"
#include "core/docx.h"
#include "db/i18n.h"

/* Bounds for untrusted files: a plan's document.xml is a few MiB (3,000
 * table rows: 1.8 MiB as tests/bench/docx.sh writes them, several times
 * that with Word's formatting); numbering.xml and styles.xml tens of KiB. */
enum {
	MAX_DOCUMENT_XML = 64 << 20,
	MAX_NUMBERING_XML = 4 << 20,   /* and styles.xml */
	MAX_TEXT = 32 << 20,        /* the text made, merged cells' copies included */
	MAX_DEPTH = 256,            /* XML elements open at once */
	MAX_LEVELS = 9,             /* Word's list levels */
	MAX_NUMS = 4096,            /* list definitions and instances */
};

/* WordprocessingML's namespace, and the one of "Strict Open XML" files. */
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

int docx_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

/* ------------------------------------------------------------ the zip */

/* The whole of entry `name`, at most `cap` bytes (the size the zip
 * declares is checked first, and the inflated bytes are counted, since the
 * declaration may lie). *out is NULL and 0 returned when there is no such
 * entry and it is optional. */
static int read_part(const char *file, zip_t *z, const char *name, size_t cap, int required,
		     char **out, size_t *outlen, struct error *err)
{
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t idx = zip_name_locate(z, name, 0), got = 0;
	char *buf;
	size_t len = 0, size;

	*out = NULL;
	*outlen = 0;
	if (idx < 0) {
		if (!required)
			return ERR_OK;
		return error_set(err, ERR_INVALID,
				 _("%s: a zip archive without %s: not a Word document (.docx)"), file,
				 name);
	}
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0)
		return error_set(err, ERR_INVALID, _("%s: %s: %s"), file, name, zip_strerror(z));
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return error_set(err, ERR_INVALID,
				 _("%s: the document is protected by a password; save it without one"),
				 file);
	if ((st.valid & ZIP_STAT_SIZE) && st.size > cap)
		return error_set(err, ERR_INVALID, _("%s: %s inflates to %llu bytes, more than %zu MiB"),
				 file, name, (unsigned long long)st.size, cap >> 20);
	if (!(f = zip_fopen_index(z, (zip_uint64_t)idx, 0)))
		return error_set(err, ERR_INVALID, _("%s: %s: %s"), file, name, zip_strerror(z));
	/* The buffer grows as bytes come (the declared size may lie), one
	 * byte past the cap telling a part that is too big. */
	size = (st.valid & ZIP_STAT_SIZE) && st.size < cap ? (size_t)st.size + 1 : 1 << 16;
	buf = NULL;
	for (;;) {
		if (len == size || !buf) {
			char *more;

			size = !buf ? size : size * 2 > cap + 1 ? cap + 1 : size * 2;
			if (!(more = realloc(buf, size + 1))) {
				free(buf);
				zip_fclose(f);
				return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			}
			buf = more;
		}
		if (len > cap || (got = zip_fread(f, buf + len, size - len)) <= 0)
			break;
		len += (size_t)got;
	}
	if (len <= cap && got < 0) {
		error_set(err, ERR_INVALID, _("%s: %s is damaged: %s"), file, name,
			  zip_file_strerror(f));
		zip_fclose(f);
		free(buf);
		return err->code;
	}
	zip_fclose(f);
	if (len > cap) {
		free(buf);
		return error_set(err, ERR_INVALID, _("%s: %s inflates to more than %zu MiB"), file,
				 name, cap >> 20);
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return ERR_OK;
}

/* Names that would climb out of a folder are a sign of a crafted archive;
 * we extract nothing, but such a file is refused rather than half read. */
static int check_names(const char *file, zip_t *z, struct error *err)
{
	zip_int64_t n = zip_get_num_entries(z, 0);

	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);

		if (!name)
			continue;
		if (name[0] == '/' || name[0] == '\\' || strstr(name, "../") ||
		    strstr(name, "..\\") || strcmp(name, "..") == 0)
			return error_set(err, ERR_INVALID,
					 _("%s: the archive holds an entry named \"%.80s\" outside its "
					   "folder: not a document Word wrote"), file, name);
	}
	return ERR_OK;
}

/* ------------------------------------------------------------ the XML */

struct level {
	int start;
	char fmt[24];               /* decimal lowerLetter upperRoman bullet ... */
	char text[32];              /* "%1.", "%1.%2", "-" */
};

/* Word counts per list definition: paragraphs of two lists (w:num) that
 * share a definition go on from each other, unless a list says where to
 * start again (startOverride), which it does the first time it is used. */
struct abstract_num {
	int id, seq;                /* seq: its place in the file */
	struct level lvl[MAX_LEVELS];
	int count[MAX_LEVELS];
	int started[MAX_LEVELS];
};

struct num {
	int id, seq, abstract;
	int start_override[MAX_LEVELS];     /* -1: none */
	int overridden[MAX_LEVELS];         /* the override has been applied */
};

/* A paragraph style that numbers its paragraphs (styles.xml). */
struct style {
	char id[64], based_on[64];  /* a style gets its list from the one it is based on */
	int seq, num_id, ilvl;
};

struct cell {
	struct sbuf text;           /* paragraphs separated by '\n' */
	int span;                   /* grid columns covered (w:gridSpan) */
	int vmerge;                 /* 0, 1 restart, 2 continue (w:vMerge) */
};

struct row {
	struct cell *cells;
	size_t n, cap;
	int grid_before;            /* grid columns left empty before the first cell */
	int header;                 /* w:tblHeader: Word repeats it on each page */
};

struct docx {
	const char *file;
	const char *part;           /* word/document.xml ... for messages */
	struct error *err;
	XML_Parser xp;
	int depth;
	int failed;                 /* err is set: stop */
	/* numbering.xml */
	struct abstract_num *abstracts;
	size_t nabstracts, capabstracts;
	struct num *nums;
	size_t nnums, capnums;
	int cur_abstract, cur_level;    /* indexes while reading them, -1 outside */
	int cur_num, cur_ilvl;
	/* styles.xml */
	struct style *styles;
	size_t nstyles, capstyles;
	int cur_style;
	/* document.xml */
	struct sbuf out;
	size_t made;                /* bytes of text made so far, all buffers */
	struct sbuf para;           /* the paragraph being read */
	int in_para, in_text, skip; /* in_para: paragraphs open (a text box nests them);
				     * skip: depth inside deleted text or a field code */
	int in_run;
	int num_id, ilvl;           /* the paragraph's own list; num_id -1: none given */
	int style_num_id, style_ilvl;   /* the list its style gives */
	int centered, prev_centered;    /* this paragraph's alignment, the last one's */
	int paragraphs;             /* written outside tables */
	int tables;                 /* w:tbl open */
	struct row *rows;           /* the outermost table's */
	size_t nrows, caprows;
	char *header;               /* the last task table header, folded */
};

/* Stop reading with "file: part at line N: why". */
static void fail(struct docx *d, const char *why)
{
	if (d->failed)
		return;
	d->failed = 1;
	error_set(d->err, ERR_INVALID, _("%s: %s at line %lu: %s"), d->file, d->part,
		  (unsigned long)XML_GetCurrentLineNumber(d->xp), why);
	XML_StopParser(d->xp, XML_FALSE);
}

static void nomem(struct docx *d)
{
	if (d->failed)
		return;
	d->failed = 1;
	error_set(d->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	XML_StopParser(d->xp, XML_FALSE);
}

/* The local name of a WordprocessingML element or attribute ("p" for
 * "<ns> p"), or NULL for other namespaces. */
static const char *wname(const char *name)
{
	size_t n = sizeof W_NS - 1, k = sizeof W_NS_STRICT - 1;

	if (strncmp(name, W_NS, n) == 0 && name[n] == ' ')
		return name + n + 1;
	return strncmp(name, W_NS_STRICT, k) == 0 && name[k] == ' ' ? name + k + 1 : NULL;
}

static const char *wattr(const char **atts, const char *local)
{
	for (; atts && atts[0]; atts += 2) {
		const char *n = wname(atts[0]);

		if (n && strcmp(n, local) == 0)
			return atts[1];
	}
	return NULL;
}

static int attr_int(const char **atts, const char *local, int dflt)
{
	const char *v = wattr(atts, local);
	char *end;
	long n;

	if (!v)
		return dflt;
	n = strtol(v, &end, 10);
	return end == v || n < 0 || n > 100000 ? dflt : (int)n;
}

static void refuse_dtd(void *ctx, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
		       int internal)
{
	struct docx *d = ctx;

	(void)name, (void)sys, (void)pub, (void)internal;
	fail(d, _("a document type declaration (DTD), which Word never writes: refused"));
}

/* Every element: the depth bound. */
static int enter(struct docx *d)
{
	if (++d->depth > MAX_DEPTH) {
		fail(d, _("elements nested too deeply"));
		return 0;
	}
	return !d->failed;
}

/* ----------------------------------------------------- numbering.xml */

/* One more element at the end of *v (n of them, room for *cap), zeroed;
 * NULL when out of memory. Doubling: a crafted file with thousands of
 * lists, rows or cells must not cost thousands of copies. */
static void *push(struct docx *d, void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t more = *cap ? *cap * 2 : 16;
		void *w = realloc(*v, more * size);

		if (!w) {
			nomem(d);
			return NULL;
		}
		*v = w;
		*cap = more;
	}
	return memset((char *)*v + (*n)++ * size, 0, size);
}

/* Sorted by id, and where an id comes twice (python-docx's template and a
 * list added to it, say) by place in the file: the first one is the one
 * Word uses, and the one the lookups below return. */
static int cmp_int(int x, int y)
{
	return (x > y) - (x < y);
}

static int by_abstract_id(const void *a, const void *b)
{
	const struct abstract_num *x = a, *y = b;

	return x->id != y->id ? cmp_int(x->id, y->id) : cmp_int(x->seq, y->seq);
}

static int by_num_id(const void *a, const void *b)
{
	const struct num *x = a, *y = b;

	return x->id != y->id ? cmp_int(x->id, y->id) : cmp_int(x->seq, y->seq);
}

static int by_style_id(const void *a, const void *b)
{
	const struct style *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : cmp_int(x->seq, y->seq);
}

/* The first element whose id is key's, in v sorted by cmp (a paragraph
 * each: a search, not a walk through every list). */
static void *first_of(const void *key, void *v, size_t n, size_t size,
		      int (*cmp)(const void *, const void *), int (*same)(const void *, const void *))
{
	char *lo = v, *hi = lo + n * size;

	/* Lower bound: the first element not before key (key's seq is -1). */
	while (lo < hi) {
		char *mid = lo + (size_t)(hi - lo) / size / 2 * size;

		if (cmp(mid, key) < 0)
			lo = mid + size;
		else
			hi = mid;
	}
	return lo < (char *)v + n * size && same(lo, key) ? lo : NULL;
}

static int same_abstract(const void *a, const void *b)
{
	return ((const struct abstract_num *)a)->id == ((const struct abstract_num *)b)->id;
}

static int same_num(const void *a, const void *b)
{
	return ((const struct num *)a)->id == ((const struct num *)b)->id;
}

static int same_style(const void *a, const void *b)
{
	return strcmp(((const struct style *)a)->id, ((const struct style *)b)->id) == 0;
}

static struct abstract_num *abstract_of(struct docx *d, int id)
{
	struct abstract_num key = {.id = id, .seq = -1};

	return first_of(&key, d->abstracts, d->nabstracts, sizeof key, by_abstract_id,
			same_abstract);
}

static struct num *num_of(struct docx *d, int id)
{
	struct num key = {.id = id, .seq = -1};

	return first_of(&key, d->nums, d->nnums, sizeof key, by_num_id, same_num);
}

static void numbering_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct docx *d = ctx;
	const char *n = wname(name), *v;
	struct level *lv = d->cur_abstract >= 0 && d->cur_level >= 0
			   ? &d->abstracts[d->cur_abstract].lvl[d->cur_level] : NULL;

	if (!enter(d) || !n)
		return;
	if (strcmp(n, "abstractNum") == 0) {
		struct abstract_num *a;

		if (d->nabstracts >= MAX_NUMS) {
			fail(d, _("too many list definitions"));
			return;
		}
		if (!(a = push(d, (void **)&d->abstracts, &d->nabstracts, &d->capabstracts,
			       sizeof *a)))
			return;
		a->id = attr_int(atts, "abstractNumId", -1);
		a->seq = (int)d->nabstracts;
		for (int i = 0; i < MAX_LEVELS; i++) {
			a->lvl[i].start = 1;
			strcpy(a->lvl[i].fmt, "decimal");
		}
		d->cur_abstract = (int)d->nabstracts - 1;
		d->cur_level = d->cur_num = -1;
	} else if (strcmp(n, "lvl") == 0 && d->cur_abstract >= 0) {
		int i = attr_int(atts, "ilvl", -1);

		d->cur_level = i < MAX_LEVELS ? i : -1;
	} else if (strcmp(n, "start") == 0 && lv) {
		lv->start = attr_int(atts, "val", 1);
	} else if (strcmp(n, "numFmt") == 0 && lv && (v = wattr(atts, "val"))) {
		snprintf(lv->fmt, sizeof lv->fmt, "%s", v);
	} else if (strcmp(n, "lvlText") == 0 && lv && (v = wattr(atts, "val"))) {
		snprintf(lv->text, sizeof lv->text, "%s", v);
	} else if (strcmp(n, "num") == 0) {
		struct num *m;

		if (d->nnums >= MAX_NUMS) {
			fail(d, _("too many lists"));
			return;
		}
		if (!(m = push(d, (void **)&d->nums, &d->nnums, &d->capnums, sizeof *m)))
			return;
		m->id = attr_int(atts, "numId", -1);
		m->seq = (int)d->nnums;
		m->abstract = -1;
		for (int i = 0; i < MAX_LEVELS; i++)
			m->start_override[i] = -1;
		d->cur_num = (int)d->nnums - 1;
		d->cur_abstract = d->cur_level = d->cur_ilvl = -1;
	} else if (strcmp(n, "abstractNumId") == 0 && d->cur_num >= 0) {
		d->nums[d->cur_num].abstract = attr_int(atts, "val", -1);
	} else if (strcmp(n, "lvlOverride") == 0 && d->cur_num >= 0) {
		d->cur_ilvl = attr_int(atts, "ilvl", -1);
	} else if (strcmp(n, "startOverride") == 0 && d->cur_num >= 0 && d->cur_ilvl >= 0 &&
		   d->cur_ilvl < MAX_LEVELS) {
		d->nums[d->cur_num].start_override[d->cur_ilvl] = attr_int(atts, "val", 1);
	}
}

static void numbering_end(void *ctx, const XML_Char *name)
{
	struct docx *d = ctx;
	const char *n = wname(name);

	d->depth--;
	if (!n)
		return;
	if (strcmp(n, "lvl") == 0)
		d->cur_level = -1;
	else if (strcmp(n, "abstractNum") == 0)
		d->cur_abstract = d->cur_level = -1;
	else if (strcmp(n, "num") == 0)
		d->cur_num = d->cur_ilvl = -1;
}

/* A list counter as its level shows it. */
static void format_counter(int value, const char *fmt, struct sbuf *b)
{
	static const char *const roman[][10] = {
		{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
		{"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
		{"", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"},
	};
	char s[48] = "";

	if (strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) {
		/* a..z, then aa, bb ... as Word does */
		int k = value > 0 ? (value - 1) % 26 : 0, times = value > 0 ? (value - 1) / 26 + 1 : 1;

		for (int i = 0; i < times && i < 8; i++)
			s[i] = (char)((fmt[0] == 'l' ? 'a' : 'A') + k);
	} else if ((strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) &&
		   value > 0 && value < 1000) {
		snprintf(s, sizeof s, "%s%s%s", roman[2][value / 100], roman[1][value / 10 % 10],
			 roman[0][value % 10]);
		if (fmt[0] == 'u')
			for (char *p = s; *p; p++)
				*p = (char)(*p - 'a' + 'A');
	} else if (strcmp(fmt, "decimalZero") == 0) {
		snprintf(s, sizeof s, "%02d", value);
	} else {
		snprintf(s, sizeof s, "%d", value);
	}
	sb_str(b, s);
}

/* The number Word shows before a paragraph of list numId at level ilvl
 * ("2.", "b)", "II."; "-" for a bullet), counting it. */
static void render_number(struct docx *d, int num_id, int ilvl, struct sbuf *b)
{
	struct num *m = num_of(d, num_id);
	struct abstract_num *a = m ? abstract_of(d, m->abstract) : NULL;
	const struct level *lv;

	if (!a || ilvl < 0 || ilvl >= MAX_LEVELS)
		return;
	lv = &a->lvl[ilvl];
	if (strcmp(lv->fmt, "none") == 0)
		return;
	if (strcmp(lv->fmt, "bullet") == 0) {
		sb_str(b, "- ");
		return;
	}
	if (m->start_override[ilvl] >= 0 && !m->overridden[ilvl]) {
		m->overridden[ilvl] = 1;
		a->count[ilvl] = m->start_override[ilvl];
	} else if (!a->started[ilvl]) {
		a->count[ilvl] = lv->start;
	} else {
		a->count[ilvl]++;
	}
	a->started[ilvl] = 1;
	for (int k = ilvl + 1; k < MAX_LEVELS; k++)
		a->started[k] = 0;
	for (const char *p = lv->text; *p; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';

			if (k <= ilvl)
				format_counter(a->started[k] ? a->count[k] : a->lvl[k].start,
					       a->lvl[k].fmt, b);
			p++;
		} else {
			sb_add(b, p, 1);
		}
	}
	sb_str(b, " ");
}

/* --------------------------------------------------------- styles.xml */

static const struct style *style_named(struct docx *d, const char *id)
{
	struct style key = {.seq = -1};

	if (!id || strlen(id) >= sizeof key.id)
		return NULL;
	strcpy(key.id, id);
	return first_of(&key, d->styles, d->nstyles, sizeof key, by_style_id, same_style);
}

/* The style that gives paragraphs of style `id` their list: itself, or
 * the nearest it is based on that has one (a few steps: chains are short,
 * and a loop must end). */
static const struct style *style_of(struct docx *d, const char *id)
{
	const struct style *st = style_named(d, id);

	for (int hops = 0; st && !st->num_id && st->based_on[0] && hops < 8; hops++)
		st = style_named(d, st->based_on);
	return st && st->num_id ? st : NULL;
}

static void styles_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct docx *d = ctx;
	const char *n = wname(name), *v;
	struct style *st = d->cur_style >= 0 ? &d->styles[d->cur_style] : NULL;

	if (!enter(d) || !n)
		return;
	if (strcmp(n, "style") == 0) {
		d->cur_style = -1;
		if (!(v = wattr(atts, "styleId")) || strlen(v) >= sizeof st->id)
			return;
		if (d->nstyles >= MAX_NUMS) {
			fail(d, _("too many styles"));
			return;
		}
		if (!(st = push(d, (void **)&d->styles, &d->nstyles, &d->capstyles, sizeof *st)))
			return;
		strcpy(st->id, v);
		st->seq = (int)d->nstyles;
		d->cur_style = (int)d->nstyles - 1;
	} else if (st && strcmp(n, "basedOn") == 0 && (v = wattr(atts, "val")) &&
		   strlen(v) < sizeof st->based_on) {
		strcpy(st->based_on, v);
	} else if (st && strcmp(n, "numId") == 0) {
		st->num_id = attr_int(atts, "val", 0);
	} else if (st && strcmp(n, "ilvl") == 0) {
		st->ilvl = attr_int(atts, "val", 0);
	}
}

static void styles_end(void *ctx, const XML_Char *name)
{
	struct docx *d = ctx;
	const char *n = wname(name);

	d->depth--;
	if (n && strcmp(n, "style") == 0)
		d->cur_style = -1;
}

/* ------------------------------------------------------ document.xml */

static struct cell *current_cell(struct docx *d)
{
	struct row *r = d->nrows ? &d->rows[d->nrows - 1] : NULL;

	return r && r->n ? &r->cells[r->n - 1] : NULL;
}

static void start_row(struct docx *d)
{
	push(d, (void **)&d->rows, &d->nrows, &d->caprows, sizeof *d->rows);
}

static void start_cell(struct docx *d)
{
	struct row *r;
	struct cell *c;

	if (!d->nrows)
		start_row(d);   /* a cell outside a row: crafted, read as a row */
	if (d->failed)
		return;
	r = &d->rows[d->nrows - 1];
	if ((c = push(d, (void **)&r->cells, &r->n, &r->cap, sizeof *c)))
		c->span = 1;
}

static void free_rows(struct docx *d)
{
	for (size_t i = 0; i < d->nrows; i++) {
		for (size_t k = 0; k < d->rows[i].n; k++)
			free(d->rows[i].cells[k].text.s);
		free(d->rows[i].cells);
	}
	d->nrows = 0;
}

static void document_start(void *ctx, const XML_Char *name, const XML_Char **atts)
{
	struct docx *d = ctx;
	const char *n = wname(name), *v;

	if (!enter(d))
		return;
	if (d->skip) {
		d->skip++;
		return;
	}
	if (!n) {
		/* A text box comes twice: for Word 2010 on (mc:Choice) and for
		 * older readers (mc:Fallback). The second is left out. */
		if (strcmp(name, MC_NS " Fallback") == 0)
			d->skip = 1;
		return;
	}
	if (strcmp(n, "p") == 0) {
		if (d->in_para++) {
			sb_str(&d->para, "\n");  /* a text box's paragraph: a line of this one */
			return;
		}
		d->para.len = 0;
		sb_str(&d->para, "");
		d->num_id = -1;
		d->ilvl = 0;
		d->style_num_id = 0;
		d->style_ilvl = 0;
		d->centered = 0;
	} else if (strcmp(n, "jc") == 0 && d->in_para) {
		v = wattr(atts, "val");
		d->centered = v && strcmp(v, "center") == 0;
	} else if (strcmp(n, "r") == 0) {
		d->in_run++;
	} else if (strcmp(n, "t") == 0) {
		d->in_text = d->in_para && d->in_run;
	} else if (strcmp(n, "tab") == 0 && d->in_para && d->in_run && !d->in_text) {
		sb_str(&d->para, " ");      /* a tab in the text, not a tab stop */
	} else if ((strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) && d->in_para && d->in_run) {
		sb_str(&d->para, "\n");
	} else if (strcmp(n, "noBreakHyphen") == 0 && d->in_para && d->in_run) {
		sb_str(&d->para, "-");
	} else if (strcmp(n, "pStyle") == 0 && d->in_para) {
		const struct style *st = style_of(d, wattr(atts, "val"));

		if (st && d->num_id < 0) {
			d->style_num_id = st->num_id;
			d->style_ilvl = st->ilvl;
		}
	} else if (strcmp(n, "numId") == 0 && d->in_para) {
		d->num_id = attr_int(atts, "val", 0);   /* 0: none, whatever the style says */
	} else if (strcmp(n, "ilvl") == 0 && d->in_para) {
		d->ilvl = attr_int(atts, "val", 0);
	} else if (strcmp(n, "del") == 0 || strcmp(n, "moveFrom") == 0 ||
		   strcmp(n, "delText") == 0 || strcmp(n, "instrText") == 0 ||
		   strcmp(n, "footnoteReference") == 0 || strcmp(n, "pPrChange") == 0 ||
		   strcmp(n, "rPrChange") == 0 || strcmp(n, "tcPrChange") == 0 ||
		   strcmp(n, "trPrChange") == 0 || strcmp(n, "tblPrChange") == 0) {
		/* Deleted or moved-away text, field codes, the properties a
		 * tracked change replaced: not what the page shows. */
		d->skip = 1;
	} else if (strcmp(n, "tbl") == 0) {
		if (d->tables++ == 0)
			free_rows(d);
	} else if (d->tables == 1 && strcmp(n, "tr") == 0) {
		start_row(d);
	} else if (d->tables == 1 && strcmp(n, "tc") == 0) {
		start_cell(d);
	} else if (d->tables == 1 && strcmp(n, "tblHeader") == 0 && d->nrows) {
		v = wattr(atts, "val");
		d->rows[d->nrows - 1].header = !v || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0);
	} else if (d->tables == 1 && strcmp(n, "gridBefore") == 0 && d->nrows) {
		int before = attr_int(atts, "val", 0);

		d->rows[d->nrows - 1].grid_before = before > 64 ? 64 : before;
	} else if (d->tables == 1 && strcmp(n, "gridSpan") == 0 && current_cell(d)) {
		int span = attr_int(atts, "val", 1);

		current_cell(d)->span = span < 1 ? 1 : span > 64 ? 64 : span;
	} else if (d->tables == 1 && strcmp(n, "vMerge") == 0 && current_cell(d)) {
		v = wattr(atts, "val");
		current_cell(d)->vmerge = v && strcmp(v, "restart") == 0 ? 1 : 2;
	}
}

static void add_text(struct docx *d, struct sbuf *b, const char *s, size_t n)
{
	if ((d->made += n) > MAX_TEXT) {
		fail(d, _("the document's text is too large"));
		return;
	}
	sb_add(b, s, n);
	if (b->failed)
		nomem(d);
}

/* A paragraph ends: a line of the text, or a line of its table cell. */
static void end_paragraph(struct docx *d)
{
	struct sbuf line = {NULL, 0, 0, 0};
	struct cell *c;

	sb_str(&line, "");
	if (d->num_id > 0)
		render_number(d, d->num_id, d->ilvl, &line);
	else if (d->num_id < 0 && d->style_num_id > 0)
		render_number(d, d->style_num_id, d->style_ilvl, &line);
	sb_add(&line, d->para.s, d->para.len);
	if (line.failed) {
		free(line.s);
		nomem(d);
		return;
	}
	if (d->tables == 0) {
		/* Paragraphs are apart, as blank lines keep them in a text file;
		 * a centred block (the title over its subject) stays together. */
		if (d->paragraphs++ && !(d->centered && d->prev_centered))
			add_text(d, &d->out, "\n", 1);
		d->prev_centered = d->centered;
		add_text(d, &d->out, line.s, line.len);
		add_text(d, &d->out, "\n", 1);
	} else if ((c = current_cell(d))) {
		if (c->text.len)
			add_text(d, &c->text, "\n", 1);
		add_text(d, &c->text, line.s, line.len);
	}
	free(line.s);
}

static void document_text(void *ctx, const XML_Char *s, int len)
{
	struct docx *d = ctx;

	if (!d->in_text || d->skip || d->failed)
		return;
	/* Line ends and tabs inside a text run are spaces on the page, and so
	 * are Word's no-break spaces (U+00A0, U+2007, U+202F: a cell holding
	 * only one is empty); other control characters and zero-width ones
	 * (U+200B, U+FEFF) are dropped. */
	for (int i = 0, start = 0; i <= len; i++) {
		const unsigned char *u = (const unsigned char *)s + i;
		int skip = 0, space = 0;

		if (i == len || u[0] < 0x20) {
			skip = i < len;
			space = i < len && (u[0] == '\t' || u[0] == '\n' || u[0] == '\r');
		} else if (u[0] == 0xC2 && i + 1 < len && u[1] == 0xA0) {
			skip = space = 2;
		} else if (u[0] == 0xE2 && i + 2 < len && u[1] == 0x80 &&
			   (u[2] == 0x87 || u[2] == 0xAF || u[2] == 0x8B)) {
			skip = 3;
			space = u[2] != 0x8B;
		} else if (u[0] == 0xEF && i + 2 < len && u[1] == 0xBB && u[2] == 0xBF) {
			skip = 3;
		} else {
			continue;
		}
		add_text(d, &d->para, s + start, (size_t)(i - start));
		if (space)
			add_text(d, &d->para, " ", 1);
		if (i == len)
			break;
		i += skip - 1;
		start = i + 1;
	}
}

/* Does the text start with a number as section and task rows have them:
 * "II", "A.", "3", "2.1", "b)"? */
static int starts_numbered(const char *s)
{
	size_t n = strcspn(s, " "), i = 0;

	if (n && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	if (!n)
		return 0;
	if (strspn(s, "IVXLC") == n || (n == 1 && s[0] >= 'A' && s[0] <= 'Z') ||
	    (n == 1 && s[0] >= 'a' && s[0] <= 'z') || (n == 2 && strncmp(s, "đ", 2) == 0))
		return 1;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i > 0)))
		i++;
	return i == n && s[0] >= '0' && s[0] <= '9';
}

static void emit_table(struct docx *d);

static void document_end(void *ctx, const XML_Char *name)
{
	struct docx *d = ctx;
	const char *n = wname(name);

	d->depth--;
	if (d->skip) {
		d->skip--;
		return;
	}
	if (!n || d->failed)
		return;
	if (strcmp(n, "p") == 0 && d->in_para && --d->in_para == 0)
		end_paragraph(d);
	else if (strcmp(n, "t") == 0)
		d->in_text = 0;
	else if (strcmp(n, "r") == 0 && d->in_run > 0)
		d->in_run--;
	else if (strcmp(n, "tbl") == 0 && d->tables > 0 && --d->tables == 0)
		emit_table(d);
}

/* ------------------------------------------------------------ tables */

/* The cell of row r that covers grid column `col`, or NULL. */
static struct cell *cell_at(struct row *r, int col)
{
	int g = r->grid_before;

	for (size_t i = 0; i < r->n; i++) {
		if (col >= g && col < g + r->cells[i].span)
			return &r->cells[i];
		g += r->cells[i].span;
	}
	return NULL;
}

/* A vertically merged cell shows the text of the cell that starts the
 * merge on every task row it spans (a lead shared by several numbered
 * rows). A row whose number cell is itself merged with the one above is
 * part of that task (a second assignment, say): it gets nothing copied,
 * or the reader would see the task twice. Rows are resolved top down, so
 * the cell above already holds the text. */
static void resolve_vmerge(struct docx *d)
{
	for (size_t i = 1; i < d->nrows && !d->failed; i++) {
		int g = d->rows[i].grid_before;

		if (d->rows[i].n && !g && d->rows[i].cells[0].vmerge == 2)
			continue;
		for (size_t k = 0; k < d->rows[i].n; k++) {
			struct cell *c = &d->rows[i].cells[k], *above = cell_at(&d->rows[i - 1], g);

			g += c->span;
			if (c->vmerge != 2 || !above || !above->text.len)
				continue;
			c->text.len = 0;
			add_text(d, &c->text, above->text.s, above->text.len);
		}
	}
}

/* One row as a line: cells by tabs, each grid column one cell, paragraphs
 * joined by `sep`; tabs never occur inside. In a task table's cells, '<'
 * and '&' are written as entities: the table reader takes cells as HTML. */
static void row_line(struct docx *d, const struct row *r, const char *sep, int escape,
		     struct sbuf *b)
{
	for (int g = 0; g < r->grid_before; g++)
		sb_str(b, "\t");
	for (size_t k = 0; k < r->n; k++) {
		const struct cell *c = &r->cells[k];

		if (k)
			add_text(d, b, "\t", 1);
		for (size_t i = 0; i < c->text.len; i++) {
			char ch = c->text.s[i];

			if (ch == '\n')
				sb_str(b, sep);
			else if (escape && ch == '<')
				sb_str(b, "&lt;");
			else if (escape && ch == '&')
				sb_str(b, "&amp;");
			else
				sb_add(b, &ch, 1);
		}
		for (int s = 1; s < c->span; s++)
			sb_str(b, "\t");
	}
	if (b->failed)
		nomem(d);
}

/* Is row `below` the second row of header `top`: marked to repeat with it,
 * or continuing one of its cells merged down ("STT" and "Nội dung" over
 * two rows, "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp")? A row
 * that only numbers the columns is not. */
static int sub_header(struct row *top, struct row *below)
{
	int g = below->grid_before, merged = 0, numbers = 1;

	for (size_t k = 0; k < below->n; k++) {
		struct cell *c = &below->cells[k], *up = cell_at(top, g);

		merged = merged || (c->vmerge == 2 && up && up->vmerge == 1);
		numbers = numbers && c->text.len && c->text.s[0] == '(';
		g += c->span;
	}
	return (below->header || merged) && !numbers;
}

/* A header over two rows as one: each grid column labelled with the top
 * label and the one under it ("Cơ quan thực hiện Chủ trì"), so columns
 * are known by their names as ever; the number column keeps its own. */
static void header_line(struct docx *d, struct row *top, struct row *below, struct sbuf *b)
{
	int columns = 0, g;

	for (struct row *r = top; r; r = r == top ? below : NULL) {
		g = r->grid_before;
		for (size_t k = 0; k < r->n; k++)
			g += r->cells[k].span;
		columns = g > columns ? g : columns;
	}
	for (g = 0; g < columns; g++) {
		const struct cell *up = cell_at(top, g), *dn = cell_at(below, g);

		if (g)
			sb_str(b, "\t");
		for (size_t i = 0; up && i < up->text.len; i++)
			sb_add(b, up->text.s[i] == '\n' ? " " : &up->text.s[i], 1);
		if (g && dn && dn->vmerge != 2 && dn->text.len) {
			sb_str(b, " ");
			for (size_t i = 0; i < dn->text.len; i++)
				sb_add(b, dn->text.s[i] == '\n' ? " " : &dn->text.s[i], 1);
		}
	}
	if (b->failed)
		nomem(d);
}

static void emit_table(struct docx *d)
{
	struct sbuf line = {NULL, 0, 0, 0};
	int task_table = 0;

	resolve_vmerge(d);
	if (d->out.len)
		add_text(d, &d->out, "\n", 1);     /* a table starts a block of its own */
	for (size_t i = 0; i < d->nrows && !d->failed; i++) {
		struct row *r = &d->rows[i];
		char *folded = NULL;
		int header;

		line.len = 0;
		sb_str(&line, "");
		row_line(d, r, " ", 0, &line);
		if (d->failed)
			break;
		header = doc_is_header(line.s);
		task_table = task_table || header;
		if (!task_table) {
			/* A table for layout (the heading's two columns), or the
			 * title rows above a task table's header: paragraphs, cell
			 * after cell. */
			for (size_t k = 0; k < r->n; k++) {
				if (!r->cells[k].text.len)
					continue;
				add_text(d, &d->out, r->cells[k].text.s, r->cells[k].text.len);
				add_text(d, &d->out, "\n\n", 2);
			}
			continue;
		}
		if (header) {
			struct row *below = i + 1 < d->nrows && sub_header(r, &d->rows[i + 1])
					    ? &d->rows[i + 1] : NULL;

			if (!(folded = doc_folded(line.s)) || !*folded) {
				free(folded);
				nomem(d);
				break;
			}
			/* The header Word repeats, or the same table again after a
			 * page of text: already known, left out (with its second
			 * row). */
			i += below != NULL;
			if (d->header && strcmp(folded, d->header) == 0) {
				free(folded);
				continue;
			}
			free(d->header);
			d->header = folded;
			if (below) {
				line.len = 0;
				sb_str(&line, "");
				header_line(d, r, below, &line);
			}
		} else if (r->header) {
			continue;       /* a second header row: its labels are not a task */
		} else if (r->n == 1 && r->cells[0].span > 1 && !starts_numbered(line.s) &&
			   !doc_all_capitals(line.s)) {
			/* One cell across the table, neither numbered nor a title
			 * in capitals: a note ("Ghi chú: ..."), text between rows. */
			add_text(d, &d->out, r->cells[0].text.s, r->cells[0].text.len);
			add_text(d, &d->out, "\n", 1);
			continue;
		} else {
			line.len = 0;
			sb_str(&line, "");
			row_line(d, r, "<br>", 1, &line);
		}
		add_text(d, &d->out, line.s, line.len);
		add_text(d, &d->out, "\n", 1);
	}
	add_text(d, &d->out, "\n", 1);
	d->paragraphs = 0;
	free(line.s);
	free_rows(d);
}

/* ------------------------------------------------------------ main */

static int parse(struct docx *d, const char *part, const char *xml, size_t len,
		 XML_StartElementHandler start, XML_EndElementHandler end,
		 XML_CharacterDataHandler text)
{
	int ok;

	d->part = part;
	d->depth = 0;
	if (!(d->xp = XML_ParserCreateNS("UTF-8", ' ')))
		return error_set(d->err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	XML_SetUserData(d->xp, d);
	XML_SetElementHandler(d->xp, start, end);
	XML_SetCharacterDataHandler(d->xp, text);
	XML_SetStartDoctypeDeclHandler(d->xp, refuse_dtd);
	XML_SetParamEntityParsing(d->xp, XML_PARAM_ENTITY_PARSING_NEVER);
	ok = XML_Parse(d->xp, xml, (int)len, XML_TRUE) == XML_STATUS_OK;
	if (!ok && !d->failed) {
		d->failed = 1;
		error_set(d->err, ERR_INVALID, _("%s: %s at line %lu: %s"), d->file, part,
			  (unsigned long)XML_GetCurrentLineNumber(d->xp),
			  XML_ErrorString(XML_GetErrorCode(d->xp)));
	}
	XML_ParserFree(d->xp);
	d->xp = NULL;
	return d->failed ? d->err->code : ERR_OK;
}

int docx_text(const char *file, const char *data, size_t len, char **text, struct error *err)
{
	struct docx d;
	zip_source_t *src;
	zip_error_t zerr;
	zip_t *z = NULL;
	char *document = NULL, *numbering = NULL, *styles = NULL;
	size_t document_len, numbering_len, styles_len;
	int rc;

	*text = NULL;
	memset(&d, 0, sizeof d);
	d.file = file;
	d.err = err;
	d.cur_abstract = d.cur_level = d.cur_num = d.cur_ilvl = d.cur_style = -1;
	zip_error_init(&zerr);
	if (!(src = zip_source_buffer_create(data, len, 0, &zerr)) ||
	    !(z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr))) {
		rc = error_set(err, ERR_INVALID, _("%s: a damaged zip archive (a .docx is one): %s"),
			       file, zip_error_strerror(&zerr));
		if (src)
			zip_source_free(src);
		zip_error_fini(&zerr);
		return rc;
	}
	zip_error_fini(&zerr);
	if (zip_name_locate(z, "word/document.xml", 0) < 0 && zip_name_locate(z, "content.xml", 0) >= 0) {
		rc = error_set(err, ERR_INVALID,
			       _("%s: an OpenDocument file (.odt): open it in LibreOffice Writer and "
				 "save it as Word Document (.docx), then import that"), file);
		goto out;
	}
	if ((rc = check_names(file, z, err)) ||
	    (rc = read_part(file, z, "word/document.xml", MAX_DOCUMENT_XML, 1, &document,
			    &document_len, err)) ||
	    (rc = read_part(file, z, "word/numbering.xml", MAX_NUMBERING_XML, 0, &numbering,
			    &numbering_len, err)) ||
	    (rc = read_part(file, z, "word/styles.xml", MAX_NUMBERING_XML, 0, &styles,
			    &styles_len, err)))
		goto out;
	if (numbering && (rc = parse(&d, "word/numbering.xml", numbering, numbering_len,
				     numbering_start, numbering_end, NULL)))
		goto out;
	if (styles && (rc = parse(&d, "word/styles.xml", styles, styles_len, styles_start,
				  styles_end, NULL)))
		goto out;
	/* Sorted by id for the lookups; the indexes above are done with. */
	if (d.nabstracts)
		qsort(d.abstracts, d.nabstracts, sizeof *d.abstracts, by_abstract_id);
	if (d.nnums)
		qsort(d.nums, d.nnums, sizeof *d.nums, by_num_id);
	if (d.nstyles)
		qsort(d.styles, d.nstyles, sizeof *d.styles, by_style_id);
	sb_str(&d.out, "");
	if ((rc = parse(&d, "word/document.xml", document, document_len, document_start,
			document_end, document_text)))
		goto out;
	if (d.out.failed) {
		rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
		goto out;
	}
	*text = d.out.s;
	d.out.s = NULL;
out:
	zip_discard(z);
	free(document);
	free(numbering);
	free(styles);
	free(d.styles);
	free_rows(&d);
	free(d.rows);
	free(d.para.s);
	free(d.out.s);
	free(d.header);
	free(d.abstracts);
	free(d.nums);
	return rc;
}
