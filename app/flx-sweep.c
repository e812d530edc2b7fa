/* flx-sweep.c: a parameter sweep on worker threads, without GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Workers take the next point index from one counter, so the points finish roughly in
 * order and an interrupted sweep has done a prefix of the plan (plus at most one point per
 * worker beyond a cancelled one).  The models are re-entrant: all their state is in the
 * caller's values and their own allocations; the shared pieces are guarded in sim/
 * (FFTW's planner and the plan cache by flx_fftw_lock in sim/flx-elastic.c, the elastic
 * workspace pool by the same lock; each LSMO network has its own cholmod_common, which
 * CHOLMOD requires per thread; the materials table is written once before any thread).
 */
#include "config.h"

#include "flx-sweep.h"

#include <math.h>
#include <stdio.h>

typedef struct {
  const FlxSweepPlan *plan;
  FlxResult         **results;
  GMutex              lock;
  GCond               cond;
  gint                next;    /* atomic: next point index to take */
  gint                failing; /* atomic: a point failed, the others stop */
  /* Under lock: */
  size_t              done;
  int                 running; /* workers not yet finished */
  FlxStatus           status;  /* first failure */
  size_t              failed;
  char                errmsg[512];
} Sweep;

static gboolean
should_stop (Sweep *sw)
{
  return g_atomic_int_get (sw->plan->stop) != 0 || g_atomic_int_get (&sw->failing) != 0;
}

/* The models call this at ~10-20 Hz; nonzero cancels the run. */
static int
point_progress (double fraction, void *user_data)
{
  (void) fraction;
  return should_stop (user_data);
}

static gpointer
worker_main (gpointer data)
{
  Sweep *sw = data;
  const FlxSweepPlan *plan = sw->plan;
  const FlxModel *m = plan->model;
  g_autofree double *values = g_memdup2 (plan->base_values, (m->n_params + 1) * sizeof (double));

  while (!should_stop (sw))
    {
      size_t k = (size_t) g_atomic_int_add (&sw->next, 1);
      FlxResult *r = NULL;
      char errmsg[512] = "";
      FlxStatus st;

      if (k >= plan->n)
        break;
      values[plan->param] = plan->points[k];
      st = flx_model_run (m, values, plan->quality, &r, point_progress, sw, errmsg, sizeof errmsg);
      if (r != NULL)
        {
          /* Only scalars and series are written; drop the rest now. */
          for (size_t i = 0; i < m->n_fields; i++)
            g_clear_pointer (&r->fields[i].data, free);
          if (r->extra != NULL && r->free_extra != NULL)
            r->free_extra (r->extra);
          r->extra = NULL;
        }
      g_mutex_lock (&sw->lock);
      if (st == FLX_OK)
        {
          sw->results[k] = r;
          sw->done++;
        }
      else if (!(st == FLX_E_CANCELLED && should_stop (sw)) &&
               (sw->status == FLX_OK || k < sw->failed))
        {
          /* A real failure (not our own cancel): the earliest point's is reported. */
          sw->status = st;
          sw->failed = k;
          g_strlcpy (sw->errmsg, errmsg[0] ? errmsg : flx_status_to_string (st),
                     sizeof sw->errmsg);
          g_atomic_int_set (&sw->failing, 1);
        }
      g_cond_signal (&sw->cond);
      g_mutex_unlock (&sw->lock);
    }

  g_mutex_lock (&sw->lock);
  sw->running--;
  g_cond_signal (&sw->cond);
  g_mutex_unlock (&sw->lock);
  return NULL;
}

FlxStatus
flx_sweep_run (const FlxSweepPlan *plan, FlxResult **results, FlxSweepProgressFunc progress,
               void *user_data, size_t *failed, char *errmsg, size_t errmsg_len)
{
  Sweep sw = { .plan = plan, .results = results, .status = FLX_OK };
  int n_threads = CLAMP (plan->n_threads, 1, (int) MAX (plan->n, 1));
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  size_t shown = (size_t) -1;
  gint64 last = 0;
  FlxStatus st;

  g_mutex_init (&sw.lock);
  g_cond_init (&sw.cond);
  g_mutex_lock (&sw.lock);
  for (int t = 0; t < n_threads; t++)
    {
      g_autoptr (GError) error = NULL;
      threads[t] = g_thread_try_new ("flx-sweep", worker_main, &sw, &error);
      if (threads[t] != NULL)
        sw.running++;
    }
  g_mutex_unlock (&sw.lock);
  if (sw.running == 0) /* not even one thread: run on this one */
    {
      sw.running = 1;
      worker_main (&sw);
    }

  g_mutex_lock (&sw.lock);
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      /* Progress on every finished point and every 100 ms (a terminal shows the elapsed
       * time while a long point runs); the wait times out for that. */
      if (progress != NULL && (sw.done != shown || now - last >= 100 * G_TIME_SPAN_MILLISECOND))
        {
          size_t done = shown = sw.done;
          last = now;
          g_mutex_unlock (&sw.lock);
          progress (done, plan->n, user_data);
          g_mutex_lock (&sw.lock);
          continue;
        }
      if (sw.running == 0)
        break;
      g_cond_wait_until (&sw.cond, &sw.lock, now + 100 * G_TIME_SPAN_MILLISECOND);
    }
  g_mutex_unlock (&sw.lock);
  for (int t = 0; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);

  if (sw.status != FLX_OK)
    {
      if (failed != NULL)
        *failed = sw.failed;
      g_strlcpy (errmsg, sw.errmsg, errmsg_len);
      st = sw.status;
    }
  else if (sw.done < plan->n)
    st = FLX_E_CANCELLED;
  else
    st = FLX_OK;
  g_mutex_clear (&sw.lock);
  g_cond_clear (&sw.cond);
  return st;
}

void
flx_sweep_points (double from, double to, size_t n, gboolean log_spacing, double *points)
{
  for (size_t k = 0; k < n; k++)
    {
      double t = (double) k / (double) (n - 1);
      points[k] = log_spacing ? exp (log (from) + t * (log (to) - log (from)))
                              : from + t * (to - from);
    }
  points[0] = from;
  points[n - 1] = to;
}
