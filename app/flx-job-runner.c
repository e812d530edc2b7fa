/* flx-job-runner.c: the worker thread behind each model page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why this shape: a slider drag produces far more requests than a solver can serve.  One
 * pending slot that each request overwrites ("latest wins") bounds the queue at one; a
 * generation counter that each request bumps lets the running solver notice, through its
 * progress callback, that its answer is no longer wanted and stop early.  Results go to
 * the main thread as idle sources on its context, carrying a reference to the runner
 * and their generation, so a result that arrives after a newer request is dropped there.
 * Fields are grouped by the thread that owns them.
 *
 * ThreadSanitizer cannot see GMutex and GCond: Debian's GLib implements them with atomics
 * and raw futex calls inside the uninstrumented libglib, and hands idle sources to the
 * main thread under GMainContext's own lock.  Under TSan the lock helpers below and
 * post_to_main() tell it about those happens-before edges, so it checks every field here
 * (README "Threads").  Elsewhere they compile to the plain GLib calls.
 */
#include "config.h"

#include "flx-job-runner.h"

#include <stdatomic.h>
#include <string.h>

#if defined(__SANITIZE_THREAD__) /* gcc */
#define FLX_TSAN 1
#elif defined(__has_feature)      /* clang */
#if __has_feature(thread_sanitizer)
#define FLX_TSAN 1
#endif
#endif

#ifdef FLX_TSAN
#include <sanitizer/tsan_interface.h>
#define tsan_acquire(addr) __tsan_acquire ((void *) (addr))
#define tsan_release(addr) __tsan_release ((void *) (addr))
#else
#define tsan_acquire(addr) ((void) 0)
#define tsan_release(addr) ((void) 0)
#endif

struct _FlxJobRunner
{
  GObject          parent_instance;

  /* Immutable after construction */
  const FlxModel  *model;
  GMainContext    *main_context;
  GThread         *thread;

  /* Shared, under lock */
  GMutex           lock;
  GCond            cond;
  gboolean         has_pending;
  double          *pending_values;
  FlxQuality       pending_quality;
  guint64          pending_generation;
  gboolean         stopping;
  double           progress;       /* worker's latest fraction */
  gboolean         progress_queued; /* one idle at most carries progress to the main thread */

  /* Atomic: bumped by every submit/cancel; read by the worker's progress callback */
  _Atomic guint64  generation;
  _Atomic guint    in_flight;  /* deliveries posted, not yet dispatched or dropped */

  /* Main thread only */
  gboolean         busy;
  double           shown_progress;
  guint64          delivered_generation;
};

/* Unlock releases what the thread wrote under the lock; lock acquires it. */
static inline void
runner_lock (FlxJobRunner *self)
{
  g_mutex_lock (&self->lock);
  tsan_acquire (&self->lock);
}

static inline void
runner_unlock (FlxJobRunner *self)
{
  tsan_release (&self->lock);
  g_mutex_unlock (&self->lock);
}

static inline void
runner_wait (FlxJobRunner *self)
{
  tsan_release (&self->lock);
  g_cond_wait (&self->cond, &self->lock);
  tsan_acquire (&self->lock);
}

enum { PROP_0, PROP_BUSY, PROP_PROGRESS, N_PROPS };
enum { FINISHED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FlxJobRunner, flx_job_runner, G_TYPE_OBJECT)

/* --- outcome ------------------------------------------------------------------------- */

typedef struct {
  FlxJobOutcome pub;
  gint          ref_count;
} Outcome;

FlxJobOutcome *
flx_job_outcome_ref (FlxJobOutcome *outcome)
{
  g_atomic_int_inc (&((Outcome *) outcome)->ref_count);
  return outcome;
}

void
flx_job_outcome_unref (FlxJobOutcome *outcome)
{
  Outcome *o = (Outcome *) outcome;

  if (!g_atomic_int_dec_and_test (&o->ref_count))
    return;
  flx_result_free (o->pub.result);
  g_free (o->pub.values);
  g_free (o->pub.message);
  g_free (o);
}

G_DEFINE_BOXED_TYPE (FlxJobOutcome, flx_job_outcome, flx_job_outcome_ref, flx_job_outcome_unref)

