/* test-views.c: the wo3 and gradients result views fed by real model runs, and the
 * gradients page hiding the inputs its scenario does not read.  Needs a display (Xvfb);
 * G_DEBUG=fatal-warnings turns any warning or critical into a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "flx-gradients-view.h"
#include "flx-gradients.h"
#include "flx-model-page.h"
#include "flx-plot.h"
#include "flx-wo3-view.h"

static FlxResult *
run_fast (const FlxModel *m, const double *v)
{
  FlxResult *r = NULL;
  char err[512] = "";

  if (flx_model_run (m, v, FLX_QUALITY_FAST, &r, NULL, NULL, err, sizeof err) != FLX_OK)
    g_error ("%s: %s", m->id, err);
  return r;
}

static void
iterate (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 900);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), child);
  gtk_window_set_child (GTK_WINDOW (win), scroll);
  gtk_window_present (GTK_WINDOW (win));
  return win;
}

/* The widget as the compositor would get it, drawn into an image. */
static cairo_surface_t *
render (GtkWidget *w)
{
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (w);
  GskRenderNode *node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);
  /* A widget waiting for its new allocation has nothing to give yet. */
  for (int tries = 0; node == NULL && tries < 40; tries++)
    {
      GtkSnapshot *snap = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snap, width, height);
      if ((node = gtk_snapshot_free_to_node (snap)) == NULL)
        iterate (50);
    }
  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  gsk_render_node_unref (node);
  cairo_surface_flush (surface);
  return surface;
}

/* Pixels that differ between two same-size renderings. */
static guint
count_differences (cairo_surface_t *a, cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guchar *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint n = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += memcmp (da + y * sa + 4 * x, db + y * sb + 4 * x, 4) != 0;
  return n;
}

/* Pixels close to pure magenta, the ink colour the test's CSS gives the view. */
static guint
count_magenta (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guchar *d = cairo_image_surface_get_data (s);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = d + y * stride + 4 * x; /* BGRA, premultiplied, little endian */
        n += p[3] > 200 && p[2] > 200 && p[1] < 60 && p[0] > 200;
      }
  return n;
}

/* --- wo3 ----------------------------------------------------------------------------------- */

/* Key-number labels under w that show a value. */
static guint
count_shown_values (GtkWidget *w)
{
  guint n = 0;

  if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "scalar-value")
      && strcmp (gtk_label_get_text (GTK_LABEL (w)), "–") != 0)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_shown_values (c);
  return n;
}


static GtkWidget *
find_type (GtkWidget *w, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_wo3_view (void)
{
  const FlxModel *m = flx_model_find ("wo3");
  g_autofree double *v = g_new0 (double, m->n_params);
  FlxView *view = flx_view_new_for_model (m);
  GtkWidget *win, *pfm;
  FlxSeriesStyle style;
  gsize n;
  const unsigned counts[] = { 4, 7 };

  g_assert_true (FLX_IS_WO3_VIEW (view));
  win = show_in_window (GTK_WIDGET (view));
  pfm = flx_wo3_view_get_pfm_plot (FLX_WO3_VIEW (view));
  flx_model_defaults (m, v);
  for (gsize k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      FlxResult *r;

      v[flx_model_find_param (m, "cantilever_angles")] = counts[k];
      r = run_fast (m, v);
      flx_view_set_stale (view, TRUE);
      {
        gint64 t0 = g_get_monotonic_time ();
        flx_view_update (view, r, v);
        g_test_message ("wo3 view update (%u angles): %.2f ms", counts[k],
                        (g_get_monotonic_time () - t0) / 1e3);
      }
      flx_view_set_stale (view, FALSE);
      iterate (150);
      /* One point per cantilever angle, drawn as markers; the fit is a line. */
      g_assert_true (flx_plot_get_series_info (FLX_PLOT (pfm), "measured", &style, &n));
      g_assert_cmpint (style, ==, FLX_SERIES_MARKERS);
      g_assert_cmpuint (n, ==, counts[k]);
      g_assert_true (flx_plot_get_series_info (FLX_PLOT (pfm), "fit", &style, &n));
      g_assert_cmpint (style, ==, FLX_SERIES_LINE);
      g_assert_cmpuint (n, >, 20);
      /* Every number of the run has its card (the main strip or More Numbers). */
      {
        guint set = 0;
        gtk_expander_set_expanded (GTK_EXPANDER (find_type (GTK_WIDGET (view),
                                                            GTK_TYPE_EXPANDER)), TRUE);
        for (size_t i = 0; i < m->n_scalars; i++)
          set += r->scalar_set[i];
        g_assert_cmpuint (count_shown_values (GTK_WIDGET (view)), ==, set);
      }
      /* One PFM image per angle to choose from; showing the last one draws cleanly. */
      {
        GtkWidget *dd = find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
        GListModel *angles = gtk_drop_down_get_model (GTK_DROP_DOWN (dd));
        g_assert_cmpuint (g_list_model_get_n_items (angles), ==, counts[k]);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), counts[k] - 1);
        iterate (50);
      }
      flx_result_free (r);
    }
  /* Narrow, as beside the controls in a default-size window: titles get ellipsized (Pango
   * 1.50 warns, fatally here, when that cuts through <sub>/<sup> markup). */
  gtk_window_set_default_size (GTK_WINDOW (win), 640, 900);
  iterate (300);
  g_assert_cmpint (gtk_widget_get_width (pfm), <, 330);
  gtk_window_destroy (GTK_WINDOW (win));
  iterate (20);
}

