/* id.h - global ids: rows that travel between units carry one. */
#ifndef CORE_ID_H
#define CORE_ID_H

#define ID_LEN 26                   /* 128 bits in base32 */

/* A random id (libsodium's CSPRNG): for rows created here. */
void id_random(char out[ID_LEN + 1]);
/* An id derived from a natural key (BLAKE2b): the same key gives the same id
 * on every installation, so a status record (task, unit, period) created in
 * two places is one row when the two meet. */
void id_derived(char out[ID_LEN + 1], const char *key);

/* 1 if s is a global id as id_random() and id_derived() write them. */
int id_valid(const char *s);

#endif
