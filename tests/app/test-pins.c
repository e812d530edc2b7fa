/* test-pins.c: compare runs (issue 9).  Pinning five runs keeps the newest four; every
 * plot of the cfr, lsmo, gradients, vacancy and wo3 pages and of the generic FlxResultView carries the pinned
 * copies, in the legend under the parameters that differ from the run on screen; pins
 * outlive new results (a preview pin becomes the refined result), are freed with the page
 * and "Clear Pins" removes every overlay; Ctrl+P pins.  Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "flx-application.h"
#include "flx-pins.h"
#include "flx-plot.h"
#include "flx-result-view.h"
#include "flx-units.h"
#include "flx-view-util.h"
#include "flx-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the page shows the refined (FULL) result of its current values;
 * a FAST preview alone does not count.  Fails after 60 s. */
static void
wait_for_full_result (FlxModelPage *page)
{
  const FlxModel *m = flx_model_page_get_model (page);
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  for (;;)
    {
      FlxJobOutcome *o = flx_model_page_get_outcome (page);

      if (o != NULL && o->quality == FLX_QUALITY_FULL &&
          memcmp (o->values, flx_model_page_get_values (page), sizeof (double) * m->n_params) == 0)
        break;
      g_assert_false (timed_out);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
}

/* Until the page shows a result of its current values: TRUE if it is the FAST preview
 * (the FULL solve is queued FULL_DELAY_MS = 250 ms later, flx-model-page.c; on a very
 * loaded machine the preview can be superseded before it lands). */
static gboolean
wait_for_preview (FlxModelPage *page)
{
  const FlxModel *m = flx_model_page_get_model (page);

  for (;;)
    {
      FlxJobOutcome *o = flx_model_page_get_outcome (page);

      if (o != NULL && memcmp (o->values, flx_model_page_get_values (page),
                               sizeof (double) * m->n_params) == 0)
        return o->quality == FLX_QUALITY_FAST;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
collect_plots (GtkWidget *w, GPtrArray *out)
{
  if (FLX_IS_PLOT (w))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_plots (c, out);
}

/* The plots of a page that have data (the generic view hides unused ones). */
static GPtrArray *
page_plots (FlxModelPage *page)
{
  GPtrArray *all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  collect_plots (GTK_WIDGET (page), all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_visible (all->pdata[i]))
      g_ptr_array_add (shown, all->pdata[i]);
  g_ptr_array_unref (all);
  return shown;
}

static guint *
series_counts (GPtrArray *plots)
{
  guint *n = g_new0 (guint, plots->len);

  for (guint i = 0; i < plots->len; i++)
    n[i] = flx_plot_get_n_series (plots->pdata[i]);
  return n;
}

/* Pin k's legend entry on a plot: the label of its first overlaid series. */
static const char *
pin_legend (FlxPlot *plot, guint k, const char *const *series)
{
  for (const char *const *s = series; *s != NULL; s++)
    {
      g_autofree char *id = flx_view_pin_series_id (k, *s);
      const char *label = flx_plot_get_series_label (plot, id);
      if (label != NULL)
        return label;
    }
  return NULL;
}

static FlxPlot *
plot_titled (GPtrArray *plots, const char *prefix)
{
  for (guint i = 0; i < plots->len; i++)
    if (g_str_has_prefix (flx_plot_get_title (plots->pdata[i]), prefix))
      return plots->pdata[i];
  g_error ("no plot titled “%s…”", prefix);
}

static void
test_pins_cfr (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page;
  g_autoptr (GPtrArray) plots = NULL;
  g_autofree guint *before = NULL;
  /* Overlaid series per pin on each cfr plot (flx-cfr-view.c set_pins): the band diagram
   * shows conduction and valence band; Fig 1b, 3b and 3c a curve and the pinned run's own
   * state as a point; the I-V one curve. */
  static const struct { const char *title; guint per_pin; const char *const series[3]; } cfr[] = {
    { "Band diagram", 2, { "band_diagram", "band_valence", NULL } },
    { "Tunnelling resistance", 2, { "resistance_vs_delta_phi", NULL } },
    { "Resistivity vs force", 2, { "resistivity_vs_force", NULL } },
    { "Collapse", 2, { "resistivity_vs_gradient_165nm", NULL } },
    { "Current vs bias", 1, { "iv_measured", NULL } },
  };
  static const double forces[] = { 5e-6, 8e-6, 11e-6, 14e-6, 17e-6 };

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "cfr"));
  page = flx_window_get_page (win, "cfr");
  /* Nothing on screen yet: nothing to pin. */
  g_assert_false (flx_model_page_pin (page));
  wait_for_full_result (page);
  plots = page_plots (page);
  g_assert_cmpuint (plots->len, ==, G_N_ELEMENTS (cfr));
  before = series_counts (plots);

  /* Five runs pinned through the window action: the first is replaced by the fifth. */
  for (gsize i = 0; i < G_N_ELEMENTS (forces); i++)
    {
      g_assert_true (flx_model_page_set_value (page, "force", forces[i]));
      wait_for_full_result (page);
      gtk_widget_activate_action (GTK_WIDGET (win), "win.pin-result", NULL);
      g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, MIN (i + 1, FLX_MAX_PINS));
    }
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 4);
  for (guint k = 0; k < 4; k++)
    {
      const FlxPin *pin = flx_model_page_get_pin (page, k);
      const double *v = pin->outcome->values;
      g_assert_cmpfloat (v[flx_model_find_param (flx_model_page_get_model (page), "force")],
                         ==, forces[k + 1]);
      /* Taken from the run on screen, so nothing differs from it except for the last. */
      if (k < 3)
        g_assert_nonnull (strstr (pin->label, "Force"));
    }
  /* Colours stay distinct after the replacement. */
  for (guint a = 0; a < 4; a++)
    for (guint b = a + 1; b < 4; b++)
      g_assert_cmpint (flx_model_page_get_pin (page, a)->palette, !=,
                       flx_model_page_get_pin (page, b)->palette);

  /* A new run: the pins survive its FAST and FULL results and are labelled against it. */
  g_assert_true (flx_model_page_set_value (page, "force", 20e-6));
  wait_for_full_result (page);
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 4);
  for (gsize p = 0; p < G_N_ELEMENTS (cfr); p++)
    {
      FlxPlot *plot = plot_titled (plots, cfr[p].title);
      guint i;

      for (i = 0; i < plots->len && plots->pdata[i] != (gpointer) plot; i++)
        ;
      g_assert_cmpuint (flx_plot_get_n_series (plot), ==, before[i] + 4 * cfr[p].per_pin);
      for (guint k = 0; k < 4; k++)
        {
          /* Expected text from the pinned force, formatted as the page's controls do. */
          g_autofree char *value = flx_units_format (forces[k + 1], "N", 3);
          g_autofree char *expected = g_strdup_printf ("Force %s", value);
          const char *legend = pin_legend (plot, k, cfr[p].series);

          g_assert_nonnull (legend);
          g_assert_cmpstr (legend, ==, expected);
          if (cfr[p].per_pin == 2 && p > 0)
            {
              g_autofree char *point = flx_view_pin_series_id (k, "state");
              g_assert_true (flx_plot_get_series_dash (plot, point, NULL, NULL));
              g_assert_null (flx_plot_get_series_label (plot, point)); /* not in the legend */
            }
        }
    }
  /* The legend names only what differs: a second parameter joins the label. */
  g_assert_true (flx_model_page_set_value (page, "tip_radius", 165e-9));
  wait_for_full_result (page);
  {
    g_autofree char *f = flx_units_format (forces[1], "N", 3);
    g_autofree char *r = flx_units_format (100e-9, "m", 3);
    /* In the model's parameter order: tip radius comes before force. */
    g_autofree char *expected = g_strdup_printf ("Tip radius %s, Force %s", r, f);
    g_assert_cmpstr (flx_model_page_get_pin (page, 0)->label, ==, expected);
    g_assert_cmpstr (pin_legend (plot_titled (plots, "Current vs bias"), 0, cfr[4].series), ==,
                     expected);
  }

  gtk_widget_activate_action (GTK_WIDGET (win), "win.clear-pins", NULL);
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 0);
  for (guint i = 0; i < plots->len; i++)
    g_assert_cmpuint (flx_plot_get_n_series (plots->pdata[i]), ==, before[i]);

  /* A pin taken from the preview becomes the refined result when that lands. */
  for (int attempt = 0;; attempt++)
    {
      g_assert_cmpint (attempt, <, 5);
      g_assert_true (flx_model_page_set_value (page, "force", (9 + attempt) * 1e-6));
      if (wait_for_preview (page))
        break;
      g_test_message ("preview superseded before it was shown; trying again");
    }
  g_assert_true (flx_model_page_pin (page));
  g_assert_cmpint (flx_model_page_get_pin (page, 0)->outcome->quality, ==, FLX_QUALITY_FAST);
  wait_for_full_result (page);
  g_assert_cmpint (flx_model_page_get_pin (page, 0)->outcome->quality, ==, FLX_QUALITY_FULL);
  g_assert_true (flx_model_page_get_pin (page, 0)->outcome == flx_model_page_get_outcome (page));
  flx_model_page_clear_pins (page);
  for (guint i = 0; i < plots->len; i++)
    g_assert_cmpuint (flx_plot_get_n_series (plots->pdata[i]), ==, before[i]);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

