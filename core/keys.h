/* keys.h - a unit's signing key, certificates from the unit above, and the
 * pinned root (the province's key) every chain must lead to. */
#ifndef CORE_KEYS_H
#define CORE_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "core/id.h"

enum { CERT_LEN = 200, CHAIN_MAX = 8 };

/* A certificate: the issuer (the unit above) signs that subject_pk is the
 * key of the unit subject_gid from valid_from to valid_until. Fixed layout,
 * big-endian: "DDC1", subject key, issuer key, from, until (seconds since
 * the epoch), subject gid, issuer gid, signature of all that. */
struct cert {
	unsigned char subject_pk[32], issuer_pk[32];
	int64_t valid_from, valid_until;
	char subject_gid[ID_LEN + 1], issuer_gid[ID_LEN + 1];
	unsigned char sig[64];
};

/* This installation's identity: the acting unit, its keys and chain. */
struct identity {
	int64_t unit_id;
	char unit_gid[ID_LEN + 1];
	char unit_code[64];
	unsigned char pk[32], sk[64];
	unsigned char chain[CERT_LEN * CHAIN_MAX];
	size_t chain_len;                 /* bytes; 0 for a root */
	int root;
};

/* "dondoc key init": a new key pair for the acting unit; a unit with no
 * parent pins its own key as the root. *path gets the secret key's file. */
int key_init(struct core *c, char path[1024], char fingerprint[64], int *root,
	     struct error *err);
/* Write the acting unit's public key to path. */
int key_export(struct core *c, const char *path, struct error *err);
/* Certify the public key in key_path (a unit directly below the acting
 * unit) until the given date (NULL: five years); write the chain. */
int key_certify(struct core *c, const char *key_path, const char *until, const char *out_path,
		char subject[128], struct error *err);
/* Install a chain certifying the acting unit's key. */
int key_install(struct core *c, const char *cert_path, char issuer[128], struct error *err);
/* Read a public key file for "key trust": the unit it names and the
 * fingerprint to show before pinning it. */
struct key_file {
	char unit_gid[ID_LEN + 1];
	char code[64], name[512], kind[16], parent_gid[ID_LEN + 1];
	unsigned char pk[32];
};
int key_read_file(const char *path, struct key_file *k, struct error *err);
void key_fingerprint(const unsigned char pk[32], char out[64]);
/* Pin k as a trusted root (adding its unit when unknown). */
int key_trust(struct core *c, const struct key_file *k, struct error *err);

/* Load the acting unit's identity; an actionable error when it has no key,
 * or (need_chain) its key is neither a root nor certified. */
int identity_load(struct core *c, struct identity *id, int need_chain, struct error *err);

void cert_encode(const struct cert *ct, unsigned char out[CERT_LEN]);
int cert_decode(const unsigned char in[CERT_LEN], struct cert *ct);
/* Check that chain (n certificates) certifies pk as the key of unit gid at
 * time `when`, link by link up to a pinned root: each link issued by the
 * subject's parent in this database's tree, both units known here, none
 * signed by its own subject. The message says which link failed;
 * ERR_NOTFOUND when a link names a unit not known here. */
int chain_verify(struct core *c, const unsigned char pk[32], const char *gid,
		 const unsigned char *chain, size_t n, int64_t when, struct error *err);

#endif
