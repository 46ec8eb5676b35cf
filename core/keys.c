/* keys.c - see keys.h. Ed25519 from libsodium. The secret key lives in a
 * file only its owner can read, under $XDG_DATA_HOME/dondoc/keys/, named by
 * the unit's global id; the database holds public keys and chains only, so
 * a copied database or bundle never carries a secret. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/internal.h"
#include "core/keys.h"
#include "core/text.h"
#include "core/units.h"
#include "db/i18n.h"

static void put64(unsigned char *p, int64_t v)
{
	int i;

	for (i = 7; i >= 0; i--, v = (int64_t)((uint64_t)v >> 8))
		p[i] = (unsigned char)(v & 0xff);
}

static int64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return (int64_t)v;
}

void cert_encode(const struct cert *ct, unsigned char out[CERT_LEN])
{
	memcpy(out, "DDC1", 4);
	memcpy(out + 4, ct->subject_pk, 32);
	memcpy(out + 36, ct->issuer_pk, 32);
	put64(out + 68, ct->valid_from);
	put64(out + 76, ct->valid_until);
	memcpy(out + 84, ct->subject_gid, ID_LEN);
	memcpy(out + 110, ct->issuer_gid, ID_LEN);
	memcpy(out + 136, ct->sig, 64);
}

int cert_decode(const unsigned char in[CERT_LEN], struct cert *ct)
{
	if (memcmp(in, "DDC1", 4) != 0)
		return -1;
	memcpy(ct->subject_pk, in + 4, 32);
	memcpy(ct->issuer_pk, in + 36, 32);
	ct->valid_from = get64(in + 68);
	ct->valid_until = get64(in + 76);
	memcpy(ct->subject_gid, in + 84, ID_LEN);
	ct->subject_gid[ID_LEN] = '\0';
	memcpy(ct->issuer_gid, in + 110, ID_LEN);
	ct->issuer_gid[ID_LEN] = '\0';
	memcpy(ct->sig, in + 136, 64);
	return id_valid(ct->subject_gid) && id_valid(ct->issuer_gid) ? 0 : -1;
}

void key_fingerprint(const unsigned char pk[32], char out[64])
{
	unsigned char h[16];
	char hex[33];
	int i, n = 0;

	crypto_generichash(h, sizeof h, pk, 32, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	for (i = 0; i < 32; i += 4)
		n += snprintf(out + n, (size_t)(64 - n), "%s%.4s", i ? " " : "", hex + i);
}

/* The acting unit's id, gid, code and parent. */
struct unit_info {
	int64_t id, parent_id;
	char gid[ID_LEN + 1], code[64], name[512], kind[16];
};

static int take_unit(const struct unit *u, void *ctx)
{
	struct unit_info *i = ctx;

	i->id = u->id;
	i->parent_id = u->parent_id;
	snprintf(i->gid, sizeof i->gid, "%s", u->gid);
	snprintf(i->code, sizeof i->code, "%s", u->code);
	snprintf(i->name, sizeof i->name, "%s", u->name);
	snprintf(i->kind, sizeof i->kind, "%s", u->kind);
	return 0;
}

static int acting_unit(struct core *c, struct unit_info *u, struct error *err)
{
	int64_t id;
	int rc;

	memset(u, 0, sizeof *u);
	if ((rc = unit_acting(c, &id, err)) || (rc = store_unit_get(c->store, id, take_unit, u, err)))
		return rc;
	return ERR_OK;
}

static int key_dir(char out[1024], struct error *err)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char tmp[1000];
	int n;

	if (xdg && *xdg)
		n = snprintf(tmp, sizeof tmp, "%s/dondoc", xdg);
	else if (home && *home)
		n = snprintf(tmp, sizeof tmp, "%s/.local/share/dondoc", home);
	else
		return error_set(err, ERR_IO, _("neither XDG_DATA_HOME nor HOME is set: "
					       "there is nowhere to keep the secret key"));
	if (n < 0 || (size_t)n >= sizeof tmp)
		return error_set(err, ERR_IO, _("the key directory's path is too long"));
	/* Make the parents as needed; the keys directory itself is private. */
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	mkdir(tmp, 0755);
	snprintf(out, 1024, "%s/keys", tmp);
	if (mkdir(out, 0700) != 0 && errno != EEXIST)
		return error_set(err, ERR_IO, _("%s: cannot make the key directory: %s"), out,
				 strerror(errno));
	return ERR_OK;
}