/* A pin's overlays on every plot with data: one legend entry per plot naming the
 * differing parameter (`label` prefix), each copy on the y axis of the curve it copies.
 * `before`: the plots' series counts without pins. */
static void
check_overlays (const FlxModel *m, GPtrArray *plots, const guint *before, const char *label)
{
  for (guint i = 0; i < plots->len; i++)
    {
      FlxPlot *plot = plots->pdata[i];
      guint added = flx_plot_get_n_series (plot) - before[i];
      guint labelled = 0;
      gboolean named = FALSE;

      g_test_message ("%s: “%s” +%u series", m->id, flx_plot_get_title (plot), added);
      g_assert_cmpuint (added, >=, 1);
      for (size_t k = 0; k < m->n_series; k++)
        {
          g_autofree char *id = flx_view_pin_series_id (0, m->series[k].name);
          const char *l = flx_plot_get_series_label (plot, id);
          FlxAxisId a_pin, a_own;

          if (flx_plot_get_series_dash (plot, id, NULL, &a_pin) &&
              flx_plot_get_series_dash (plot, m->series[k].name, NULL, &a_own))
            g_assert_cmpint (a_pin, ==, a_own);
          if (l != NULL)
            {
              labelled++;
              named = g_str_has_prefix (l, label);
            }
        }
      g_assert_cmpuint (labelled, ==, 1);
      g_assert_true (named);
    }
}

