/* flx-types.h: status codes and callbacks shared by every sim/ module.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sim/ is a plain C library (no GTK, no GLib): solvers report with status codes, as GSL
 * and FFTW do, and app/ translates them into GError.
 */
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  FLX_OK = 0,
  FLX_E_PARAM,           /* a parameter is outside its allowed range */
  FLX_E_NOMEM,           /* allocation failed or the grid is too large */
  FLX_E_DIVERGED,        /* non-convergence, NaN or inf detected */
  FLX_E_CANCELLED,       /* the progress callback asked to stop */
  FLX_E_IO,              /* file input/output failed */
  FLX_E_NOT_IMPLEMENTED, /* the model has no solver yet */
} FlxStatus;

/* Called on the worker thread, about 10 times per second at most.
 * fraction is in [0, 1], or negative when unknown.  Return nonzero to stop. */
typedef int (*FlxProgressFunc) (double fraction, void *user_data);

/* Two resolution tiers: FAST while a slider is dragged, FULL when it is released. */
typedef enum {
  FLX_QUALITY_FAST = 0,
  FLX_QUALITY_FULL = 1,
} FlxQuality;

/* Marks table strings (labels, descriptions) for translation; app/ translates them with
 * gettext when it shows them.  Same definition as GLib's, so both headers can meet. */
#ifndef N_
#define N_(String) (String)
#endif

/* Memory a single run may plan to use (issue 11): runs whose grids would need more are
 * refused with FLX_E_NOMEM and a message naming the sizes, before anything is allocated,
 * so a typed "nx=1000" cannot take the machine into swap.  2 GiB leaves room for the GUI
 * and a second run on an 8 GiB laptop. */
#define FLX_MEMORY_LIMIT ((size_t) 2 << 30)

const char *flx_status_to_string (FlxStatus status);

/* Write a printf-style message into errmsg (if non-NULL) and return status. */
FlxStatus flx_set_error (char *errmsg, size_t errmsg_len, FlxStatus status,
                         const char *format, ...)
  __attribute__ ((format (printf, 4, 5)));

/* Convenience for solvers: call progress (if any); nonzero means cancelled. */
static inline int
flx_report (FlxProgressFunc progress, void *user_data, double fraction)
{
  return progress != NULL && progress (fraction, user_data) != 0;
}

#ifdef __cplusplus
}
#endif