static int secret_path(const char *gid, char out[1024], struct error *err)
{
	char dir[1024];
	int rc;

	if ((rc = key_dir(dir, err)))
		return rc;
	if ((size_t)snprintf(out, 1024, "%s/%s.key", dir, gid) >= 1024)
		return error_set(err, ERR_IO, _("the key directory's path is too long"));
	return ERR_OK;
}

static int read_secret(const char *path, unsigned char sk[64], struct error *err)
{
	char line[256], hex[129];
	FILE *f = fopen(path, "r");
	size_t len;
	int ok = 0;

	if (!f)
		return error_set(err, ERR_NOTFOUND,
			_("%s: cannot read the unit's secret key: %s (make one with 'dondoc key init')"),
			path, strerror(errno));
	/* A key file is three lines: read a few, never a whole device. */
	for (int n = 0; n < 8 && fgets(line, sizeof line, f); n++)
		if (sscanf(line, "secret %128s", hex) == 1 &&
		    sodium_hex2bin(sk, 64, hex, strlen(hex), NULL, &len, NULL) == 0 && len == 64)
			ok = 1;
	fclose(f);
	if (!ok)
		return error_set(err, ERR_INVALID, _("%s: not a dondoc secret key file"), path);
	return ERR_OK;
}

int key_init(struct core *c, char path[1024], char fingerprint[64], int *root,
	     struct error *err)
{
	unsigned char pk[32], sk[64];
	char hex[129];
	struct unit_info u;
	FILE *f;
	int fd, rc;

	if ((rc = acting_unit(c, &u, err)) || (rc = secret_path(u.gid, path, err)))
		return rc;
	crypto_sign_keypair(pk, sk);
	*root = u.parent_id == 0;
	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = store_key_put(c->store, u.id, pk, NULL, 0, *root, NULL, err))) {
		store_rollback(c->store);
		return rc;
	}
	/* O_EXCL: never overwrite a key a unit may already have certified. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		store_rollback(c->store);
		if (errno == EEXIST)
			return error_set(err, ERR_EXISTS,
				_("%s: unit %s has a key already; it keeps it"), path, u.code);
		return error_set(err, ERR_IO, _("%s: cannot write the secret key: %s"), path,
				 strerror(errno));
	}
	sodium_bin2hex(hex, sizeof hex, sk, 64);
	f = fdopen(fd, "w");
	if (!f || fprintf(f, "dondoc secret key 1\nunit %s %s\nsecret %s\n", u.gid, u.code, hex) < 0 ||
	    fflush(f) != 0 || fsync(fd) != 0) {
		if (f)
			fclose(f);
		else
			close(fd);
		unlink(path);
		store_rollback(c->store);
		return error_set(err, ERR_IO, _("%s: cannot write the secret key"), path);
	}
	fclose(f);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(hex, sizeof hex);
	if ((rc = store_commit(c->store, err))) {
		unlink(path);
		return rc;
	}
	key_fingerprint(pk, fingerprint);
	return ERR_OK;
}

/* The newest key of the unit whose secret is here. */
struct own_key {
	const char *path;
	int found, root;
	unsigned char pk[32], sk[64];
	unsigned char chain[CERT_LEN * CHAIN_MAX];
	size_t chain_len;
};

static int take_own(const struct unit_key *k, void *ctx)
{
	struct own_key *o = ctx;
	unsigned char derived[32];

	crypto_sign_ed25519_sk_to_pk(derived, o->sk);
	if (memcmp(derived, k->public_key, 32) != 0)
		return 0;
	o->found = 1;
	o->root = k->root;
	memcpy(o->pk, k->public_key, 32);
	o->chain_len = k->chain && k->chain_len <= sizeof o->chain ? k->chain_len : 0;
	if (o->chain_len)
		memcpy(o->chain, k->chain, o->chain_len);
	return 1;
}