/* lsmo (its own view, curves on two y axes) through its page. */
static void
test_pins_lsmo (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page = flx_window_get_page (win, "lsmo");
  g_autoptr (GPtrArray) plots = NULL;
  g_autofree guint *before = NULL;
  gpointer weak_page = page;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "lsmo"));
  wait_for_full_result (page);
  plots = page_plots (page);
  g_assert_cmpuint (plots->len, ==, 5); /* I-V, barrier, three SI5 plots */
  before = series_counts (plots);
  g_assert_true (flx_model_page_pin (page));
  g_assert_true (flx_model_page_set_value (page, "t_substrate", 200));
  wait_for_full_result (page);
  g_assert_cmpstr (flx_model_page_get_pin (page, 0)->label, ==, "Substrate temperature 100 K");
  check_overlays (flx_model_page_get_model (page), plots, before, "Substrate temperature");
  flx_model_page_clear_pins (page);
  for (guint i = 0; i < plots->len; i++)
    g_assert_cmpuint (flx_plot_get_n_series (plots->pdata[i]), ==, before[i]);

  /* Pins still held when the window goes: freed with the page (the ASan build checks). */
  g_assert_true (flx_model_page_pin (page));
  g_object_add_weak_pointer (weak_page, &weak_page);
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  g_clear_pointer (&plots, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_null (win);
  g_assert_null (weak_page);
}

static void
outcome_cb (FlxJobRunner *runner, FlxJobOutcome *outcome, FlxJobOutcome **out)
{
  g_clear_pointer (out, flx_job_outcome_unref);
  *out = flx_job_outcome_ref (outcome);
}

