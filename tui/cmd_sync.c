/* cmd_sync.c - "dondoc key|bundle|assign|dump|audit": keys and
 * certificates, signed bundles, and who does which task. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/bundle.h"
#include "core/json.h"
#include "core/keys.h"
#include "core/plans.h"
#include "db/i18n.h"
#include "tui/cli.h"
#include "tui/out.h"

/* Parse the options every command here shares; returns the remaining
 * arguments' start, or -1 after printing a usage error. */
struct sync_opts {
	const char *out, *until, *to, *period, *kind, *unit, *role;
	int yes, json, dry_run, records;
};

static int parse_opts(struct cli *cli, int argc, char **argv, const char *usage,
		      struct sync_opts *o)
{
	static const struct option opts[] = {
		COMMON_LONG_OPTIONS,
		{"output", required_argument, NULL, 'o'},
		{"until", required_argument, NULL, 'u'},
		{"to", required_argument, NULL, 't'},
		{"period", required_argument, NULL, 'P'},
		{"kind", required_argument, NULL, 'k'},
		{"unit", required_argument, NULL, 'U'},
		{"role", required_argument, NULL, 'r'},
		{"yes", no_argument, NULL, 'y'},
		{"json", no_argument, NULL, 'j'},
		{"dry-run", no_argument, NULL, 'n'},
		{"records", no_argument, NULL, 'R'},
		{NULL, 0, NULL, 0},
	};
	int opt;

	memset(o, 0, sizeof *o);
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'o': o->out = optarg; break;
		case 'u': o->until = optarg; break;
		case 't': o->to = optarg; break;
		case 'P': o->period = optarg; break;
		case 'k': o->kind = optarg; break;
		case 'U': o->unit = optarg; break;
		case 'r': o->role = optarg; break;
		case 'y': o->yes = 1; break;
		case 'j': o->json = 1; break;
		case 'n': o->dry_run = 1; break;
		case 'R': o->records = 1; break;
		default:
			if (!cli_common_option(cli, opt, optarg, usage))
				return cli_usage_error(usage), -1;
		}
	}
	return optind;
}

static const char key_usage[] = N_(
	"key init\n"
	"       dondoc key export -o FILE\n"
	"       dondoc key certify FILE -o CERT [--until DATE]\n"
	"       dondoc key install CERT\n"
	"       dondoc key trust FILE [--yes]\n"
	"The acting unit's signing key: made once, exported to the unit above, which\n"
	"certifies it; the province's key is pinned as the root every chain ends at.");

/* Ask before pinning a root; only "y" or "yes" (or the Vietnamese "c",
 * "có") agrees. Without a terminal nothing is asked and nothing agreed. */
static int confirm(void)
{
	char line[32];

	if (!isatty(STDIN_FILENO) || !fgets(line, sizeof line, stdin))
		return 0;
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, "y") == 0 || strcmp(line, "yes") == 0 || strcmp(line, "c") == 0 ||
	       strcmp(line, "có") == 0;
}

