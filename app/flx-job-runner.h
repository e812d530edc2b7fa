/* flx-job-runner.h: one worker thread per model page, latest-wins coalescing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "flx-model.h"

G_BEGIN_DECLS

/* The outcome of one run, handed to the main thread.  Reference counted, immutable. */
typedef struct {
  const FlxModel *model;
  guint64         generation; /* of the request that produced it */
  double         *values;     /* the parameters it was run with */
  FlxQuality      quality;
  FlxStatus       status;
  char           *message;    /* NULL on success */
  FlxResult      *result;     /* NULL unless status == FLX_OK */
  gint64          elapsed_us; /* time the solver took */
} FlxJobOutcome;

#define FLX_TYPE_JOB_OUTCOME (flx_job_outcome_get_type ())
GType          flx_job_outcome_get_type (void) G_GNUC_CONST;
FlxJobOutcome *flx_job_outcome_ref (FlxJobOutcome *outcome);
void           flx_job_outcome_unref (FlxJobOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlxJobOutcome, flx_job_outcome_unref)

#define FLX_TYPE_JOB_RUNNER (flx_job_runner_get_type ())
G_DECLARE_FINAL_TYPE (FlxJobRunner, flx_job_runner, FLX, JOB_RUNNER, GObject)

/* Must be created on the thread whose main context receives the results (the GTK
 * main thread in the app).  The worker thread starts at once and idles. */
FlxJobRunner *flx_job_runner_new (const FlxModel *model);
const FlxModel *flx_job_runner_get_model (FlxJobRunner *self);

/* Queues a run with these parameter values (copied).  A pending request that has not
 * started is replaced; a running one is asked to stop.  Returns the new generation. */
guint64       flx_job_runner_submit (FlxJobRunner *self, const double *values,
                                     FlxQuality quality);
/* Drops the pending request and stops the running one; nothing is delivered for them. */
void          flx_job_runner_cancel (FlxJobRunner *self);
guint64       flx_job_runner_get_generation (FlxJobRunner *self);
gboolean      flx_job_runner_get_busy (FlxJobRunner *self);
/* Results posted to the main thread and not yet handled: latest wins, so this stays at one
 * or two however fast requests come (the soak test checks it). */
guint         flx_job_runner_get_in_flight (FlxJobRunner *self);
double        flx_job_runner_get_progress (FlxJobRunner *self);

/* Signals (main thread only):
 *   "finished" (FlxJobOutcome *outcome): the latest request finished (OK or failed);
 *     results of superseded requests are never delivered.
 * Properties: "busy" (gboolean), "progress" (double, -1 when unknown). */

G_END_DECLS
