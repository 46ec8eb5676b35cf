/* hlc.c - a hybrid logical clock packed in 64 bits: milliseconds since the
 * epoch in the high 48, a counter in the low 16. Old office PCs often have a
 * wrong or drifting clock; the counter keeps order when time stands still or
 * runs backwards. */
#include <config.h>

#include <time.h>

#include "core/hlc.h"

int64_t hlc_next(int64_t last, int64_t now_ms)
{
	int64_t last_ms = last >> 16, counter = last & 0xffff;

	if (now_ms > last_ms)
		return now_ms << 16;
	if (counter < 0xffff)
		return (last_ms << 16) | (counter + 1);
	return (last_ms + 1) << 16;     /* counter full: borrow a millisecond */
}

int64_t hlc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