int cmd_key(struct cli *cli, int argc, char **argv)
{
	struct sync_opts o;
	struct error err;
	struct core *c;
	const char *verb;
	int first = parse_opts(cli, argc, argv, key_usage, &o), nargs, rc = EXIT_OK;

	if (first < 0)
		return EXIT_USAGE;
	argv += first;
	argc -= first;
	if (argc < 1)
		return cli_usage_error(key_usage);
	verb = argv[0];
	nargs = argc - 1;
	if (!((strcmp(verb, "init") == 0 && nargs == 0) ||
	      (strcmp(verb, "export") == 0 && nargs == 0 && o.out) ||
	      (strcmp(verb, "certify") == 0 && nargs == 1 && o.out) ||
	      (strcmp(verb, "install") == 0 && nargs == 1) ||
	      (strcmp(verb, "trust") == 0 && nargs == 1)))
		return cli_usage_error(key_usage);
	if (!(c = cli_open(cli, 0)))
		return EXIT_ERROR;
	error_clear(&err);
	if (strcmp(verb, "init") == 0) {
		char path[1024], fp[64];
		int root;

		if (key_init(c, path, fp, &root, &err) == ERR_OK) {
			out_printf(stdout, _("key made; the secret stays in %s\n"), path);
			out_printf(stdout, _("fingerprint: %s\n"), fp);
			if (root)
				out_printf(stdout, _("this unit has none above it: its key is the root "
						     "others pin with 'dondoc key trust'\n"));
			else
				out_printf(stdout, _("next: 'dondoc key export -o FILE' and have the unit "
						     "above certify it\n"));
		} else {
			rc = cli_fail(&err);
		}
	} else if (strcmp(verb, "export") == 0) {
		if (key_export(c, o.out, &err) == ERR_OK)
			out_printf(stdout, _("public key written to %s\n"), o.out);
		else
			rc = cli_fail(&err);
	} else if (strcmp(verb, "certify") == 0) {
		char subject[128];

		if (key_certify(c, argv[1], o.until, o.out, subject, &err) == ERR_OK)
			out_printf(stdout, _("certified the key of %s; send %s back to it\n"), subject,
				   o.out);
		else
			rc = cli_fail(&err);
	} else if (strcmp(verb, "install") == 0) {
		char issuer[128];

		if (key_install(c, argv[1], issuer, &err) == ERR_OK)
			out_printf(stdout, _("certificate installed: this unit's key is certified by %s\n"),
				   issuer);
		else
			rc = cli_fail(&err);
	} else {
		struct key_file k;
		char fp[64];

		if (key_read_file(argv[1], &k, &err)) {
			rc = cli_fail(&err);
		} else {
			key_fingerprint(k.pk, fp);
			out_printf(stdout, _("unit %s (%s)\nfingerprint: %s\n"), k.code, k.name, fp);
			if (!o.yes) {
				out_printf(stdout, _("Compare the fingerprint with the one the province "
						     "gave you. Trust this key as the root? [y/N] "));
				fflush(stdout);
			}
			if (!o.yes && !confirm()) {
				fputc('\n', stdout);
				error_set(&err, ERR_DENIED, "%s",
					  _("not trusted: nothing changed (give --yes to skip the question)"));
				rc = cli_fail(&err);
			} else if (key_trust(c, &k, &err)) {
				rc = cli_fail(&err);
			} else {
				out_printf(stdout, _("trusted: bundles must now be certified up to %s\n"),
					   k.code);
			}
		}
	}
	core_close(c);
	return rc;
}

static const char bundle_usage[] = N_(
	"bundle export --kind plan|report [--to CODE] [--period P] -o FILE\n"
	"       dondoc bundle import [--dry-run] FILE...\n"
	"       dondoc bundle inspect FILE [--json]\n"
	"       dondoc bundle log [--json]\n"
	"Plan bundles carry plans and assignments down the tree; report bundles carry\n"
	"status records up it, relayed unchanged by the units between.");

static void print_counts(const struct bundle_summary *s)
{
	if (s->kind == BUNDLE_PLAN || s->plans || s->assignments)
		out_printf(stdout, _("  %ld units, %ld plans, %ld sections, %ld tasks, %ld assignments\n"),
			   s->units, s->plans, s->sections, s->tasks, s->assignments);
	if (s->kind == BUNDLE_REPORT)
		out_printf(stdout, _("  %ld status records, %ld submissions\n"), s->records,
			   s->submissions);
}

static void json_summary(struct json *j, const struct bundle_summary *s)
{
	json_string(j, "kind", s->kind == BUNDLE_PLAN ? "plan" : "report");
	json_string(j, "sender", s->sender);
	json_string(j, "recipient", s->recipient[0] ? s->recipient : NULL);
	json_int(j, "bytes", (int64_t)s->bytes);
	json_int(j, "records", s->records);
	json_int(j, "submissions", s->submissions);
	json_int(j, "units", s->units);
	json_int(j, "plans", s->plans);
	json_int(j, "sections", s->sections);
	json_int(j, "tasks", s->tasks);
	json_int(j, "assignments", s->assignments);
	json_int(j, "acks", s->acks);
}

static int bundle_export_cmd(struct core *c, const struct sync_opts *o)
{
	struct bundle_export_opts e = {0, o->to, o->period, o->out};
	struct bundle_summary s;
	struct error err;

	error_clear(&err);
	e.kind = strcmp(o->kind, "plan") == 0 ? BUNDLE_PLAN : BUNDLE_REPORT;
	if (bundle_export(c, &e, &s, &err))
		return cli_fail(&err);
	if (s.recipient[0])
		out_printf(stdout, e.kind == BUNDLE_PLAN
			   ? _("%s: plan bundle from %s to %s, %zu bytes, %ld batches (%ld relayed)\n")
			   : _("%s: report bundle from %s to %s, %zu bytes, %ld batches (%ld relayed)\n"),
			   o->out, s.sender, s.recipient, s.bytes, s.batches, s.relayed);
	else
		out_printf(stdout, _("%s: plan bundle from %s, %zu bytes, %ld batches (%ld relayed)\n"),
			   o->out, s.sender, s.bytes, s.batches, s.relayed);
	print_counts(&s);
	if (e.kind == BUNDLE_REPORT && s.batches == 0)
		out_printf(stdout, _("  nothing new since what %s acknowledged\n"), s.recipient);
	return EXIT_OK;
}