/* One FULL run of `values` on a job runner, as a page would get it. */
static FlxJobOutcome *
run_model (FlxJobRunner *runner, const double *values)
{
  FlxJobOutcome *out = NULL;
  gulong id = g_signal_connect (runner, "finished", G_CALLBACK (outcome_cb), &out);

  flx_job_runner_submit (runner, values, FLX_QUALITY_FULL);
  while (out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (runner, id);
  g_assert_cmpint (out->status, ==, FLX_OK);
  return out;
}

/* The generic FlxResultView directly (pages get their own views over time): a pin shows
 * on every plot with data, the legend appears with it and goes with the last pin. */
static void
test_pins_result_view (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  g_autoptr (FlxJobRunner) runner = flx_job_runner_new (m);
  GtkWidget *view = g_object_ref_sink (GTK_WIDGET (flx_result_view_new (m)));
  g_autofree double *values = g_new0 (double, m->n_params);
  g_autoptr (GPtrArray) plots = g_ptr_array_new ();
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autofree guint *before = NULL;
  FlxJobOutcome *pinned, *now;
  FlxPin pin;

  flx_model_defaults (m, values);
  pinned = run_model (runner, values);
  values[flx_model_find_param (m, "thickness")] = 40e-9;
  now = run_model (runner, values);
  flx_view_update (FLX_VIEW (view), now->result, now->values);
  collect_plots (view, plots);
  for (guint i = 0; i < plots->len; i++)
    if (gtk_widget_get_visible (plots->pdata[i]))
      g_ptr_array_add (shown, plots->pdata[i]);
  g_assert_cmpuint (shown->len, >, 0);
  before = series_counts (shown);

  pin = (FlxPin) { pinned, flx_pin_label (m, pinned->values, now->values), 6 };
  g_assert_cmpstr (pin.label, ==, "Thickness 20 nm");
  flx_view_set_pins (FLX_VIEW (view), &pin, 1);
  check_overlays (m, shown, before, "Thickness");
  /* A new result keeps what the page hands back after it. */
  flx_view_update (FLX_VIEW (view), now->result, now->values);
  flx_view_set_pins (FLX_VIEW (view), &pin, 1);
  check_overlays (m, shown, before, "Thickness");
  flx_view_set_pins (FLX_VIEW (view), NULL, 0);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpuint (flx_plot_get_n_series (shown->pdata[i]), ==, before[i]);

  g_free (pin.label);
  flx_job_outcome_unref (pinned);
  flx_job_outcome_unref (now);
  g_clear_pointer (&plots, g_ptr_array_unref);
  g_clear_pointer (&shown, g_ptr_array_unref);
  g_assert_finalize_object (view);
}

/* The gradients, vacancy and wo3 views.  A pin shows
 * on every plot with data, on the y axis of the curve it copies; maps carry none.  The
 * parameter of each case changes the plotted curves; vacancy FULL runs take about 1 s. */
static void
test_pins_new_views (void)
{
  FlxWindow *win = flx_window_new (NULL);
  static const struct { const char *model, *param; double value; const char *label; } cases[] = {
    { "gradients", "thickness", 40e-9, "Thickness" },
    /* Below the default 4 µN: the pinned run drains more than the one on screen. */
    { "vacancy", "force", 1e-6, "Force" },
    { "wo3", "wall_width", 30e-9, "Wall width" },
  };

  gtk_window_present (GTK_WINDOW (win));
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      FlxModelPage *page = flx_window_get_page (win, cases[c].model);
      g_autoptr (GPtrArray) plots = NULL;
      g_autofree guint *before = NULL;

      g_assert_true (flx_window_show_model (win, cases[c].model));
      wait_for_full_result (page);
      plots = page_plots (page);
      g_assert_cmpuint (plots->len, >, 0);
      before = series_counts (plots);
      g_assert_true (flx_model_page_pin (page));
      g_assert_true (flx_model_page_set_value (page, cases[c].param, cases[c].value));
      wait_for_full_result (page);

      g_assert_cmpstr (flx_model_page_get_pin (page, 0)->label, !=, NULL);
      g_assert_true (g_str_has_prefix (flx_model_page_get_pin (page, 0)->label,
                                       cases[c].label));
      for (guint i = 0; i < plots->len; i++)
        {
          FlxPlot *plot = plots->pdata[i];
          guint added = flx_plot_get_n_series (plot) - before[i];
          gboolean named = FALSE;

          g_test_message ("%s: “%s” +%u series", cases[c].model, flx_plot_get_title (plot), added);
          g_assert_cmpuint (added, >=, 1);
          /* Each pinned copy sits on the axis of the curve it copies, and the pin has
           * exactly one legend entry per plot, naming the differing parameter. */
          const FlxModel *m = flx_model_page_get_model (page);
          guint labelled = 0;
          for (size_t k = 0; k < m->n_series; k++)
            {
              g_autofree char *id = flx_view_pin_series_id (0, m->series[k].name);
              const char *l = flx_plot_get_series_label (plot, id);
              FlxAxisId a_pin, a_own;

              if (flx_plot_get_series_dash (plot, id, NULL, &a_pin) &&
                  flx_plot_get_series_dash (plot, m->series[k].name, NULL, &a_own))
                g_assert_cmpint (a_pin, ==, a_own);
              if (l != NULL)
                {
                  labelled++;
                  named = g_str_has_prefix (l, cases[c].label);
                }
            }
          g_assert_cmpuint (labelled, ==, 1);
          g_assert_true (named);
        }

      /* wo3 names its gradient curve "gradient", not the series name: the pinned gradient
       * still goes on the right axis (flx-wo3-view.c), and the pinned film's own state
       * sits on the Kittel curve. */
      if (g_str_equal (cases[c].model, "wo3"))
        {
          FlxPlot *profile = plot_titled (plots, "Strain across a wall");
          g_autofree char *id = flx_view_pin_series_id (0, "gradient_profile");
          g_autofree char *point = flx_view_pin_series_id (0, "state");
          FlxAxisId axis = FLX_AXIS_Y;

          g_assert_true (flx_plot_get_series_dash (profile, id, NULL, &axis));
          g_assert_cmpint (axis, ==, FLX_AXIS_Y2);
          g_assert_true (flx_plot_get_series_dash (plot_titled (plots, "Domain width vs"),
                                                   point, NULL, NULL));
        }
      /* The vacancy line scan has a fixed range over the run's frames: it grows to show
       * the pinned run's final scan whole (values from the pin's own result). */
      if (g_str_equal (cases[c].model, "vacancy"))
        {
          const FlxSeries *s = flx_result_get_series (flx_model_page_get_pin (page, 0)
                                                        ->outcome->result, "surface_nvc");
          double lo, hi;

          g_assert_nonnull (s);
          flx_plot_get_visible_range (plot_titled (plots, "Surface line scan"), FLX_AXIS_Y,
                                      &lo, &hi);
          for (gsize i = 0; i < s->n; i++)
            {
              g_assert_cmpfloat (s->y[i], >=, lo);
              g_assert_cmpfloat (s->y[i], <=, hi);
            }
        }
      flx_model_page_clear_pins (page);
      for (guint i = 0; i < plots->len; i++)
        g_assert_cmpuint (flx_plot_get_n_series (plots->pdata[i]), ==, before[i]);
    }

  /* Gradients: bending and misfit both have a "profile" series, but a bending pin is not
   * drawn over a misfit profile (another experiment); back in bending it is. */
  {
    FlxModelPage *page = flx_window_get_page (win, "gradients");
    g_autofree char *id = flx_view_pin_series_id (0, "profile");
    g_autoptr (GPtrArray) plots = NULL;
    FlxPlot *profile;

    g_assert_true (flx_window_show_model (win, "gradients"));
    g_assert_true (flx_model_page_set_value (page, "scenario", 0)); /* bending */
    wait_for_full_result (page);
    plots = page_plots (page);
    profile = plot_titled (plots, "Strain through the thickness");
    g_assert_true (flx_model_page_pin (page));
    g_assert_true (flx_plot_get_series_dash (profile, id, NULL, NULL));
    g_assert_true (flx_model_page_set_value (page, "scenario", 1)); /* misfit */
    wait_for_full_result (page);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (profile)));
    g_assert_false (flx_plot_get_series_dash (profile, id, NULL, NULL));
    g_assert_true (flx_model_page_set_value (page, "scenario", 0));
    wait_for_full_result (page);
    g_assert_true (flx_plot_get_series_dash (profile, id, NULL, NULL));
    flx_model_page_clear_pins (page);
  }

  /* Pins still held when the window goes: freed with the page (the ASan build checks). */
  {
    gpointer page = flx_window_get_page (win, "gradients");
    g_object_add_weak_pointer (page, &page);
    g_assert_true (flx_model_page_pin (page));
    g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
    gtk_window_destroy (GTK_WINDOW (win));
    drain ();
    g_assert_null (win);
    g_assert_null (page);
  }
}

