/* compose.h - Vietnamese typing without an input method: Telex and VNI
 * composition applied to the word before the cursor of a text field. */
#ifndef CORE_COMPOSE_H
#define CORE_COMPOSE_H

#include <stddef.h>

enum compose_mode {
	COMPOSE_OFF,
	COMPOSE_TELEX,              /* aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, dd đ; s f r x j tones, z clears */
	COMPOSE_VNI,                /* 6 â ê ô, 7 ơ ư, 8 ă, 9 đ; 1 2 3 4 5 tones, 0 clears */
};

/* Apply a typed ASCII key to the UTF-8 text (NUL-terminated, cap bytes)
 * whose cursor is at byte *cursor. Returns 1 when the key composed (text
 * and cursor changed), 0 when the key should be inserted as it is. Typing
 * the same key again undoes a composition: "â" + "a" gives "aa". */
int compose_key(enum compose_mode mode, char *text, size_t cap, size_t *cursor, char key);

const char *compose_mode_name(enum compose_mode mode);

#endif