static void print_applied(const char *file, const struct bundle_summary *s, int dry_run)
{
	if (s->already && !dry_run) {
		out_printf(stdout, _("%s: already applied (from %s); nothing changed\n"), file,
			   s->sender);
		return;
	}
	out_printf(stdout, dry_run ? _("%s: would apply from %s:\n") : _("%s: applied from %s:\n"),
		   file, s->sender);
	print_counts(s);
	if (s->pending)
		out_printf(stdout, _("  %ld entries wait for plan data not received yet\n"),
			   s->pending);
	if (s->withdrawn)
		out_printf(stdout, _("  %ld tasks their issuer no longer has were removed\n"),
			   s->withdrawn);
	if (s->kept)
		out_printf(stdout, _("  %ld tasks their issuer no longer has were kept: status "
				     "records here cite them\n"), s->kept);
	if (s->acks)
		out_printf(stdout, _("  %ld acknowledgements from %s\n"), s->acks, s->sender);
	if (s->batches > s->batches_new)
		out_printf(stdout, _("  %ld of %ld batches were here already\n"),
			   s->batches - s->batches_new, s->batches);
}

/* One transaction for the whole command, each bundle in its own savepoint:
 * a refused bundle is undone alone, and a province taking 160 bundles waits
 * for the disk once, not 320 times. Outcomes are printed once the commit
 * has said whether they stand: a failure that takes the whole transaction
 * with it (a full disk) undoes the bundles applied before it, and none is
 * tried after it. */
static int bundle_import_cmd(struct core *c, char **files, int n, int dry_run)
{
	struct result {
		struct bundle_summary s;
		int refused, tried;
		char why[sizeof ((struct error *)0)->msg];
	} *r = calloc((size_t)n, sizeof *r);
	struct error err, lost;
	int i, rc = EXIT_OK, stopped = -1;

	error_clear(&err);
	error_clear(&lost);
	if (!r)
		return error_set(&err, ERR_NOMEM, "%s", error_text(ERR_NOMEM)), cli_fail(&err);
	if (core_begin(c, &err)) {
		free(r);
		return cli_fail(&err);
	}
	for (i = 0; i < n && stopped < 0; i++) {
		error_clear(&err);
		r[i].tried = 1;
		if (bundle_import(c, files[i], dry_run, &r[i].s, &err)) {
			r[i].refused = 1;
			snprintf(r[i].why, sizeof r[i].why, "%s", err.msg);
			if (!core_in_transaction(c)) {
				stopped = i;
				lost = err;
			}
		}
	}
	if (stopped < 0 && core_commit(c, &err)) {
		core_rollback(c);
		stopped = n;
		lost = err;
	}
	for (i = 0; i < n; i++) {
		if (r[i].refused) {
			out_printf(stderr, _("dondoc: %s (refused; nothing changed)\n"), r[i].why);
			rc = EXIT_ERROR;
		} else if (!r[i].tried) {
			out_printf(stderr, _("dondoc: %s: not imported: the import stopped at %s\n"),
				   files[i], files[stopped]);
			rc = EXIT_ERROR;
		} else if (stopped >= 0) {
			out_printf(stderr, _("dondoc: %s: not imported: it was undone when the import "
					     "failed (%s); import it again\n"), files[i], lost.msg);
			rc = EXIT_ERROR;
		} else {
			print_applied(files[i], &r[i].s, dry_run);
		}
	}
	free(r);
	return rc;
}

/* Batches as inspect walks them, kept to print after the header. */
struct batch_list {
	struct bundle_batch_info *v;
	size_t n;
};

static int keep_batch(const struct bundle_batch_info *b, void *ctx)
{
	struct batch_list *l = ctx;
	struct bundle_batch_info *v = realloc(l->v, (l->n + 1) * sizeof *v);

	if (!v)
		return 1;
	v[l->n++] = *b;
	l->v = v;
	return 0;
}

