/* test-vacancy-view.c: the oxygen-vacancy page's own view, fed real model runs (FAST and
 * FULL, spherical and flat tip, static and scanning): it replays the frames, steps and
 * scrubs, and its replay timer runs only while playing.  Needs a display (Xvfb); runs
 * with G_DEBUG=fatal-warnings, so any critical or warning fails it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "flx-field-view.h"
#include "flx-plot.h"
#include "flx-vacancy-view.h"
#include "flx-vacancy.h"

typedef struct {
  const char *tip;
  double      scan_speed; /* m/s */
  FlxQuality  quality;
  gboolean    enriched;   /* start from the enriched surface layer (x < 0) */
} Case;

static void
spin (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wait_frame_past (FlxVacancyView *view, int frame, int seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  while (flx_vacancy_view_get_frame (view) <= frame && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return flx_vacancy_view_get_frame (view) > frame;
}

static GtkWidget *
find_descendant (GtkWidget *w, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The plot whose title starts with @prefix. */
static GtkWidget *
find_plot (GtkWidget *w, const char *prefix)
{
  if (FLX_IS_PLOT (w) && g_str_has_prefix (flx_plot_get_title (FLX_PLOT (w)), prefix))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_plot (c, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  char   *name;
  double  value;
} Request;

static void
request_cb (FlxView *view, const char *name, double value, Request *req)
{
  g_free (req->name);
  req->name = g_strdup (name);
  req->value = value;
}

static FlxResult *
run (const FlxModel *m, double *values, const Case *c)
{
  FlxResult *r = NULL;
  char err[256] = "";

  values[flx_model_find_param (m, "tip")] = strcmp (c->tip, "flat") == 0;
  values[flx_model_find_param (m, "scan_speed")] = c->scan_speed;
  values[flx_model_find_param (m, "initial_state")] = c->enriched;
  g_assert_cmpint (flx_model_run (m, values, c->quality, &r, NULL, NULL, err, sizeof err), ==,
                   FLX_OK);
  g_assert_nonnull (r);
  return r;
}

static void
test_replay (gconstpointer data)
{
  const Case *c = data;
  const FlxModel *m = flx_model_find ("vacancy");
  g_autofree double *values = g_new (double, m->n_params);
  GtkWidget *win = gtk_window_new ();
  FlxView *fv = flx_view_new_for_model (m);
  FlxVacancyView *view;
  const FlxVacancyResult *e;
  FlxResult *r;
  int n, f;

  for (size_t i = 0; i < m->n_params; i++)
    values[i] = m->params[i].def;
  r = run (m, values, c);
  e = r->extra;

  /* The registry hands this model its own view. */
  g_assert_true (FLX_IS_VACANCY_VIEW (fv));
  view = FLX_VACANCY_VIEW (fv);
  g_object_ref (view);
  gtk_window_set_default_size (GTK_WINDOW (win), 1000, 1400);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (win));
  spin (50);

  flx_view_update (fv, r, values);
  n = flx_vacancy_view_get_n_frames (view);
  /* A preview shows where the run ends; a full result replays from the start. */
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==,
                   c->quality == FLX_QUALITY_FAST ? n - 1 : 0);
  spin (100); /* draw at least once */
  /* The model keeps one snapshot per step up to 40 (flx-vacancy.c, sp.frames). */
  g_assert_cmpint (n, ==, (int) e->n_frames);
  g_assert_cmpint (n, >, 1);
  if (c->scan_speed > 0)
    g_assert_cmpfloat (e->frame_tip_x[0], !=, e->frame_tip_x[n - 1]);

  /* One symmetric colour scale for the run, at most the largest |NVC| of any frame and
   * at least the 1% floor of the view's percentile (flx-vacancy-view.c, colour_limit). */
  {
    GtkWidget *map = find_descendant (GTK_WIDGET (view), FLX_TYPE_FIELD_VIEW);
    double lo, hi, max = 0;

    g_assert_nonnull (map);
    for (size_t k = 0; k < e->n_frames * e->nx * e->nz; k++)
      max = MAX (max, fabs (e->frame_nvc[k]));
    flx_field_view_get_limits (FLX_FIELD_VIEW (map), &lo, &hi);
    g_assert_cmpfloat (lo, ==, -hi);
    g_assert_cmpfloat (hi, <=, max);
    g_assert_cmpfloat (hi, >=, 0.01 * max);
  }

  if (c->quality == FLX_QUALITY_FAST)
    {
      /* A preview does not play until asked; from the end it starts over. */
      g_assert_false (flx_vacancy_view_get_playing (view));
      g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, n - 1);
      flx_vacancy_view_set_playing (view, TRUE);
      g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, 0);
    }

  /* A full result (or the play button) plays: frames advance on their own, drawn once
   * per display frame (a tick callback), in between the snapshots too.  How many draws
   * fit between two 100 ms snapshots depends on the machine (60/s without GL here, 24
   * with software GL, fewer under ASan), so it is reported, not asserted. */
  g_assert_true (flx_vacancy_view_get_playing (view));
  {
    guint d0 = flx_vacancy_view_get_replay_draws (view);
    int f0 = flx_vacancy_view_get_frame (view);
    gint64 t0 = g_get_monotonic_time ();
    g_assert_true (wait_frame_past (view, 1, 10));
    if (flx_vacancy_view_get_playing (view))
      spin (300);
    {
      guint draws = flx_vacancy_view_get_replay_draws (view) - d0;
      int passed = flx_vacancy_view_get_frame (view) - f0;
      double s = (g_get_monotonic_time () - t0) / 1e6;
      g_test_message ("replay: %u draws over %d snapshots in %.2f s (%.1f draws/s)", draws,
                      passed, s, draws / s);
      g_assert_cmpuint (draws, >=, 1);
    }
  }

  /* In between snapshots the view interpolates: half-way from k to k + 1 the line scan is
   * the mean of theirs (the surface-layer mean of each snapshot's NVC). */
  {
    int k = n / 2 - 1;
    gsize nl;
    const double *line;
    double worst = 0, span = 0;
    /* the surface layer: 1 nm (flx_vacancy_params_init) in whole rows, at least one */
    int rows = CLAMP ((int) lround (1e-9 / e->dz), 1, (int) e->nz);

    flx_vacancy_view_show_position (view, k + 0.5);
    g_assert_false (flx_vacancy_view_get_playing (view));
    g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, k);
    line = flx_vacancy_view_get_line_scan (view, &nl);
    g_assert_cmpuint (nl, ==, e->nx);
    for (size_t i = 0; i < e->nx; i++)
      {
        double a = 0, b = 0;
        for (int j = 0; j < rows; j++)
          {
            a += e->frame_nvc[(size_t) k * e->nx * e->nz + j * e->nx + i];
            b += e->frame_nvc[(size_t) (k + 1) * e->nx * e->nz + j * e->nx + i];
          }
        worst = MAX (worst, fabs (line[i] - 0.5 * (a + b) / rows));
        span = MAX (span, fabs (a - b) / rows);
      }
    g_test_message ("half-way line scan: worst deviation %.2e (snapshots differ by up to %.2e)",
                    worst, span);
    g_assert_cmpfloat (worst, <, 1e-9 + 1e-3 * span);
    flx_vacancy_view_set_playing (view, TRUE);
  }

  /* Paused: no timer, and the frame stays put. */
  flx_vacancy_view_set_playing (view, FALSE);
  g_assert_false (flx_vacancy_view_get_playing (view));
  f = flx_vacancy_view_get_frame (view);
  spin (400); /* four frame intervals at 1× */
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, f);

  /* Stepping moves one frame and clamps at the ends (from a frame with room both ways,
   * in case a slow machine let the replay run to the end). */
  f = CLAMP (f, 1, n - 2);
  flx_vacancy_view_step (view, f - flx_vacancy_view_get_frame (view));
  flx_vacancy_view_step (view, 1);
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, f + 1);
  flx_vacancy_view_step (view, -1);
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, f);
  flx_vacancy_view_step (view, -10 * n);
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, 0);
  flx_vacancy_view_step (view, 10 * n);
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, n - 1);

  /* Cost of preparing one frame (map, arrows, tip, line scan), without drawing. */
  {
    gint64 t0 = g_get_monotonic_time ();
    for (int k = 0; k < n - 1; k++)
      flx_vacancy_view_step (view, -1);
    g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, 0);
    g_test_message ("%zu x %zu cells: %.2f ms per frame update", e->nx, e->nz,
                    (g_get_monotonic_time () - t0) / 1e3 / (n - 1));
    flx_vacancy_view_step (view, n);
  }
  g_assert_false (flx_vacancy_view_get_playing (view));

  /* Played from the last frame it starts over, at 4× after a speed change while playing,
   * and stops by itself at the end. */
  flx_vacancy_view_set_playing (view, TRUE);
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, 0);
  {
    GtkWidget *speed = find_descendant (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
    gint64 t0 = g_get_monotonic_time (), end = t0 + 30 * G_USEC_PER_SEC;

    g_assert_nonnull (speed);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (speed), 4); /* ¼×, ½×, 1×, 2×, 4× */
    g_assert_true (flx_vacancy_view_get_playing (view));
    while (flx_vacancy_view_get_playing (view) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
    /* At 4× a frame is due every 25 ms: the replay takes at least (n - 1) × 25 ms, and
     * about that even when drawing is slower (late frames are skipped, not delayed). */
    double secs = (g_get_monotonic_time () - t0) / 1e6;
    g_test_message ("replayed %d frames at 4x in %.2f s", n, secs);
    g_assert_cmpfloat (secs, >=, (n - 1) * 0.025);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (speed), 2);
  }
  g_assert_false (flx_vacancy_view_get_playing (view));
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, n - 1);

  /* Hiding the page stops a replay; a full result arriving off screen replays only once
   * the page is shown again. */
  flx_vacancy_view_set_playing (view, TRUE);
  g_assert_true (flx_vacancy_view_get_playing (view));
  gtk_widget_set_visible (win, FALSE);
  spin (50);
  g_assert_false (flx_vacancy_view_get_playing (view));
  flx_view_update (fv, r, values);
  g_assert_false (flx_vacancy_view_get_playing (view));
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, n - 1);
  gtk_widget_set_visible (win, TRUE);
  spin (50);
  g_assert_true (flx_vacancy_view_get_playing (view) == (c->quality == FLX_QUALITY_FULL));
  flx_vacancy_view_set_playing (view, FALSE);

  gtk_window_destroy (GTK_WINDOW (win));
  spin (50);
  g_assert_finalize_object (view);
  flx_result_free (r); /* the view only borrowed it */
}

