/* flx-sweep.h: runs one model at many values of one parameter on worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "flx-model.h"

G_BEGIN_DECLS

typedef struct {
  const FlxModel *model;
  const double   *base_values; /* n_params, checked; the swept entry is replaced */
  int             param;       /* index of the swept parameter */
  const double   *points;      /* n values of that parameter (SI) */
  size_t          n;
  FlxQuality      quality;
  int             n_threads;   /* >= 1; more than n is pointless */
  /* Set to nonzero from anywhere (a signal handler too) to stop: no new point starts and
   * running ones are cancelled through the models' progress callback. */
  const volatile gint *stop;
} FlxSweepPlan;

/* Called on the calling thread, at most every 100 ms and once per finished point. */
typedef void (*FlxSweepProgressFunc) (size_t done, size_t n, void *user_data);

/* Runs the plan.  results[k] (n entries, zeroed by the caller) receives point k's result
 * when it finished, with fields and model extras already freed (a sweep keeps scalars and
 * series only, so memory does not grow with grid size).  Returns FLX_OK when every point
 * finished, FLX_E_CANCELLED when *stop was set, else the status of the first failing
 * point, whose index goes to *failed and its message to errmsg; the other workers are
 * stopped then. */
FlxStatus flx_sweep_run (const FlxSweepPlan *plan, FlxResult **results,
                         FlxSweepProgressFunc progress, void *user_data,
                         size_t *failed, char *errmsg, size_t errmsg_len);

/* n values from `from` to `to` (both included, n >= 2): equal steps, or equal ratios when
 * log_spacing (from and to must then be > 0).  The ends are exact. */
void      flx_sweep_points (double from, double to, size_t n, gboolean log_spacing,
                            double *points);

G_END_DECLS