int identity_load(struct core *c, struct identity *id, int need_chain, struct error *err)
{
	struct unit_info u;
	struct own_key o;
	char path[1024];
	int rc;

	memset(id, 0, sizeof *id);
	memset(&o, 0, sizeof o);
	if ((rc = acting_unit(c, &u, err)) || (rc = secret_path(u.gid, path, err)) ||
	    (rc = read_secret(path, o.sk, err)))
		return rc;
	/* take_own stops the walk (returns 1) at the key; anything else that
	 * comes back without it is the store's error. */
	if (store_key_list(c->store, u.id, 0, take_own, &o, err) && !o.found) {
		sodium_memzero(o.sk, sizeof o.sk);
		return err->code;
	}
	if (!o.found) {
		sodium_memzero(o.sk, sizeof o.sk);
		return error_set(err, ERR_NOTFOUND,
			_("%s: this database does not know the key of unit %s; "
			  "was it made on another installation?"), path, u.code);
	}
	if (need_chain && !o.root && o.chain_len == 0) {
		sodium_memzero(o.sk, sizeof o.sk);
		return error_set(err, ERR_DENIED,
			_("the key of unit %s is not certified yet: send 'dondoc key export' to the "
			  "unit above and install what it returns with 'dondoc key install'"), u.code);
	}
	id->unit_id = u.id;
	snprintf(id->unit_gid, sizeof id->unit_gid, "%s", u.gid);
	snprintf(id->unit_code, sizeof id->unit_code, "%s", u.code);
	memcpy(id->pk, o.pk, 32);
	memcpy(id->sk, o.sk, 64);
	memcpy(id->chain, o.chain, o.chain_len);
	id->chain_len = o.chain_len;
	id->root = o.root;
	sodium_memzero(o.sk, sizeof o.sk);
	return ERR_OK;
}

int key_export(struct core *c, const char *path, struct error *err)
{
	struct identity id;
	struct unit_info u, parent;
	char hex[65], *out = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((rc = identity_load(c, &id, 0, err)) || (rc = acting_unit(c, &u, err)))
		return rc;
	sodium_memzero(id.sk, sizeof id.sk);
	memset(&parent, 0, sizeof parent);
	if (u.parent_id && (rc = store_unit_get(c->store, u.parent_id, take_unit, &parent, err)))
		return rc;
	sodium_bin2hex(hex, sizeof hex, id.pk, 32);
	if (!(f = open_memstream(&out, &len)))
		return error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
	fprintf(f, "dondoc public key 1\nunit %s\ncode %s\nname %s\nkind %s\nparent %s\nkey %s\n",
		u.gid, u.code, u.name, u.kind, parent.gid[0] ? parent.gid : "-", hex);
	fclose(f);
	rc = core_write_file(path, out, len, err);
	free(out);
	return rc;
}

