/* hlc.h - hybrid logical clock for ordering one unit's own edits. */
#ifndef CORE_HLC_H
#define CORE_HLC_H

#include <stdint.h>

/* The next timestamp after `last`, at wall-clock time now_ms: never smaller
 * than either, so edits stay ordered even when the PC's clock goes back. */
/* No honest clock reads past 1 January 2200; a record claiming more is
 * forged (it would outrank its unit's every later edit). */
#define HLC_MAX ((int64_t)7258118400000 << 16)

int64_t hlc_next(int64_t last, int64_t now_ms);
int64_t hlc_now_ms(void);

#endif