/* Sessions keep pins (format 1.2): saved as the pinned runs' values, restored by running
 * them again in the background, in order; a 1.0 preset leaves the pins alone. */
static void
test_pins_session (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page;
  const FlxModel *m;
  g_autofree char *dir = g_dir_make_tmp ("flexolab-pins-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "pins.flexolab", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) preset = g_file_new_for_uri (
    "resource:///io/github/flexolab/Flexolab/presets/cfr-fig3-100nm.flexolab");
  g_autoptr (GError) error = NULL;
  static const double forces[] = { 6e-6, 9e-6 };
  double saved[2][64];
  gboolean timed_out = FALSE;
  guint id;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "cfr"));
  page = flx_window_get_page (win, "cfr");
  m = flx_model_page_get_model (page);
  g_assert_cmpuint (m->n_params, <=, 64);
  for (gsize i = 0; i < G_N_ELEMENTS (forces); i++)
    {
      g_assert_true (flx_model_page_set_value (page, "force", forces[i]));
      wait_for_full_result (page);
      g_assert_true (flx_model_page_pin (page));
      memcpy (saved[i], flx_model_page_get_pin (page, i)->outcome->values,
              sizeof (double) * m->n_params);
    }
  g_assert_true (flx_model_page_set_value (page, "force", 12e-6));
  wait_for_full_result (page);
  g_assert_true (flx_window_save_session (win, file, &error));
  g_assert_no_error (error);

  flx_model_page_clear_pins (page);
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 0);
  g_assert_true (flx_window_open_session (win, file, &error));
  g_assert_no_error (error);
  g_assert_null (flx_window_get_session_problems (win));
  id = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  while (flx_model_page_get_restoring_pins (page))
    {
      g_assert_false (timed_out);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const FlxPin *pin = flx_model_page_get_pin (page, i);
      g_assert_cmpint (pin->outcome->quality, ==, FLX_QUALITY_FULL);
      g_assert_cmpmem (pin->outcome->values, sizeof (double) * m->n_params, saved[i],
                       sizeof (double) * m->n_params);
      g_assert_nonnull (strstr (pin->label, "Force"));
    }

  /* A preset is a 1.0 file: it sets the parameters and keeps the pins to compare with. */
  g_assert_true (flx_window_open_session (win, preset, &error));
  g_assert_no_error (error);
  g_assert_false (flx_model_page_get_restoring_pins (page));
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 2);

  /* Clearing during a restore stops it. */
  g_assert_true (flx_window_open_session (win, file, &error));
  flx_model_page_clear_pins (page);
  g_assert_false (flx_model_page_get_restoring_pins (page));
  drain ();
  g_assert_cmpuint (flx_model_page_get_n_pins (page), ==, 0);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_unlink (path);
  g_rmdir (dir);
}

/* Ctrl+P pins (flx-application.c sets the accelerators at start-up). */
static void
test_pin_accel (void)
{
  g_autoptr (FlxApplication) app = flx_application_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) accels = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                             G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.pin-result");
  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>p"));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/pins/cfr", test_pins_cfr);
  g_test_add_func ("/pins/lsmo", test_pins_lsmo);
  g_test_add_func ("/pins/result-view", test_pins_result_view);
  g_test_add_func ("/pins/new-views", test_pins_new_views);
  g_test_add_func ("/pins/session", test_pins_session);
  g_test_add_func ("/pins/accel", test_pin_accel);
  return g_test_run ();
}