static void print_batch(const struct bundle_batch_info *b, struct json *j)
{
	if (j) {
		json_object(j, NULL);
		json_string(j, "origin", b->origin);
		json_int(j, "first", b->first);
		json_int(j, "last", b->last);
		json_int(j, "raw", (int64_t)b->raw);
		json_int(j, "compressed", (int64_t)b->comp);
		json_int(j, "entries", b->entries);
		json_end_object(j);
	} else if (b->first < 0) {
		out_printf(stdout, _("  batch from %s: period %lldQ%lld up to entry %lld, %ld entries, "
				     "%zu bytes (%zu uncompressed)\n"), b->origin,
			   (long long)(-b->first / 10), (long long)(-b->first % 10), (long long)b->last,
			   b->entries, b->comp, b->raw);
	} else {
		out_printf(stdout, _("  batch from %s: entries %lld-%lld, %ld entries, %zu bytes "
				     "(%zu uncompressed)\n"), b->origin, (long long)b->first,
			   (long long)b->last, b->entries, b->comp, b->raw);
	}
}

static int bundle_inspect_cmd(struct core *c, const char *file, int as_json)
{
	struct batch_list l = {NULL, 0};
	struct bundle_summary s;
	struct error err;
	struct json j;
	char verdict[768];
	size_t i;

	error_clear(&err);
	if (bundle_inspect(c, file, &s, verdict, keep_batch, &l, &err)) {
		free(l.v);
		return cli_fail(&err);
	}
	if (as_json) {
		json_init(&j, stdout);
		json_object(&j, NULL);
		json_summary(&j, &s);
		json_string(&j, "verified", verdict[0] ? "no" : "yes");
		json_string(&j, "problem", verdict[0] ? verdict : NULL);
		json_array(&j, "batches");
		for (i = 0; i < l.n; i++)
			print_batch(&l.v[i], &j);
		json_end_array(&j);
		json_end_object(&j);
		json_end_line(&j);
	} else {
		out_printf(stdout, s.kind == BUNDLE_PLAN
			   ? _("%s: plan bundle from %s to %s, %zu bytes, %ld batches, %ld acknowledgements\n")
			   : _("%s: report bundle from %s to %s, %zu bytes, %ld batches, %ld acknowledgements\n"),
			   file, s.sender, s.recipient[0] ? s.recipient : _("anyone"), s.bytes, s.batches,
			   s.acks);
		print_counts(&s);
		for (i = 0; i < l.n; i++)
			print_batch(&l.v[i], NULL);
		if (verdict[0])
			out_printf(stdout, _("NOT VERIFIED: %s\n"), verdict);
		else
			out_printf(stdout,
				   _("signatures and certificate chains verified to a trusted root\n"));
	}
	free(l.v);
	return verdict[0] ? EXIT_ERROR : EXIT_OK;
}

static int print_log(const struct bundle_log_row *r, void *ctx)
{
	struct json *j = ctx;

	if (j) {
		json_object(j, NULL);
		json_string(j, "at", r->at);
		json_string(j, "file", r->file);
		json_string(j, "sender", r->sender);
		json_string(j, "kind", r->kind);
		json_string(j, "outcome", r->outcome);
		json_string(j, "reason", r->reason);
		json_string(j, "summary", r->summary);
		json_end_object(j);
		json_end_line(j);
		return 0;
	}
	out_printf(stdout, "%s  %-15s  %-6s  %-8s  %s\n", r->at, r->outcome, r->kind ? r->kind : "-",
		   r->sender ? r->sender : "-", r->file);
	if (r->reason && r->reason[0])
		out_printf(stdout, "    %s\n", r->reason);
	else if (r->summary && r->summary[0])
		out_printf(stdout, "    %s\n", r->summary);
	return 0;
}