int key_read_file(const char *path, struct key_file *k, struct error *err)
{
	char line[1024], hex[65];
	FILE *f = fopen(path, "r");
	int lineno = 0, have = 0;
	size_t len;

	memset(k, 0, sizeof *k);
	if (!f)
		return error_set(err, ERR_IO, _("%s: cannot read: %s"), path, strerror(errno));
	while (lineno < 16 && fgets(line, sizeof line, f)) {
		char *v = strchr(line, ' ');

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (lineno == 1) {
			if (strcmp(line, "dondoc public key 1") != 0)
				break;
			continue;
		}
		if (!v || !text_is_utf8(line))
			break;
		*v++ = '\0';
		if (strcmp(line, "unit") == 0 && id_valid(v))
			have |= 1, snprintf(k->unit_gid, sizeof k->unit_gid, "%s", v);
		else if (strcmp(line, "code") == 0 && *v && strlen(v) < sizeof k->code)
			have |= 2, snprintf(k->code, sizeof k->code, "%s", v);
		else if (strcmp(line, "name") == 0 && strlen(v) < sizeof k->name)
			have |= 4, snprintf(k->name, sizeof k->name, "%s", v);
		else if (strcmp(line, "kind") == 0 && unit_kind_valid(v))
			have |= 8, snprintf(k->kind, sizeof k->kind, "%s", v);
		else if (strcmp(line, "parent") == 0 && (strcmp(v, "-") == 0 || id_valid(v)))
			have |= 16, snprintf(k->parent_gid, sizeof k->parent_gid, "%s",
					     strcmp(v, "-") ? v : "");
		else if (strcmp(line, "key") == 0 && strlen(v) == 64 &&
			 sodium_hex2bin(k->pk, 32, v, 64, NULL, &len, NULL) == 0 && len == 32)
			have |= 32, snprintf(hex, sizeof hex, "%s", v);
		else
			break;
	}
	fclose(f);
	if (have != 63)
		return error_set(err, ERR_INVALID,
			_("%s:%d: not a dondoc public key file (made by 'dondoc key export')"),
			path, lineno ? lineno : 1);
	return ERR_OK;
}

int key_certify(struct core *c, const char *key_path, const char *until, const char *out_path,
		char subject[128], struct error *err)
{
	unsigned char buf[8 + 1 + CERT_LEN * CHAIN_MAX], body[CERT_LEN];
	struct identity id;
	struct key_file k;
	struct unit_info child;
	struct cert ct;
	struct date d;
	int64_t child_id = 0;
	size_t n;
	int rc;

	if ((rc = key_read_file(key_path, &k, err)) || (rc = identity_load(c, &id, 1, err)))
		return rc;
	snprintf(subject, 128, "%s", k.code);
	if ((rc = store_unit_find_gid(c->store, k.unit_gid, &child_id, err)))
		goto out;
	memset(&child, 0, sizeof child);
	if (!child_id || (rc = store_unit_get(c->store, child_id, take_unit, &child, err)) ||
	    child.parent_id != id.unit_id) {
		rc = error_set(err, ERR_DENIED,
			_("%s: unit %s is not directly below %s here, so %s cannot certify its key"),
			key_path, k.code, id.unit_code, id.unit_code);
		goto out;
	}
	if (id.chain_len / CERT_LEN + 1 > CHAIN_MAX) {
		rc = error_set(err, ERR_INVALID, _("the chain of certificates is too long"));
		goto out;
	}
	memset(&ct, 0, sizeof ct);
	memcpy(ct.subject_pk, k.pk, 32);
	memcpy(ct.issuer_pk, id.pk, 32);
	ct.valid_from = (int64_t)time(NULL) - 86400;  /* a day's slack for wrong clocks */
	if (until) {
		if (date_parse(until, &d)) {
			rc = error_set(err, ERR_INVALID,
				_("date '%s': write it as YYYY-MM-DD or D/M/YYYY"), until);
			goto out;
		}
		ct.valid_until = date_epoch(d) + 86399;
	} else {
		ct.valid_until = ct.valid_from + 5 * 366 * 86400LL;
	}
	snprintf(ct.subject_gid, sizeof ct.subject_gid, "%s", k.unit_gid);
	snprintf(ct.issuer_gid, sizeof ct.issuer_gid, "%s", id.unit_gid);
	cert_encode(&ct, body);
	crypto_sign_detached(ct.sig, NULL, body, CERT_LEN - 64, id.sk);
	cert_encode(&ct, body);
	/* The file: a magic, the count, the new certificate, then the
	 * certifier's own chain, so the child can prove itself to the root. */
	memcpy(buf, "DDCHAIN1", 8);
	buf[8] = (unsigned char)(1 + id.chain_len / CERT_LEN);
	memcpy(buf + 9, body, CERT_LEN);
	memcpy(buf + 9 + CERT_LEN, id.chain, id.chain_len);
	n = 9 + CERT_LEN + id.chain_len;
	rc = core_write_file(out_path, buf, n, err);
out:
	sodium_memzero(id.sk, sizeof id.sk);
	return rc;
}

