/* flx-bench-gui.c: the hidden `flexolab --bench-gui` mode (issue 10).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real window, pages, views and job runners, and measures what a user feels:
 *  - start-up: process start (the spawning flexolab-bench's clock in FLEXOLAB_BENCH_T0, else
 *    /proc/self/stat, 10 ms resolution) to the first "after-paint" of the window, and to the
 *    first one with the cfr result on screen;
 *  - drags: a tick callback moves one slider per frame, as a hand at display rate would,
 *    through flx_model_page_set_value() (the path the slider takes), on cfr and on lsmo.
 *    Frame intervals come from the frame clock's GdkFrameTimings; "work" is the main
 *    thread's time from before-paint to after-paint.  "stale" is, per frame, how long the
 *    result on screen has been out of date (since the slider left the value it shows);
 *    "latency" is from the last change to the first frame that shows its result;
 *  - idle: CPU time (getrusage, all threads), frames painted and main-loop wake-ups while
 *    each page sits still; a running tick callback, animation or timer shows up there;
 *  - replay: frames painted per second while the vacancy page replays its run (issue 7:
 *    at least 30 frames/s at 256 x 128 cells);
 *  - memory: VmRSS and VmHWM once all five pages have been opened.
 * Everything runs by iterating the default main context from sequential code (as the
 * display tests do), so the same sources dispatch as under g_application_run().
 * Xvfb has no vsync: the frame clock paces itself at a nominal 60 Hz.
 */
#include "config.h"

#include "flx-bench-gui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "flx-vacancy-view.h"
#include "flx-window.h"

#define WAIT_S    60   /* cap on any one wait; the slowest FULL solve here takes ~1 s */
#define QUIET_MS  500  /* a page counts as settled after this long without a frame */

/* Targets from issue 10. */
#define TARGET_FIRST_FRAME_MS 500.0
#define TARGET_P95_FRAME_MS   16.7
#define TARGET_LATENCY_MS     100.0
#define TARGET_RSS_MB         200.0
#define TARGET_REPLAY_FPS     30.0  /* issue 7 */

typedef struct {
  gint64 frame_time; /* GdkFrameTimings frame time, µs */
  gint64 start_us;   /* before-paint, g_get_monotonic_time () */
  gint64 end_us;     /* after-paint */
  gint64 refresh_us; /* refresh interval the clock works with */
  int    shown_k;    /* drag step whose result is on screen; -1 before the first */
} Frame;

typedef struct {
  FlxWindow     *window;
  GdkFrameClock *clock;
  GArray        *frames;    /* Frame: every frame since the window appeared */
  gint64         before_us; /* the current frame's before-paint */
  gboolean       timed_out;

  /* The newest result a page showed; it is on screen from the next after-paint. */
  FlxModelPage  *pending_page;
  gboolean       pending;
  FlxModelPage  *onscreen_page; /* of the latest painted result */
  gint64         onscreen_us;
  FlxQuality     onscreen_quality;
  double        *onscreen_values; /* copy, n_params of onscreen_page */

  /* The drag in progress */
  FlxModelPage  *drag_page;
  int            drag_param;
  int            steps, drag_k, pending_k, shown_k, drag_results;
  double        *drag_values;
  gint64        *drag_set_us;
  guint          drag_first_frame, drag_last_frame;

  GString       *json;
  const char    *failed; /* first phase that timed out */

  /* For the "targets" summary */
  gboolean       drag_ok, idle_busy;
  double         idle_cpu_max;
  guint          idle_frames;
} Bench;

static guint n_polls;

static gint
counting_poll (GPollFD *fds, guint nfds, gint timeout)
{
  n_polls++;
  return g_poll (fds, nfds, timeout);
}

