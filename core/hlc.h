/* hlc.h - hybrid logical clock for ordering one unit's own edits. */
#ifndef CORE_HLC_H
#define CORE_HLC_H

#include <stdint.h>

/* The next timestamp after `last`, at wall-clock time now_ms: never smaller
 * than either, so edits stay ordered even when the PC's clock goes back. */
int64_t hlc_next(int64_t last, int64_t now_ms);
int64_t hlc_now_ms(void);

#endif