struct root_probe {
	const unsigned char *pk;
	const char *gid;
	int found;
};

static int take_root(const struct unit_key *k, void *ctx)
{
	struct root_probe *p = ctx;

	p->found = memcmp(k->public_key, p->pk, 32) == 0 && strcmp(k->unit_gid, p->gid) == 0;
	return p->found;
}

/* Is pk the pinned root key of unit gid? A store failure is a no. */
static int is_root(struct core *c, const unsigned char pk[32], const char *gid,
		   struct error *err)
{
	struct root_probe p = {pk, gid, 0};

	store_key_list(c->store, 0, 1, take_root, &p, err);
	return p.found;
}

/* The unit a certificate names, which must be known here: a chain that
 * passes through a unit this database has never heard of proves nothing
 * about where that unit stands in the tree. */
static int known_unit(struct core *c, const char *gid, struct unit_info *u, struct error *err)
{
	int64_t id = 0;
	int rc;

	memset(u, 0, sizeof *u);
	if ((rc = store_unit_find_gid(c->store, gid, &id, err)))
		return rc;
	if (!id)
		return ERR_NOTFOUND;
	return store_unit_get(c->store, id, take_unit, u, err);
}

int chain_verify(struct core *c, const unsigned char pk[32], const char *gid,
		 const unsigned char *chain, size_t n, int64_t when, struct error *err)
{
	unsigned char cur_pk[32];
	char cur_gid[ID_LEN + 1], day[11];
	struct cert ct;
	size_t i;
	int rc;

	memcpy(cur_pk, pk, 32);
	snprintf(cur_gid, sizeof cur_gid, "%s", gid);
	for (i = 0; i <= n && i <= CHAIN_MAX; i++) {
		struct unit_info su, iu;

		if (is_root(c, cur_pk, cur_gid, err))
			return ERR_OK;
		if (i == n)
			break;
		if (cert_decode(chain + i * CERT_LEN, &ct))
			return error_set(err, ERR_INVALID, _("certificate %zu is malformed"), i + 1);
		if (memcmp(ct.subject_pk, cur_pk, 32) != 0 || strcmp(ct.subject_gid, cur_gid) != 0)
			return error_set(err, ERR_DENIED,
				_("certificate %zu is for another key or unit"), i + 1);
		/* Only the pinned root vouches for itself, and it was met above. */
		if (strcmp(ct.issuer_gid, ct.subject_gid) == 0 ||
		    memcmp(ct.issuer_pk, ct.subject_pk, 32) == 0)
			return error_set(err, ERR_DENIED,
				_("certificate %zu is signed by its own subject, and that key is not "
				  "a pinned root"), i + 1);
		if (crypto_sign_verify_detached(ct.sig, chain + i * CERT_LEN, CERT_LEN - 64,
						ct.issuer_pk) != 0)
			return error_set(err, ERR_DENIED,
				_("certificate %zu has a bad signature"), i + 1);
		if (when < ct.valid_from || when > ct.valid_until) {
			date_format(date_from_epoch(when < ct.valid_from ? ct.valid_from
									 : ct.valid_until), day);
			return error_set(err, ERR_DENIED, when < ct.valid_from
				? _("certificate %zu is not valid before %s")
				: _("certificate %zu expired on %s"), i + 1, day);
		}
		/* Keys are certified by the unit directly above, as this database
		 * knows the tree; both units must be known here. */
		if ((rc = known_unit(c, ct.subject_gid, &su, err)) == ERR_NOTFOUND)
			return error_set(err, ERR_NOTFOUND,
				_("certificate %zu is for unit %s, which is not known here"), i + 1,
				ct.subject_gid);
		if (rc)
			return rc;
		if ((rc = known_unit(c, ct.issuer_gid, &iu, err)) == ERR_NOTFOUND)
			return error_set(err, ERR_NOTFOUND,
				_("certificate %zu was issued by unit %s, which is not known here"),
				i + 1, ct.issuer_gid);
		if (rc)
			return rc;
		if (su.parent_id != iu.id)
			return error_set(err, ERR_DENIED,
				_("certificate %zu was issued by %s, which is not directly above %s"),
				i + 1, iu.code, su.code);
		memcpy(cur_pk, ct.issuer_pk, 32);
		snprintf(cur_gid, sizeof cur_gid, "%s", ct.issuer_gid);
	}
	return error_set(err, ERR_DENIED,
		_("the key is not certified up to a trusted root (pin the province's key with "
		  "'dondoc key trust')"));
}

