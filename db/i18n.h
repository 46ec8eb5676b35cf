/* i18n.h - the gettext shorthands every layer uses.
 *
 * It sits in db/, the lowest layer, only so that db/, core/ and tui/ can all
 * include it without calling upward; it knows nothing about the database. */
#ifndef DB_I18N_H
#define DB_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
