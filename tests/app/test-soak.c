/* test-soak.c: a real window driven for a long time as a restless user would, checking
 * that memory stays flat and the job runners never pile up work (issue 11).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At ~60 Hz a timeout moves one slider of the visible page the way a pointer drag does
 * (GtkRange's "change-value" signal, which sets the adjustment the page listens to), for
 * 0.3-3 s per drag, then picks the next one; now and then it jumps to another page, loads
 * a preset, undoes, redoes or resets.  Autosave runs too (every 5 s after a change).
 *
 * Length: FLEXOLAB_SOAK_SECONDS, else FLEXOLAB_SOAK_DEFAULT_SECONDS (the meson test sets
 * 120), else 600.  Every 5 s it samples VmRSS for the printed curve.  That curve follows
 * the parameters (lsmo's grid and sweep sliders alone move the working set by hundreds of
 * MB, legitimately), so leaks are judged at checkpoints every 30 s and at the end: every
 * page is reset to its defaults, the runners finish, 2 s pass for the last frames,
 * malloc_trim() hands freed memory back, and RSS is read; live memory is then what the
 * default state needs plus any leak.  Fails when
 *   - RSS at the last three checkpoints (median) exceeds that at the first three after the
 *     warm-up (a fifth of the run, at least 20 s, at most half: every page is visited
 *     first; caches, fonts, GL and FFTW plans settle) by more than 10 % + 20 MB;
 *   - a job runner ever has more than 3 results waiting for the main thread: latest-wins
 *     allows one per main-loop turn, since every request comes from the main thread;
 *   - after a checkpoint's reset the runners are still busy after 60 s (the default FULL
 *     solves take under 1 s each on an idle machine; a huge lsmo run must be cancelled):
 *     queued or unstoppable work would show there;
 *   - the main loop stalls: fewer than one tick per second.  The tick rate itself depends
 *     on the machine (software GL under Xvfb renders every result), so it is printed.
 * The RSS curve, the checkpoints with their slope and the tick statistics are printed.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <math.h>
#include <string.h>

#include "flx-autosave.h"
#include "flx-window.h"

#define TICK_MS        16
#define SAMPLE_S       5
#define CHECKPOINT_S   30
#define DRAIN_LIMIT_S  60
#define SETTLE_MS      2000 /* after the last result, before reading RSS: render, drop caches */
#define PRESET_DIR     "/io/github/flexolab/Flexolab/presets/"

typedef struct {
  FlxWindow  *win;
  GRand      *rand;
  GMainLoop  *loop;
  GStrv       presets;
  gint64      t0, end, next_sample;
  /* the drag in progress */
  GtkRange   *scale;
  double      lo, hi, phase, speed;
  gint64      drag_end;
  /* counts */
  guint       ticks, drags, jumps, preset_loads, undos, redos, resets, results;
  guint       max_in_flight;
  gint64      last_tick;
  GArray     *gaps_ms;  /* double */
  GArray     *sample_t; /* double, s */
  GArray     *sample_rss; /* double, MB */
  /* checkpoints: every page reset, runners idle, freed memory trimmed */
  gint64      next_checkpoint, checkpoint_start; /* start != 0: waiting for idle */
  gint64      idle_at; /* != 0: runners idle, letting the last frames render */
  gboolean    ending;
  double      max_drain_s;
  GArray     *check_t, *check_rss;
} Soak;

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0; /* kB -> MB */
}

static void
collect_scales (GtkWidget *w, GPtrArray *out)
{
  if (!gtk_widget_get_visible (w) || !gtk_widget_is_sensitive (w))
    return;
  if (GTK_IS_SCALE (w))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_scales (c, out);
}

static FlxModelPage *
visible_page (Soak *s)
{
  return flx_window_get_page (s->win, flx_window_get_visible_model (s->win));
}