/* A FULL result replaces the preview and plays; a later preview stops the replay.  The
 * sigmoid panels' markers set the force and bias. */
static void
test_fast_then_full (void)
{
  const FlxModel *m = flx_model_find ("vacancy");
  g_autofree double *values = g_new (double, m->n_params);
  const Case fast = { "spherical", 0, FLX_QUALITY_FAST }, full = { "spherical", 0,
                                                                    FLX_QUALITY_FULL };
  GtkWidget *win = gtk_window_new ();
  FlxView *fv = flx_view_new_for_model (m);
  FlxVacancyView *view = FLX_VACANCY_VIEW (fv);
  FlxResult *r1, *r2, *r3;

  for (size_t i = 0; i < m->n_params; i++)
    values[i] = m->params[i].def;
  g_object_ref (view);
  gtk_window_set_child (GTK_WINDOW (win), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (win));

  r1 = run (m, values, &fast);
  flx_view_update (fv, r1, values);
  g_assert_false (flx_vacancy_view_get_playing (view));
  r2 = run (m, values, &full);
  flx_view_update (fv, r2, values);
  g_assert_true (flx_vacancy_view_get_playing (view));
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==, 0);
  spin (250);
  r3 = run (m, values, &fast);
  flx_view_update (fv, r3, values);
  g_assert_false (flx_vacancy_view_get_playing (view));
  g_assert_cmpint (flx_vacancy_view_get_frame (view), ==,
                   flx_vacancy_view_get_n_frames (view) - 1);

  /* Dragging the marker on a sigmoid panel asks the page for that force or bias. */
  {
    Request req = { NULL, NAN };
    GtkWidget *fp = find_plot (GTK_WIDGET (view), "Remaining vacancies vs force");
    GtkWidget *bp = find_plot (GTK_WIDGET (view), "Remaining vacancies vs bias");

    g_assert_nonnull (fp);
    g_assert_nonnull (bp);
    g_assert_cmpfloat (flx_plot_get_marker_x (FLX_PLOT (fp)), ==,
                       values[flx_model_find_param (m, "force")]);
    g_signal_connect (view, "request-parameter", G_CALLBACK (request_cb), &req);
    g_signal_emit_by_name (fp, "marker-moved", 3e-6);
    g_assert_cmpstr (req.name, ==, "force");
    g_assert_cmpfloat (req.value, ==, 3e-6);
    g_signal_emit_by_name (bp, "marker-moved", 1.5);
    g_assert_cmpstr (req.name, ==, "bias");
    g_assert_cmpfloat (req.value, ==, 1.5);
    g_free (req.name);
  }

  gtk_window_destroy (GTK_WINDOW (win));
  spin (50);
  g_assert_finalize_object (view);
  flx_result_free (r1);
  flx_result_free (r2);
  flx_result_free (r3);
}

int
main (int argc, char **argv)
{
  static const Case cases[] = {
    { "spherical", 0, FLX_QUALITY_FAST },
    { "spherical", 0, FLX_QUALITY_FULL },
    { "flat", 0, FLX_QUALITY_FAST },
    { "flat", 0, FLX_QUALITY_FULL },
    { "spherical", 1e-9, FLX_QUALITY_FULL, TRUE }, /* 1 nm/s over 100 s, enriched start */
  };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/vacancy-view/replay/%s-%s%s", cases[i].tip,
                                               cases[i].quality == FLX_QUALITY_FAST ? "fast"
                                                                                     : "full",
                                               cases[i].scan_speed > 0 ? "-scan-enriched"
                                                                       : "");
      g_test_add_data_func (path, &cases[i], test_replay);
    }
  g_test_add_func ("/vacancy-view/fast-then-full", test_fast_then_full);
  return g_test_run ();
}