int cmd_bundle(struct cli *cli, int argc, char **argv)
{
	struct sync_opts o;
	struct error err;
	struct json j;
	struct core *c;
	const char *verb;
	int first = parse_opts(cli, argc, argv, bundle_usage, &o), nargs, rc;

	if (first < 0)
		return EXIT_USAGE;
	argv += first;
	argc -= first;
	if (argc < 1)
		return cli_usage_error(bundle_usage);
	verb = argv[0];
	nargs = argc - 1;
	if (!((strcmp(verb, "export") == 0 && nargs == 0 && o.out && o.kind &&
	       (strcmp(o.kind, "plan") == 0 || (strcmp(o.kind, "report") == 0))) ||
	      (strcmp(verb, "import") == 0 && nargs >= 1) ||
	      (strcmp(verb, "inspect") == 0 && nargs == 1) ||
	      (strcmp(verb, "log") == 0 && nargs == 0)))
		return cli_usage_error(bundle_usage);
	if (strcmp(verb, "export") == 0 && o.period && strcmp(o.kind, "report") != 0)
		return cli_usage_error(bundle_usage);
	if (!(c = cli_open(cli, strcmp(verb, "inspect") == 0 || strcmp(verb, "log") == 0)))
		return EXIT_ERROR;
	error_clear(&err);
	if (strcmp(verb, "export") == 0) {
		rc = bundle_export_cmd(c, &o);
	} else if (strcmp(verb, "import") == 0) {
		rc = bundle_import_cmd(c, argv + 1, nargs, o.dry_run);
	} else if (strcmp(verb, "inspect") == 0) {
		rc = bundle_inspect_cmd(c, argv[1], o.json);
	} else {
		json_init(&j, stdout);
		rc = bundle_log(c, print_log, o.json ? &j : NULL, &err) ? cli_fail(&err) : EXIT_OK;
	}
	core_close(c);
	return rc;
}

static const char assign_usage[] = N_(
	"assign ID --unit CODE [--role lead|coord]\n"
	"The plan's issuer assigns a task to a unit; a unit that holds a task delegates\n"
	"it to a unit below it. Delegations travel down in its plan bundle.");

int cmd_assign(struct cli *cli, int argc, char **argv)
{
	struct sync_opts o;
	struct error err;
	struct core *c;
	int first = parse_opts(cli, argc, argv, assign_usage, &o), delegated, rc;

	if (first < 0)
		return EXIT_USAGE;
	if (argc - first != 1 || !o.unit)
		return cli_usage_error(assign_usage);
	if (!(c = cli_open(cli, 0)))
		return EXIT_ERROR;
	error_clear(&err);
	rc = task_assign(c, argv[first], o.unit, o.role ? o.role : "lead", &delegated, &err);
	if (rc)
		rc = cli_fail(&err);
	else
		out_printf(stdout, delegated ? _("task %s delegated to %s\n")
					     : _("task %s assigned to %s\n"), argv[first], o.unit);
	core_close(c);
	return rc;
}

static const char dump_usage[] = N_(
	"dump [--records]\n"
	"Every row that travels between units, by global id, sorted: two databases\n"
	"holding the same data print the same lines.");

static int print_line(const char *line, void *ctx)
{
	(void)ctx;
	out_printf(stdout, "%s\n", line);
	return 0;
}

int cmd_dump(struct cli *cli, int argc, char **argv)
{
	struct sync_opts o;
	struct error err;
	struct core *c;
	int first = parse_opts(cli, argc, argv, dump_usage, &o), rc;

	if (first < 0)
		return EXIT_USAGE;
	if (argc != first)
		return cli_usage_error(dump_usage);
	if (!(c = cli_open(cli, 1)))
		return EXIT_ERROR;
	error_clear(&err);
	rc = bundle_dump(c, o.records, print_line, NULL, &err) ? cli_fail(&err) : EXIT_OK;
	core_close(c);
	return rc;
}

static const char audit_usage[] = N_(
	"audit\n"
	"Rebuild the status records, their history and the submissions from the record\n"
	"log (in a transaction that is rolled back) and compare with the live tables.");

int cmd_audit(struct cli *cli, int argc, char **argv)
{
	struct sync_opts o;
	struct error err;
	struct core *c;
	long rows, diff;
	int first = parse_opts(cli, argc, argv, audit_usage, &o), rc;

	if (first < 0)
		return EXIT_USAGE;
	if (argc != first)
		return cli_usage_error(audit_usage);
	if (!(c = cli_open(cli, 0)))
		return EXIT_ERROR;
	error_clear(&err);
	if (bundle_audit(c, &rows, &diff, &err)) {
		rc = cli_fail(&err);
	} else if (diff) {
		out_printf(stdout, _("audit: %ld of %ld rows differ from a replay of the record log\n"),
			   diff, rows);
		rc = EXIT_ERROR;
	} else {
		out_printf(stdout, _("audit: the record log rebuilds all %ld rows exactly\n"), rows);
		rc = EXIT_OK;
	}
	core_close(c);
	return rc;
}