/* The next thing the user does after a drag ends. */
static void
next_action (Soak *s, gint64 now)
{
  double r = g_rand_double (s->rand);
  g_autoptr (GPtrArray) scales = g_ptr_array_new ();

  s->scale = NULL;
  s->drag_end = now + 200 * G_TIME_SPAN_MILLISECOND; /* a pause before the next drag */
  /* Visit every page first, so their views are built before the warm-up ends. */
  if (s->jumps < flx_model_count ())
    {
      flx_window_show_model (s->win, flx_model_get (s->jumps++)->id);
      s->drag_end = now + G_USEC_PER_SEC;
      return;
    }
  if (r < 0.12)
    {
      const FlxModel *m = flx_model_get (g_rand_int_range (s->rand, 0, flx_model_count ()));
      flx_window_show_model (s->win, m->id);
      s->jumps++;
      return;
    }
  if (r < 0.16 && s->presets != NULL && s->presets[0] != NULL)
    {
      guint n = g_strv_length (s->presets);
      g_autofree char *path = g_strconcat (PRESET_DIR, s->presets[g_rand_int_range (s->rand, 0, n)], NULL);
      gtk_widget_activate_action (GTK_WIDGET (s->win), "win.load-preset", "s", path);
      s->preset_loads++;
      return;
    }
  if (r < 0.21)
    {
      gtk_widget_activate_action (GTK_WIDGET (s->win), "win.undo", NULL);
      s->undos++;
      return;
    }
  if (r < 0.23)
    {
      gtk_widget_activate_action (GTK_WIDGET (s->win), "win.redo", NULL);
      s->redos++;
      return;
    }
  if (r < 0.24)
    {
      gtk_widget_activate_action (GTK_WIDGET (s->win), "win.reset-parameters", NULL);
      s->resets++;
      return;
    }

  collect_scales (GTK_WIDGET (visible_page (s)), scales);
  if (scales->len == 0)
    return;
  s->scale = g_ptr_array_index (scales, g_rand_int_range (s->rand, 0, scales->len));
  {
    GtkAdjustment *adj = gtk_range_get_adjustment (s->scale);
    s->lo = gtk_adjustment_get_lower (adj);
    s->hi = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
    /* Start where the slider is, so the first step is small as in a real drag. */
    s->phase = asin (CLAMP (2 * (gtk_adjustment_get_value (adj) - s->lo) / (s->hi - s->lo) - 1,
                            -1, 1));
  }
  s->speed = g_rand_double_range (s->rand, 0.02, 0.25); /* radians per tick */
  s->drag_end = now + (gint64) (g_rand_double_range (s->rand, 0.3, 3.0) * G_USEC_PER_SEC);
  s->drags++;
}

static void
sample (Soak *s, gint64 now)
{
  double t = (now - s->t0) / 1e6, mb = rss_mb ();

  g_array_append_val (s->sample_t, t);
  g_array_append_val (s->sample_rss, mb);
  s->next_sample = now + SAMPLE_S * G_USEC_PER_SEC;
}

static gboolean
any_busy (Soak *s)
{
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      FlxModelPage *page = flx_window_get_page (s->win, flx_model_get (i)->id);
      FlxJobRunner *r = page ? flx_model_page_get_runner (page) : NULL;
      if (r != NULL && flx_job_runner_get_busy (r))
        return TRUE;
    }
  return FALSE;
}

static void
checkpoint_start (Soak *s, gint64 now)
{
  s->scale = NULL;
  s->checkpoint_start = now;
  for (size_t i = 0; i < flx_model_count (); i++)
    flx_model_page_reset (flx_window_get_page (s->win, flx_model_get (i)->id));
}

static void
checkpoint_done (Soak *s, gint64 now)
{
  double t, mb, drain = (s->idle_at - s->checkpoint_start) / 1e6;

  s->max_drain_s = MAX (s->max_drain_s, drain);
  s->checkpoint_start = 0;
  s->idle_at = 0;
  malloc_trim (0);
  t = (now - s->t0) / 1e6;
  mb = rss_mb ();
  g_array_append_val (s->check_t, t);
  g_array_append_val (s->check_rss, mb);
  {
    /* What malloc holds for live blocks, without free space and fragmentation: tells a
     * leak or a growing cache apart from an allocator that keeps pages. */
    struct mallinfo2 mi = mallinfo2 ();
    g_test_message ("checkpoint t=%6.1f s  %7.1f MB  malloc live %6.1f MB  (runners idle "
                    "%.2f s after the reset)", t, mb, (mi.uordblks + mi.hblkhd) / 1048576.0,
                    drain);
  }
  s->next_checkpoint = now + CHECKPOINT_S * G_USEC_PER_SEC;
}