/* --- small helpers ---------------------------------------------------------------------- */

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
quantile (const double *sorted, int n, double q)
{
  double pos = q * (n - 1);
  int lo = (int) floor (pos), hi = (int) ceil (pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* Sorts t and appends {"median":…,"p95":…,"max":…} (null for no samples). */
static void
append_stats (GString *out, const char *key, double *t, int n)
{
  g_string_append_printf (out, "\"%s\":", key);
  if (n == 0)
    {
      g_string_append (out, "null");
      return;
    }
  qsort (t, n, sizeof *t, cmp_double);
  g_string_append_printf (out, "{\"median\":%.2f,\"p95\":%.2f,\"max\":%.2f}",
                          quantile (t, n, 0.5), quantile (t, n, 0.95), t[n - 1]);
}

static void
append_ms (GString *out, const char *key, double ms)
{
  if (isfinite (ms))
    g_string_append_printf (out, "\"%s\":%.1f", key, ms);
  else
    g_string_append_printf (out, "\"%s\":null", key);
}

/* When this process started, on the g_get_monotonic_time () clock: /proc gives the start
 * in clock ticks since boot. */
static gint64
process_start_us (void)
{
  g_autofree char *stat = NULL;
  g_auto (GStrv) f = NULL;
  struct timespec boot;
  char *p;
  double start_s;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (p = strrchr (stat, ')')) == NULL)
    return -1;
  f = g_strsplit (p + 2, " ", -1); /* f[0] is field 3 (state); starttime is field 22 */
  if (g_strv_length (f) < 20 || clock_gettime (CLOCK_BOOTTIME, &boot) != 0)
    return -1;
  start_s = g_ascii_strtod (f[19], NULL) / sysconf (_SC_CLK_TCK);
  return g_get_monotonic_time () - (gint64) ((boot.tv_sec + boot.tv_nsec * 1e-9 - start_s) * 1e6);
}

static double
status_mb (const char *key)
{
  g_autofree char *text = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) ||
      (p = strstr (text, key)) == NULL)
    return NAN;
  return g_ascii_strtod (p + strlen (key) + 1, NULL) / 1024.0; /* "VmRSS:  1234 kB" */
}