int key_install(struct core *c, const char *cert_path, char issuer[128], struct error *err)
{
	unsigned char buf[9 + CERT_LEN * CHAIN_MAX + 1];
	struct identity id;
	struct cert ct;
	FILE *f;
	size_t n;
	int rc;

	if (!(f = fopen(cert_path, "rb")))
		return error_set(err, ERR_IO, _("%s: cannot read: %s"), cert_path, strerror(errno));
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n < 9 + CERT_LEN || memcmp(buf, "DDCHAIN1", 8) != 0 || buf[8] == 0 ||
	    buf[8] > CHAIN_MAX || n != 9 + (size_t)buf[8] * CERT_LEN || cert_decode(buf + 9, &ct))
		return error_set(err, ERR_INVALID,
			_("%s: not a certificate made by 'dondoc key certify'"), cert_path);
	if ((rc = identity_load(c, &id, 0, err)))
		return rc;
	sodium_memzero(id.sk, sizeof id.sk);
	if (memcmp(ct.subject_pk, id.pk, 32) != 0 || strcmp(ct.subject_gid, id.unit_gid) != 0)
		return error_set(err, ERR_DENIED,
			_("%s: the certificate is for another key or unit than %s's"), cert_path,
			id.unit_code);
	if ((rc = chain_verify(c, id.pk, id.unit_gid, buf + 9, buf[8], (int64_t)time(NULL), err)))
		return error_prefix(err, "%s: ", cert_path);
	snprintf(issuer, 128, "%s", ct.issuer_gid);
	{
		int64_t iid = 0;
		struct unit_info iu;

		memset(&iu, 0, sizeof iu);
		if (store_unit_find_gid(c->store, ct.issuer_gid, &iid, NULL) == ERR_OK && iid &&
		    store_unit_get(c->store, iid, take_unit, &iu, NULL) == ERR_OK)
			snprintf(issuer, 128, "%s", iu.code);
	}
	return store_key_put(c->store, id.unit_id, id.pk, buf + 9, (size_t)buf[8] * CERT_LEN, 0,
			     NULL, err);
}

int key_trust(struct core *c, const struct key_file *k, struct error *err)
{
	int64_t id = 0;
	char *fold = NULL;
	int rc;

	if ((rc = store_begin(c->store, err)))
		return rc;
	if ((rc = store_unit_find_gid(c->store, k->unit_gid, &id, err)))
		goto fail;
	if (!id) {
		/* A new installation meets its province here first: add the unit
		 * so bundles from it have somewhere to land. */
		const char *f[9];

		if (!(fold = text_fold(k->name))) {
			rc = error_set(err, ERR_NOMEM, "%s", error_text(ERR_NOMEM));
			goto fail;
		}
		f[0] = k->unit_gid, f[1] = k->code, f[2] = k->name, f[3] = fold, f[4] = k->kind;
		f[5] = k->parent_gid[0] ? k->parent_gid : NULL, f[6] = NULL, f[7] = "1", f[8] = "0";
		if ((rc = store_sync_row(c->store, SYNC_UNIT, f, err)) ||
		    (rc = store_unit_find_gid(c->store, k->unit_gid, &id, err)))
			goto fail;
	}
	if ((rc = store_key_put(c->store, id, k->pk, NULL, 0, 1, NULL, err)) ||
	    (rc = store_commit(c->store, err)))
		goto fail;
	free(fold);
	return ERR_OK;
fail:
	free(fold);
	store_rollback(c->store);
	return rc;
}