static gboolean
tick_cb (gpointer data)
{
  Soak *s = data;
  gint64 now = g_get_monotonic_time ();

  for (size_t i = 0; i < flx_model_count (); i++)
    {
      FlxModelPage *page = flx_window_get_page (s->win, flx_model_get (i)->id);
      FlxJobRunner *r = page ? flx_model_page_get_runner (page) : NULL;
      if (r != NULL)
        s->max_in_flight = MAX (s->max_in_flight, flx_job_runner_get_in_flight (r));
    }

  if (s->last_tick != 0)
    {
      double gap = (now - s->last_tick) / 1e3;
      g_array_append_val (s->gaps_ms, gap);
    }
  s->last_tick = now;
  s->ticks++;
  if (now >= s->next_sample)
    sample (s, now);
  if (s->checkpoint_start != 0)
    {
      if (s->idle_at == 0)
        {
          if (any_busy (s) && now - s->checkpoint_start < DRAIN_LIMIT_S * G_USEC_PER_SEC)
            return G_SOURCE_CONTINUE;
          s->idle_at = now;
        }
      if (now - s->idle_at < SETTLE_MS * G_TIME_SPAN_MILLISECOND)
        return G_SOURCE_CONTINUE;
      checkpoint_done (s, now);
      if (s->ending)
        {
          g_main_loop_quit (s->loop);
          return G_SOURCE_REMOVE;
        }
      s->drag_end = now;
      return G_SOURCE_CONTINUE;
    }
  if (now >= s->next_checkpoint || now >= s->end)
    {
      /* The last one ends the run; a regular one close to the end does too. */
      s->ending = s->end - now < SAMPLE_S * G_USEC_PER_SEC;
      checkpoint_start (s, now);
      return G_SOURCE_CONTINUE;
    }
  if (now >= s->drag_end)
    next_action (s, now);
  if (s->scale != NULL)
    {
      gboolean handled;
      double v;

      /* A drag may have been cut short by its page hiding the row (relevance). */
      if (!gtk_widget_get_mapped (GTK_WIDGET (s->scale)))
        {
          s->scale = NULL;
          return G_SOURCE_CONTINUE;
        }
      s->phase += s->speed;
      v = s->lo + (s->hi - s->lo) * 0.5 * (1 + sin (s->phase));
      g_signal_emit_by_name (s->scale, "change-value", GTK_SCROLL_JUMP, v, &handled);
    }
  return G_SOURCE_CONTINUE;
}

