/* Monotonic seconds, for durations (progress, -v phase timings, adaptive
 * batch sizes): never the wall clock, which may jump. */
#ifndef LR_CLOCK_H
#define LR_CLOCK_H
double lr_now(void);
#endif