/* --- worker -------------------------------------------------------------------------- */

typedef struct {
  FlxJobRunner *self;
  guint64       generation;
  gint64        last_report_us;
} RunContext;

typedef struct {
  FlxJobRunner  *self; /* strong ref */
  FlxJobOutcome *outcome;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *d = data;
  atomic_fetch_sub (&d->self->in_flight, 1);
  g_object_unref (d->self);
  g_clear_pointer (&d->outcome, flx_job_outcome_unref);
  g_free (d);
}

static void
set_busy (FlxJobRunner *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *d = data;
  FlxJobRunner *self;
  guint64 current;

  tsan_acquire (d); /* pairs with post_to_main() on the worker */
  self = d->self;
  current = atomic_load (&self->generation);

  /* A newer request exists: its own result will follow, this one is stale. */
  if (d->outcome->generation != current)
    return G_SOURCE_REMOVE;
  self->delivered_generation = d->outcome->generation;
  set_busy (self, FALSE);
  g_signal_emit (self, signals[FINISHED], 0, d->outcome);
  return G_SOURCE_REMOVE;
}

static gboolean
progress_cb_main (gpointer data)
{
  FlxJobRunner *self = data;
  double p;

  tsan_acquire (self); /* pairs with post_to_main() on the worker */
  runner_lock (self);
  p = self->progress;
  self->progress_queued = FALSE;
  runner_unlock (self);
  if (p != self->shown_progress)
    {
      self->shown_progress = p;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  return G_SOURCE_REMOVE;
}

/* Not g_main_context_invoke(): it runs the function right here when nobody owns the
 * context, which would put GTK work on the worker thread. */
static void
post_to_main (FlxJobRunner *self, int priority, GSourceFunc func, gpointer data,
              GDestroyNotify notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[flexolab] job runner delivery");
  /* What the worker wrote into `data` and the source happens before the callback, which
   * acquires `data`; GMainContext's lock does this, invisibly to TSan. */
  tsan_release (data);
  g_source_attach (source, self->main_context);
  g_source_unref (source);
}

static int
worker_progress (double fraction, void *user_data)
{
  RunContext *ctx = user_data;
  FlxJobRunner *self = ctx->self;
  gint64 now;

  if (atomic_load (&self->generation) != ctx->generation)
    return 1; /* superseded or cancelled */

  now = g_get_monotonic_time ();
  if (now - ctx->last_report_us > 50000) /* at most ~20 Hz towards the UI */
    {
      gboolean queue;
      ctx->last_report_us = now;
      runner_lock (self);
      self->progress = fraction;
      queue = !self->progress_queued;
      self->progress_queued = TRUE;
      runner_unlock (self);
      if (queue)
        post_to_main (self, G_PRIORITY_DEFAULT_IDLE, progress_cb_main, g_object_ref (self),
                      g_object_unref);
    }
  return 0;
}

static gpointer
worker_main (gpointer data)
{
  FlxJobRunner *self = data; /* borrowed: dispose joins this thread before finalizing */
  size_t n = self->model->n_params;
  double *values = g_new0 (double, n + 1);

  for (;;)
    {
      RunContext ctx = { self, 0, 0 };
      FlxQuality quality;
      Outcome *o;
      char errmsg[512] = "";
      gint64 t0;
      Delivery *d;

      runner_lock (self);
      while (!self->has_pending && !self->stopping)
        runner_wait (self);
      if (self->stopping)
        {
          runner_unlock (self);
          break;
        }
      memcpy (values, self->pending_values, n * sizeof (double));
      quality = self->pending_quality;
      ctx.generation = self->pending_generation;
      self->has_pending = FALSE;
      runner_unlock (self);

      o = g_new0 (Outcome, 1);
      o->ref_count = 1;
      o->pub.model = self->model;
      o->pub.generation = ctx.generation;
      o->pub.values = g_memdup2 (values, (n + 1) * sizeof (double));
      o->pub.quality = quality;
      t0 = g_get_monotonic_time ();
      o->pub.status = flx_model_run (self->model, values, quality, &o->pub.result,
                                     worker_progress, &ctx, errmsg, sizeof errmsg);
      o->pub.elapsed_us = g_get_monotonic_time () - t0;
      if (o->pub.status != FLX_OK)
        o->pub.message = g_strdup (errmsg[0] ? errmsg : flx_status_to_string (o->pub.status));

      /* Superseded runs are dropped here already; deliver_cb checks again because a
       * newer request may arrive while this one is in flight to the main thread. */
      if (o->pub.status == FLX_E_CANCELLED ||
          atomic_load (&self->generation) != ctx.generation)
        {
          flx_job_outcome_unref (&o->pub);
          continue;
        }
      d = g_new0 (Delivery, 1);
      d->self = g_object_ref (self);
      d->outcome = &o->pub;
      atomic_fetch_add (&self->in_flight, 1);
      post_to_main (self, G_PRIORITY_DEFAULT, deliver_cb, d, delivery_free);
    }
  g_free (values);
  return NULL;
}

/* --- object -------------------------------------------------------------------------- */

static void
flx_job_runner_dispose (GObject *object)
{
  FlxJobRunner *self = FLX_JOB_RUNNER (object);

  if (self->thread != NULL)
    {
      runner_lock (self);
      self->stopping = TRUE;
      atomic_fetch_add (&self->generation, 1); /* stop the running job */
      g_cond_signal (&self->cond);
      runner_unlock (self);
      g_thread_join (self->thread);
      self->thread = NULL;
    }
  G_OBJECT_CLASS (flx_job_runner_parent_class)->dispose (object);
}

static void
flx_job_runner_finalize (GObject *object)
{
  FlxJobRunner *self = FLX_JOB_RUNNER (object);

  g_free (self->pending_values);
  g_main_context_unref (self->main_context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (flx_job_runner_parent_class)->finalize (object);
}

static void
flx_job_runner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FlxJobRunner *self = FLX_JOB_RUNNER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->shown_progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flx_job_runner_class_init (FlxJobRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flx_job_runner_dispose;
  object_class->finalize = flx_job_runner_finalize;
  object_class->get_property = flx_job_runner_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, FLX_TYPE_JOB_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
flx_job_runner_init (FlxJobRunner *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->shown_progress = -1;
  self->progress = -1;
}

FlxJobRunner *
flx_job_runner_new (const FlxModel *model)
{
  FlxJobRunner *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (FLX_TYPE_JOB_RUNNER, NULL);
  self->model = model;
  self->main_context = g_main_context_ref_thread_default ();
  self->pending_values = g_new0 (double, model->n_params + 1);
  name = g_strdup_printf ("flx-%s", model->id);
  self->thread = g_thread_new (name, worker_main, self);
  return self;
}

const FlxModel *
flx_job_runner_get_model (FlxJobRunner *self)
{
  g_return_val_if_fail (FLX_IS_JOB_RUNNER (self), NULL);
  return self->model;
}

guint64
flx_job_runner_submit (FlxJobRunner *self, const double *values, FlxQuality quality)
{
  guint64 gen;

  g_return_val_if_fail (FLX_IS_JOB_RUNNER (self), 0);

  runner_lock (self);
  memcpy (self->pending_values, values, self->model->n_params * sizeof (double));
  self->pending_quality = quality;
  gen = atomic_fetch_add (&self->generation, 1) + 1; /* running job stops */
  self->pending_generation = gen;
  self->has_pending = TRUE; /* an older pending request is simply overwritten */
  g_cond_signal (&self->cond);
  runner_unlock (self);
  set_busy (self, TRUE);
  return gen;
}

void
flx_job_runner_cancel (FlxJobRunner *self)
{
  g_return_if_fail (FLX_IS_JOB_RUNNER (self));

  runner_lock (self);
  self->has_pending = FALSE;
  atomic_fetch_add (&self->generation, 1);
  runner_unlock (self);
  set_busy (self, FALSE);
}

guint64
flx_job_runner_get_generation (FlxJobRunner *self)
{
  return atomic_load (&self->generation);
}

guint
flx_job_runner_get_in_flight (FlxJobRunner *self)
{
  return atomic_load (&self->in_flight);
}

gboolean
flx_job_runner_get_busy (FlxJobRunner *self)
{
  return self->busy;
}

double
flx_job_runner_get_progress (FlxJobRunner *self)
{
  return self->shown_progress;
}