static void
result_cb (FlxModelPage *page, FlxJobOutcome *outcome, Soak *s)
{
  s->results++;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The median of the (up to) three values from index `from`. */
static double
median3 (GArray *values, int from)
{
  double v[3];
  int n = 0;

  for (guint i = from; i < values->len && n < 3; i++)
    v[n++] = g_array_index (values, double, i);
  qsort (v, n, sizeof (double), cmp_double);
  return v[n / 2];
}

static double
soak_seconds (void)
{
  const char *env = g_getenv ("FLEXOLAB_SOAK_SECONDS");

  if (env == NULL || *env == '\0')
    env = g_getenv ("FLEXOLAB_SOAK_DEFAULT_SECONDS");
  if (env == NULL || *env == '\0')
    return 600;
  return MAX (g_ascii_strtod (env, NULL), 10);
}

static void
test_soak (void)
{
  double seconds = soak_seconds ();
  double warmup = MIN (MAX (20.0, seconds / 5), seconds / 2); /* short runs: half */
  g_autoptr (GSettings) settings = g_settings_new ("io.github.flexolab.Flexolab");
  g_autofree char *dir = g_dir_make_tmp ("flx-soak-XXXXXX", NULL);
  Soak s = { 0 };
  double base = -1, final = -1, bound, slope, sx = 0, sy = 0, sxx = 0, sxy = 0, p50, p99;
  guint n_fit = 0;
  int first = -1;
  gboolean autosaved;

  s.rand = g_rand_new_with_seed (11);
  s.loop = g_main_loop_new (NULL, FALSE);
  s.presets = g_resources_enumerate_children (PRESET_DIR, 0, NULL);
  s.gaps_ms = g_array_new (FALSE, FALSE, sizeof (double));
  s.sample_t = g_array_new (FALSE, FALSE, sizeof (double));
  s.sample_rss = g_array_new (FALSE, FALSE, sizeof (double));
  s.check_t = g_array_new (FALSE, FALSE, sizeof (double));
  s.check_rss = g_array_new (FALSE, FALSE, sizeof (double));

  g_settings_set_uint (settings, "autosave-interval", 5);
  s.win = flx_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (s.win), 1280, 800);
  gtk_window_present (GTK_WINDOW (s.win));
  flx_window_enable_autosave (s.win, dir);
  for (size_t i = 0; i < flx_model_count (); i++)
    g_signal_connect (flx_window_get_page (s.win, flx_model_get (i)->id), "result-shown",
                      G_CALLBACK (result_cb), &s);

  s.t0 = g_get_monotonic_time ();
  s.end = s.t0 + (gint64) (seconds * G_USEC_PER_SEC);
  s.next_checkpoint = s.t0 + CHECKPOINT_S * G_USEC_PER_SEC;
  sample (&s, s.t0);
  g_timeout_add (TICK_MS, tick_cb, &s);
  g_main_loop_run (s.loop);

  /* Report. */
  g_test_message ("soak: %.0f s, warm-up %.0f s; %u ticks (%.1f Hz), %u drags, %u page jumps, "
                  "%u presets, %u undo, %u redo, %u resets, %u results shown",
                  seconds, warmup, s.ticks, s.ticks / seconds, s.drags, s.jumps, s.preset_loads,
                  s.undos, s.redos, s.resets, s.results);
  g_array_sort (s.gaps_ms, cmp_double);
  p50 = g_array_index (s.gaps_ms, double, s.gaps_ms->len / 2);
  p99 = g_array_index (s.gaps_ms, double, s.gaps_ms->len * 99 / 100);
  g_test_message ("tick gaps (ms): median %.1f, p99 %.1f, max %.1f; at most %u results "
                  "waiting per runner; runners idle at most %.2f s after a checkpoint's reset",
                  p50, p99, g_array_index (s.gaps_ms, double, s.gaps_ms->len - 1),
                  s.max_in_flight, s.max_drain_s);
  for (guint i = 0; i < s.sample_t->len; i++)
    g_test_message ("rss t=%6.1f s  %7.1f MB", g_array_index (s.sample_t, double, i),
                    g_array_index (s.sample_rss, double, i));
  for (guint i = 0; i < s.check_t->len; i++)
    {
      double t = g_array_index (s.check_t, double, i);
      double mb = g_array_index (s.check_rss, double, i);

      if (t < warmup)
        continue;
      if (first < 0)
        first = i;
      sx += t, sy += mb, sxx += t * t, sxy += t * mb;
      n_fit++;
    }
  /* Checkpoints scatter by about ±30 MB (GL and glyph caches, what was drawn last): compare
   * the median of the first three after the warm-up with the median of the last three. */
  if (first >= 0)
    {
      base = median3 (s.check_rss, first);
      final = median3 (s.check_rss, MAX ((int) s.check_rss->len - 3, first));
    }
  slope = n_fit >= 2 ? (n_fit * sxy - sx * sy) / (n_fit * sxx - sx * sx) * 60 : 0;
  bound = base * 1.10 + 20;
  g_test_message ("checkpoint RSS after warm-up %.1f MB, at the end %.1f MB (medians of 3; "
                  "bound %.1f MB), "
                  "slope %+.2f MB/min over %u checkpoints", base, final, bound, slope, n_fit);

  autosaved = g_file_test (flx_autosave_get_path (flx_window_get_autosave (s.win)),
                           G_FILE_TEST_EXISTS);
  gtk_window_destroy (GTK_WINDOW (s.win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_settings_reset (settings, "autosave-interval");

  g_assert_cmpfloat (base, >, 0);
  g_assert_cmpfloat (final, <=, bound);
  g_assert_cmpuint (s.max_in_flight, <=, 3);
  g_assert_cmpfloat (s.ticks, >=, seconds);
  g_assert_cmpfloat (s.max_drain_s, <, DRAIN_LIMIT_S);
  g_assert_cmpuint (s.drags, >, 0);
  g_assert_cmpuint (s.results, >, 0);
  g_assert_true (autosaved);
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* the clean end removed the autosave */

  g_strfreev (s.presets);
  g_array_unref (s.gaps_ms);
  g_array_unref (s.sample_t);
  g_array_unref (s.sample_rss);
  g_array_unref (s.check_t);
  g_array_unref (s.check_rss);
  g_main_loop_unref (s.loop);
  g_rand_free (s.rand);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/soak/drag-pages", test_soak);
  return g_test_run ();
}