static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static gboolean
keep_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
never (Bench *b, gpointer data)
{
  return FALSE;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until cond holds or `seconds` pass; FALSE on timeout.  The
 * one timer is the deadline, so a wait adds no wake-ups of its own. */
static gboolean
wait_until (Bench *b, gboolean (*cond) (Bench *, gpointer), gpointer data, double seconds)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add ((guint) (seconds * 1000), set_flag_cb, &expired);

  while (!cond (b, data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return !expired || cond (b, data);
}

/* --- frame clock and results ------------------------------------------------------------ */

static void
before_paint_cb (GdkFrameClock *clock, Bench *b)
{
  b->before_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock, Bench *b)
{
  GdkFrameTimings *t = gdk_frame_clock_get_current_timings (clock);
  Frame f = { gdk_frame_clock_get_frame_time (clock), b->before_us, g_get_monotonic_time (),
              0, -1 };

  if (t != NULL)
    {
      f.frame_time = gdk_frame_timings_get_frame_time (t);
      f.refresh_us = gdk_frame_timings_get_refresh_interval (t);
    }
  if (f.refresh_us <= 0) /* not reported (no compositor): the clock's nominal value */
    gdk_frame_clock_get_refresh_info (clock, f.frame_time, &f.refresh_us, NULL);
  if (f.refresh_us <= 0)
    f.refresh_us = 16667;
  if (b->pending)
    {
      const FlxModel *m = flx_model_page_get_model (b->pending_page);
      FlxJobOutcome *o = flx_model_page_get_outcome (b->pending_page);

      b->pending = FALSE;
      b->onscreen_page = b->pending_page;
      b->onscreen_us = f.end_us;
      b->onscreen_quality = o->quality;
      g_free (b->onscreen_values);
      b->onscreen_values = g_memdup2 (o->values, sizeof (double) * m->n_params);
      if (b->pending_page == b->drag_page)
        b->shown_k = b->pending_k;
    }
  f.shown_k = b->shown_k;
  g_array_append_val (b->frames, f);
}

static void
result_shown_cb (FlxModelPage *page, FlxJobOutcome *outcome, Bench *b)
{
  b->pending = TRUE;
  b->pending_page = page;
  if (page == b->drag_page && b->drag_values != NULL)
    {
      double v = outcome->values[b->drag_param];
      b->pending_k = -1;
      for (int k = b->drag_k - 1; k >= 0; k--)
        if (b->drag_values[k] == v)
          {
            b->pending_k = k;
            break;
          }
      if (b->drag_k < b->steps)
        b->drag_results++;
    }
  /* Make sure a frame follows even if the view found nothing to redraw. */
  gdk_frame_clock_request_phase (b->clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

/* --- conditions ----------------------------------------------------------------------- */

static gboolean
shows_result_of (Bench *b, gpointer page)
{
  return b->onscreen_page == page;
}

static gboolean
has_frames (Bench *b, gpointer n)
{
  return b->frames->len >= GPOINTER_TO_UINT (n);
}

/* The page's result on screen is FULL quality for its current values. */
static gboolean
page_settled (Bench *b, gpointer data)
{
  FlxModelPage *page = data;
  const FlxModel *m = flx_model_page_get_model (page);
  FlxJobRunner *runner = flx_model_page_get_runner (page);
  FlxJobOutcome *o = flx_model_page_get_outcome (page);

  if (runner == NULL) /* not implemented: nothing to wait for */
    return TRUE;
  return o != NULL && !b->pending && !flx_job_runner_get_busy (runner) &&
         o->quality == FLX_QUALITY_FULL &&
         memcmp (o->values, flx_model_page_get_values (page), sizeof (double) * m->n_params) == 0;
}

static gboolean
quiet (Bench *b, gpointer data)
{
  gint64 last = b->frames->len ? g_array_index (b->frames, Frame, b->frames->len - 1).end_us : 0;
  return g_get_monotonic_time () - last >= QUIET_MS * 1000;
}

/* Waits until the page shows its FULL result and no frame has been drawn for QUIET_MS.
 * Quiet is checked every 50 ms (a timer only during this wait, never while measuring). */
static gboolean
settle (Bench *b, FlxModelPage *page)
{
  gboolean ok = wait_until (b, page_settled, page, WAIT_S);
  guint tick = g_timeout_add (50, keep_cb, NULL);

  ok = wait_until (b, quiet, NULL, 10) && ok;
  g_source_remove (tick);
  return ok;
}

/* --- phases ----------------------------------------------------------------------------- */

static void
fail (Bench *b, const char *phase)
{
  if (b->failed == NULL)
    b->failed = phase;
}

static gboolean
drag_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Bench *b = data;
  const FlxModel *m = flx_model_page_get_model (b->drag_page);

  if (b->drag_k == 0)
    b->drag_first_frame = b->frames->len; /* this frame's after-paint comes next */
  b->drag_set_us[b->drag_k] = g_get_monotonic_time ();
  flx_model_page_set_value (b->drag_page, m->params[b->drag_param].name,
                            b->drag_values[b->drag_k]);
  b->drag_k++;
  if (b->drag_k < b->steps)
    return G_SOURCE_CONTINUE;
  b->drag_last_frame = b->frames->len;
  return G_SOURCE_REMOVE;
}

static gboolean
drag_done (Bench *b, gpointer data)
{
  return b->drag_k == b->steps && b->frames->len > b->drag_last_frame;
}

/* The result for the final slider value is on screen (FAST, or FULL if that came first). */
static gboolean
final_shown (Bench *b, gpointer data)
{
  return b->onscreen_page == b->drag_page &&
         b->onscreen_values[b->drag_param] == b->drag_values[b->steps - 1] &&
         (data == NULL || b->onscreen_quality == FLX_QUALITY_FULL);
}

static void
bench_drag (Bench *b, const char *id, const char *param)
{
  FlxModelPage *page = flx_window_get_page (b->window, id);
  const FlxModel *m = flx_model_page_get_model (page);
  int pi = flx_model_find_param (m, param);
  const FlxParamSpec *s = &m->params[pi];
  double start = flx_model_page_get_values (page)[pi];
  /* From where the knob is to 90 % (or 10 %) of the range: a long, steady drag. */
  double target = s->min + (start < 0.5 * (s->min + s->max) ? 0.9 : 0.1) * (s->max - s->min);
  int n_iv, n_fr, n_st = 0, dropped = 0;
  double *iv, *raw, *work, *stale, latency = NAN, refined = NAN;
  guint n0;

  g_string_append_printf (b->json, "\"%s\":{\"param\":\"%s\",\"unit\":\"%s\",\"from\":%g,"
                          "\"to\":%g,\"steps\":%d,", id, param, s->unit, start, target, b->steps);
  n0 = b->frames->len;
  if (flx_window_show_model (b->window, id) && strcmp (id, "cfr") != 0 &&
      !wait_until (b, has_frames, GUINT_TO_POINTER (n0 + 1), WAIT_S))
    fail (b, "page switch");
  if (!settle (b, page))
    fail (b, "settle before drag");

  b->drag_page = page;
  b->drag_param = pi;
  b->drag_k = 0;
  b->shown_k = -1;
  b->drag_results = 0;
  b->drag_values = g_new (double, b->steps);
  b->drag_set_us = g_new (gint64, b->steps);
  for (int k = 0; k < b->steps; k++)
    b->drag_values[k] = start + (target - start) * (k + 1) / b->steps;
  gtk_widget_add_tick_callback (GTK_WIDGET (b->window), drag_tick_cb, b, NULL);
  /* However slow the frames, a drag must not be cut short: a second a frame at worst. */
  if (!wait_until (b, drag_done, NULL, WAIT_S + b->steps))
    fail (b, "drag");
  if (wait_until (b, final_shown, NULL, WAIT_S))
    latency = (b->onscreen_us - b->drag_set_us[b->steps - 1]) / 1e3;
  else
    fail (b, "result after drag");
  if (wait_until (b, final_shown, GINT_TO_POINTER (1), WAIT_S))
    refined = (b->onscreen_us - b->drag_set_us[b->steps - 1]) / 1e3;
  else
    fail (b, "FULL result after drag");

  /* Frames from the one that made the first change to the one that made the last. */
  n_fr = b->drag_k == b->steps ? (int) (b->drag_last_frame - b->drag_first_frame + 1) : 0;
  n_iv = MAX (n_fr - 1, 0);
  iv = g_new (double, n_fr + 1);
  raw = g_new (double, n_fr + 1);
  work = g_new (double, n_fr + 1);
  stale = g_new (double, n_fr + 1);
  for (int i = 0; i < n_fr; i++)
    {
      const Frame *f = &g_array_index (b->frames, Frame, b->drag_first_frame + i);
      /* Out of date since the slider moved off the value shown (step k+1 was set). */
      int next = f->shown_k + 1;

      work[i] = (f->end_us - f->start_us) / 1e3;
      if (next < b->steps && b->drag_set_us[next] <= f->end_us)
        stale[n_st++] = (f->end_us - b->drag_set_us[next]) / 1e3;
      if (i > 0)
        {
          const Frame *p = f - 1;
          iv[i - 1] = (f->frame_time - p->frame_time) / 1e3;
          raw[i - 1] = (f->end_us - p->end_us) / 1e3;
          if (f->frame_time - p->frame_time > 1.5 * f->refresh_us)
            dropped++;
        }
    }
  g_string_append_printf (b->json, "\"frames\":%d,\"duration_ms\":%.1f,", n_fr,
                          n_fr ? (g_array_index (b->frames, Frame, b->drag_last_frame).end_us -
                                  b->drag_set_us[0]) / 1e3 : 0.0);
  append_stats (b->json, "frame_interval_ms", iv, n_iv);
  g_string_append_c (b->json, ',');
  append_stats (b->json, "paint_interval_ms", raw, n_iv);
  g_string_append_c (b->json, ',');
  append_stats (b->json, "frame_work_ms", work, n_fr);
  g_string_append_printf (b->json, ",\"dropped_frames\":%d,\"results_shown_during_drag\":%d,",
                          dropped, b->drag_results);
  append_stats (b->json, "stale_ms", stale, n_st);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "latency_ms", latency);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "full_result_ms", refined);
  g_string_append_c (b->json, '}');
  /* iv is sorted by append_stats */
  if (n_iv == 0 || quantile (iv, n_iv, 0.95) > TARGET_P95_FRAME_MS || !(latency <= TARGET_LATENCY_MS))
    b->drag_ok = FALSE;
  g_free (iv);
  g_free (raw);
  g_free (work);
  g_free (stale);
  g_clear_pointer (&b->drag_values, g_free);
  g_clear_pointer (&b->drag_set_us, g_free);
  b->drag_page = NULL;
  if (!settle (b, page))
    fail (b, "settle after drag");
}

/* CPU time, frames and main-loop wake-ups over `seconds` with the page still.  The wait's
 * own deadline timer accounts for one or two wake-ups. */
static void
bench_idle (Bench *b, FlxModelPage *page, double seconds)
{
  GPollFunc old = g_main_context_get_poll_func (NULL);
  guint frames0 = b->frames->len;
  FlxJobRunner *runner = flx_model_page_get_runner (page);
  double c0, c1;
  gint64 t0, t1;
  gboolean busy;
  GtkWidget *focus;

  n_polls = 0;
  g_main_context_set_poll_func (NULL, counting_poll);
  c0 = cpu_ms ();
  t0 = g_get_monotonic_time ();
  wait_until (b, never, NULL, seconds);
  c1 = cpu_ms ();
  t1 = g_get_monotonic_time ();
  g_main_context_set_poll_func (NULL, old);
  busy = runner != NULL && flx_job_runner_get_busy (runner);
  focus = gtk_window_get_focus (GTK_WINDOW (b->window));
  g_string_append_printf (b->json, "\"%s\":{\"seconds\":%.2f,\"cpu_ms\":%.1f,\"frames\":%u,"
                          "\"wakeups\":%u,\"busy\":%s,\"focus\":\"%s\"}",
                          flx_model_page_get_model (page)->id, (t1 - t0) / 1e6, c1 - c0,
                          b->frames->len - frames0, n_polls, busy ? "true" : "false",
                          focus ? G_OBJECT_TYPE_NAME (focus) : "none");
  b->idle_cpu_max = MAX (b->idle_cpu_max, c1 - c0);
  b->idle_frames += b->frames->len - frames0;
  b->idle_busy = b->idle_busy || busy;
}

/* The vacancy page replays its FULL run (256 x 128 cells, up to 48 snapshots at 100 ms,
 * drawn at the display rate in between): painted frames per second over the replay, or
 * over `seconds` if it runs longer.  FALSE if the page has no replay to play. */
static gboolean
bench_replay (Bench *b, double seconds, double *fps_out)
{
  FlxModelPage *page = flx_window_get_page (b->window, "vacancy");
  FlxView *view = page ? flx_model_page_get_view (page) : NULL;
  FlxVacancyView *vv;
  guint n0, d0;
  gint64 t0, t1;
  int n_iv = 0;
  double *iv, fps;

  *fps_out = NAN;
  if (view == NULL || !FLX_IS_VACANCY_VIEW (view) ||
      !flx_window_show_model (b->window, "vacancy") || !settle (b, page))
    return FALSE;
  vv = FLX_VACANCY_VIEW (view);
  if (flx_vacancy_view_get_n_frames (vv) < 2)
    return FALSE;
  flx_vacancy_view_step (vv, -flx_vacancy_view_get_n_frames (vv)); /* first snapshot */
  n0 = b->frames->len;
  d0 = flx_vacancy_view_get_replay_draws (vv);
  t0 = g_get_monotonic_time ();
  flx_vacancy_view_set_playing (vv, TRUE);
  while (flx_vacancy_view_get_playing (vv) && g_get_monotonic_time () - t0 < seconds * 1e6)
    g_main_context_iteration (NULL, TRUE);
  t1 = g_get_monotonic_time ();
  flx_vacancy_view_set_playing (vv, FALSE);
  iv = g_new (double, MAX (b->frames->len - n0, 1));
  for (guint k = n0 + 1; k < b->frames->len; k++)
    iv[n_iv++] = (g_array_index (b->frames, Frame, k).end_us -
                  g_array_index (b->frames, Frame, k - 1).end_us) / 1e3;
  fps = (b->frames->len - n0) / ((t1 - t0) / 1e6);
  g_string_append_printf (b->json, "\"vacancy\":{\"seconds\":%.2f,\"frames\":%u,"
                          "\"replay_draws\":%u,\"snapshots\":%d,\"frames_per_s\":%.1f,",
                          (t1 - t0) / 1e6, b->frames->len - n0,
                          flx_vacancy_view_get_replay_draws (vv) - d0,
                          flx_vacancy_view_get_n_frames (vv), fps);
  append_stats (b->json, "frame_interval_ms", iv, n_iv);
  g_string_append_c (b->json, '}');
  g_free (iv);
  *fps_out = fps;
  return TRUE;
}

int
flx_bench_gui_run (GApplication *app, const FlxBenchGuiOptions *options)
{
  Bench bench = { 0 }, *b = &bench;
  g_autoptr (GError) error = NULL;
  const char *env_t0 = g_getenv ("FLEXOLAB_BENCH_T0");
  gint64 t0 = env_t0 ? g_ascii_strtoll (env_t0, NULL, 10) : process_start_us ();
  gint64 t_started, t_built, t_window, t_first = -1, t_result = -1;
  double rss, hwm, replay_fps;
  gboolean first_ok;
  FlxModelPage *cfr;
  GskRenderer *renderer;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("flexolab --bench-gui: %s\n", error->message);
      return 1;
    }
  t_started = g_get_monotonic_time ();
  b->steps = MAX (options->steps, 2);
  b->frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  b->json = g_string_new ("{");
  b->shown_k = -1;
  b->drag_ok = TRUE;

  b->window = flx_window_new (ADW_APPLICATION (app));
  t_built = g_get_monotonic_time ();
  for (size_t i = 0; i < flx_model_count (); i++)
    g_signal_connect (flx_window_get_page (b->window, flx_model_get (i)->id), "result-shown",
                      G_CALLBACK (result_shown_cb), b);
  flx_window_show_model (b->window, "cfr");
  gtk_window_present (GTK_WINDOW (b->window));
  t_window = g_get_monotonic_time ();
  b->clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->window));
  g_signal_connect (b->clock, "before-paint", G_CALLBACK (before_paint_cb), b);
  g_signal_connect (b->clock, "after-paint", G_CALLBACK (after_paint_cb), b);

  /* Start-up */
  cfr = flx_window_get_page (b->window, "cfr");
  if (wait_until (b, has_frames, GUINT_TO_POINTER (1), WAIT_S))
    t_first = g_array_index (b->frames, Frame, 0).end_us;
  else
    fail (b, "first frame");
  if (wait_until (b, shows_result_of, cfr, WAIT_S))
    t_result = b->onscreen_us;
  else
    fail (b, "first result");
  renderer = gtk_native_get_renderer (GTK_NATIVE (b->window));
  g_string_append_printf (b->json, "\"renderer\":\"%s\",\"window\":[%d,%d],"
                          "\"refresh_interval_ms\":%.2f,\"startup\":{\"t0\":\"%s\",",
                          renderer ? G_OBJECT_TYPE_NAME (renderer) : "none",
                          gtk_widget_get_width (GTK_WIDGET (b->window)),
                          gtk_widget_get_height (GTK_WIDGET (b->window)),
                          b->frames->len ? g_array_index (b->frames, Frame, 0).refresh_us / 1e3
                                         : 0.0,
                          env_t0 ? "spawn" : "proc");
  append_ms (b->json, "app_started_ms", (t_started - t0) / 1e3);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "window_built_ms", (t_built - t0) / 1e3);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "window_presented_ms", (t_window - t0) / 1e3);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "first_frame_ms", t_first < 0 ? NAN : (t_first - t0) / 1e3);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "first_result_frame_ms", t_result < 0 ? NAN : (t_result - t0) / 1e3);
  g_string_append (b->json, "},\"drag\":{");
  first_ok = t_result >= 0 && (t_result - t0) / 1e3 <= TARGET_FIRST_FRAME_MS;

  /* Drags */
  bench_drag (b, "cfr", "force");
  g_string_append_c (b->json, ',');
  bench_drag (b, "lsmo", "t_substrate");

  /* Every page in turn: its result, then idle; memory once all have been opened. */
  g_string_append (b->json, "},\"idle\":{");
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      FlxModelPage *page = flx_window_get_page (b->window, m->id);
      guint n0;

      n0 = b->frames->len;
      /* The page switch draws (a crossfade) before "quiet" means anything. */
      if (flx_window_show_model (b->window, m->id) &&
          !wait_until (b, has_frames, GUINT_TO_POINTER (n0 + 1), WAIT_S))
        fail (b, "page switch");
      if (!settle (b, page))
        fail (b, "settle before idle");
      if (i > 0)
        g_string_append_c (b->json, ',');
      bench_idle (b, page, options->idle_s);
    }
  g_string_append (b->json, "},\"replay\":{");
  if (!bench_replay (b, 6.0, &replay_fps))
    g_string_append (b->json, "\"vacancy\":null");
  rss = status_mb ("VmRSS:");
  hwm = status_mb ("VmHWM:");
  g_string_append_printf (b->json, "},\"memory\":{\"pages_opened\":%u,", (guint) flx_model_count ());
  append_ms (b->json, "vm_rss_mb", rss);
  g_string_append_c (b->json, ',');
  append_ms (b->json, "vm_hwm_mb", hwm);
  /* File-backed pages are mostly shared libraries (Mesa's llvmpipe with libLLVM once a
   * GL context exists), anonymous ones the app's own heap. */
  g_string_append_c (b->json, ',');
  append_ms (b->json, "rss_anon_mb", status_mb ("RssAnon:"));
  g_string_append_c (b->json, ',');
  append_ms (b->json, "rss_file_mb", status_mb ("RssFile:"));
  g_string_append_c (b->json, '}');

  /* Idle "~0": under 1 % of one core, no frame drawn, no job running. */
  g_string_append_printf (b->json, ",\"targets\":{\"first_frame\":%s,\"drag\":%s,"
                          "\"replay\":%s,\"idle\":%s,\"memory\":%s},\"complete\":%s",
                          first_ok ? "true" : "false", b->drag_ok ? "true" : "false",
                          replay_fps >= TARGET_REPLAY_FPS ? "true" : "false",
                          b->idle_cpu_max <= 10.0 * options->idle_s && b->idle_frames == 0 &&
                            !b->idle_busy ? "true" : "false",
                          hwm <= TARGET_RSS_MB ? "true" : "false",
                          b->failed ? "false" : "true");
  if (b->failed)
    g_string_append_printf (b->json, ",\"error\":\"timed out: %s\"", b->failed);
  g_string_append (b->json, "}\n");
  fputs (b->json->str, stdout);
  fflush (stdout);

  gtk_window_destroy (GTK_WINDOW (b->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_string_free (b->json, TRUE);
  g_array_unref (b->frames);
  g_free (b->onscreen_values);
  return b->failed ? 1 : 0;
}