/* --- gradients ----------------------------------------------------------------------------- */

static const char *const plot_series[] = {
  "profile", "polarization_vs_curvature", "d_eff_vs_force", "d_eff_vs_contact_radius",
  "band_edge_profile", "current_vs_gradient",
};

static void
test_gradients_view (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  g_autofree double *v = g_new0 (double, m->n_params);
  FlxView *view = flx_view_new_for_model (m);
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  GtkWidget *win, *schematic;
  int scen = flx_model_find_param (m, "scenario");

  g_assert_true (FLX_IS_GRADIENTS_VIEW (view));
  g_assert_cmpint (flx_gradients_view_get_scenario (FLX_GRADIENTS_VIEW (view)), ==, -1);
  /* The schematics must draw with the style's colour (so they follow dark mode). */
  gtk_css_provider_load_from_data (css, "flxgradientsview .card { color: #ff00ff; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  win = show_in_window (GTK_WIDGET (view));
  schematic = flx_gradients_view_get_schematic (FLX_GRADIENTS_VIEW (view));
  flx_model_defaults (m, v);
  for (int s = 0; s < FLX_GRADIENTS_N_SCENARIOS; s++)
    {
      FlxResult *r;
      guint shown = 0;
      cairo_surface_t *img;

      v[scen] = s;
      r = run_fast (m, v);
      {
        gint64 t0 = g_get_monotonic_time ();
        flx_view_update (view, r, v);
        g_test_message ("gradients view update (scenario %d): %.2f ms", s,
                        (g_get_monotonic_time () - t0) / 1e3);
      }
      iterate (150);
      g_assert_cmpint (flx_gradients_view_get_scenario (FLX_GRADIENTS_VIEW (view)), ==, s);
      /* Exactly the scenario's series are plotted, each with all its points. */
      for (gsize k = 0; k < G_N_ELEMENTS (plot_series); k++)
        {
          GtkWidget *plot = flx_gradients_view_get_plot (FLX_GRADIENTS_VIEW (view),
                                                         plot_series[k]);
          const FlxSeries *ser = flx_result_get_series (r, plot_series[k]);
          gsize n = 0;

          g_assert_nonnull (plot);
          g_assert_cmpint (gtk_widget_get_visible (plot), ==, ser != NULL);
          if (ser != NULL)
            {
              g_assert_true (flx_plot_get_series_info (FLX_PLOT (plot), "curve", NULL, &n));
              g_assert_cmpuint (n, ==, ser->n);
              shown++;
            }
        }
      g_assert_cmpuint (shown, >=, 1);
      /* Every number the scenario produces has its card. */
      {
        GtkWidget *stack = find_type (GTK_WIDGET (view), GTK_TYPE_STACK);
        guint set = 0;
        for (size_t k = 0; k < m->n_scalars; k++)
          set += r->scalar_set[k];
        g_assert_cmpuint (count_shown_values (gtk_stack_get_visible_child (GTK_STACK (stack))),
                          ==, set);
      }
      img = render (schematic);
      g_test_message ("scenario %d: %u ink pixels", s, count_magenta (img));
      g_assert_cmpuint (count_magenta (img), >, 500);
      cairo_surface_destroy (img);
      flx_result_free (r);
    }
  /* Narrow, as beside the controls: titles ellipsize, labels wrap, nothing warns. */
  gtk_window_set_default_size (GTK_WINDOW (win), 640, 900);
  iterate (300);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
  gtk_window_destroy (GTK_WINDOW (win));
  iterate (20);
}

/* The schematic follows the parameters: drawn again with another curvature, contact
 * (force) or thickness, it changes. */
static void
test_gradients_schematic_follows (void)
{
  static const struct {
    int scenario;
    const char *param;
    double a, b;
  } cases[] = {
    { FLX_GRADIENTS_BENDING, "curvature", 1e4, 1e7 },
    { FLX_GRADIENTS_BENDING, "thickness", 5e-9, 1e-6 },
    { FLX_GRADIENTS_MISFIT, "relaxation_length", 2e-9, 15e-9 },
    { FLX_GRADIENTS_INDENTATION, "force", 1e-7, 5e-5 },
    { FLX_GRADIENTS_COMPOSITION, "band_offset", 0.3, -0.8 },
  };
  const FlxModel *m = flx_model_find ("gradients");
  g_autofree double *v = g_new0 (double, m->n_params);
  FlxView *view = flx_view_new_for_model (m);
  GtkWidget *win = show_in_window (GTK_WIDGET (view));
  GtkWidget *schematic = flx_gradients_view_get_schematic (FLX_GRADIENTS_VIEW (view));

  for (gsize k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      cairo_surface_t *img[2];
      int p = flx_model_find_param (m, cases[k].param);

      flx_model_defaults (m, v);
      v[flx_model_find_param (m, "scenario")] = cases[k].scenario;
      for (int j = 0; j < 2; j++)
        {
          FlxResult *r;
          v[p] = j == 0 ? cases[k].a : cases[k].b;
          r = run_fast (m, v);
          flx_view_update (view, r, v);
          iterate (100);
          img[j] = render (schematic);
          flx_result_free (r);
        }
      g_test_message ("%s: %u pixels differ", cases[k].param,
                      count_differences (img[0], img[1]));
      g_assert_cmpuint (count_differences (img[0], img[1]), >, 200);
      cairo_surface_destroy (img[0]);
      cairo_surface_destroy (img[1]);
    }
  gtk_window_destroy (GTK_WINDOW (win));
  iterate (20);
}

/* --- the page's rows ----------------------------------------------------------------------- */

static GtkWidget *
find_row (GtkWidget *w, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (w)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_gradients_rows (void)
{
  const FlxModel *m = flx_model_find ("gradients");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  GtkWidget *curvature = find_row (GTK_WIDGET (page), "Curvature");
  GtkWidget *force = find_row (GTK_WIDGET (page), "Tip force");
  guint hidden_total = 0;

  g_assert_nonnull (curvature);
  g_assert_nonnull (force);
  for (int s = 0; s < FLX_GRADIENTS_N_SCENARIOS; s++)
    {
      g_assert_true (flx_model_page_set_value (page, "scenario", s));
      for (size_t i = 0; i < m->n_params; i++)
        {
          GtkWidget *row = find_row (GTK_WIDGET (page), m->params[i].label);
          gboolean relevant = flx_model_param_relevant (m, (int) i,
                                                        flx_model_page_get_values (page));
          g_assert_nonnull (row);
          g_assert_cmpint (gtk_widget_get_visible (row), ==, relevant);
          hidden_total += !relevant;
        }
      /* Spelled out for two inputs, so a hook that hides nothing cannot pass. */
      g_assert_cmpint (gtk_widget_get_visible (curvature), ==, s == FLX_GRADIENTS_BENDING);
      g_assert_cmpint (gtk_widget_get_visible (force), ==, s == FLX_GRADIENTS_INDENTATION);
    }
  g_assert_cmpuint (hidden_total, >=, 30);
  /* Undo (the page merges repeated changes of one input into a step) brings an earlier
   * scenario's rows back. */
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (flx_model_page_get_values (page)[0], !=, FLX_GRADIENTS_PHOTOVOLTAIC);
  for (size_t i = 0; i < m->n_params; i++)
    g_assert_cmpint (gtk_widget_get_visible (find_row (GTK_WIDGET (page), m->params[i].label)),
                     ==, flx_model_param_relevant (m, (int) i, flx_model_page_get_values (page)));
  g_object_unref (page);
  iterate (20);
}

/* WO3: the elastic constants only matter under a sliding tip. */
static void
test_wo3_rows (void)
{
  const FlxModel *m = flx_model_find ("wo3");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  GtkWidget *young = find_row (GTK_WIDGET (page), "Young's modulus");
  GtkWidget *poisson = find_row (GTK_WIDGET (page), "Poisson's ratio");
  GtkWidget *diameter = find_row (GTK_WIDGET (page), "Contact diameter");

  g_assert_nonnull (young);
  g_assert_nonnull (poisson);
  g_assert_nonnull (diameter);
  g_assert_true (gtk_widget_get_visible (young));
  g_assert_true (flx_model_page_set_value (page, "friction_force", 0));
  g_assert_false (gtk_widget_get_visible (young));
  g_assert_false (gtk_widget_get_visible (poisson));
  g_assert_true (gtk_widget_get_visible (diameter));
  g_assert_true (flx_model_page_set_value (page, "friction_force", 20e-9));
  g_assert_true (gtk_widget_get_visible (young));
  g_assert_true (gtk_widget_get_visible (poisson));
  g_object_unref (page);
  iterate (20);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gsl_set_error_handler_off ();
  g_test_add_func ("/views/wo3", test_wo3_view);
  g_test_add_func ("/views/gradients", test_gradients_view);
  g_test_add_func ("/views/gradients-schematic-follows", test_gradients_schematic_follows);
  g_test_add_func ("/views/gradients-rows", test_gradients_rows);
  g_test_add_func ("/views/wo3-rows", test_wo3_rows);
  return g_test_run ();
}
