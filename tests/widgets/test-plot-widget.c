/* SPDX-License-Identifier: GPL-3.0-or-later */
/* FlxPlot as a widget under a display: realize, resize, 100 updates, properties,
 * accessibility, export, destroy without leaks. */
#include <math.h>

#include "flx-plot.h"
#include "flx-test-display.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          int        *count)
{
  (*count)++;
}

static void
fill (double *x,
      double *y,
      int     n,
      double  phase)
{
  for (int i = 0; i < n; i++)
    {
      x[i] = i * 1e-9;
      y[i] = 1e-6 * sin (i * 0.01 + phase);
    }
}

static void
test_lifecycle (void)
{
  GtkWidget *window = gtk_window_new ();
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  double *x = g_new (double, 5000), *y = g_new (double, 5000);
  double lo, hi;

  g_object_ref_sink (plot);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (plot));
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 350);
  flx_plot_set_axis (plot, FLX_AXIS_X, "Position", "m");
  flx_plot_set_axis (plot, FLX_AXIS_Y, "Force", "N");
  fill (x, y, 5000, 0);
  flx_plot_set_series (plot, "f", "Force", x, y, 5000);
  gtk_window_present (GTK_WINDOW (window));
  flx_test_wait_frames (GTK_WIDGET (plot), 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (plot)), >, 100);

  /* resize */
  gtk_widget_set_size_request (GTK_WIDGET (plot), 700, 450);
  flx_test_wait_frames (GTK_WIDGET (plot), 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (plot)), >=, 700);

  /* 100 updates, each drawn */
  for (int k = 0; k < 100; k++)
    {
      fill (x, y, 5000, k * 0.1);
      flx_plot_set_series (plot, "f", "Force", x, y, 5000);
      if (k % 10 == 0)
        flx_test_wait_frames (GTK_WIDGET (plot), 1);
    }
  flx_test_wait_frames (GTK_WIDGET (plot), 1);
  flx_plot_get_visible_range (plot, FLX_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat_with_epsilon (hi, 4999e-9, 1e-15);

  /* series management */
  flx_plot_set_series (plot, "g", NULL, x, y, 10);
  g_assert_true (flx_plot_remove_series (plot, "g"));
  g_assert_false (flx_plot_remove_series (plot, "g"));
  flx_plot_clear_series (plot);
  flx_test_wait_frames (GTK_WIDGET (plot), 1);

  g_free (x);
  g_free (y);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (plot);
}

/* Setters notify exactly once per change and not at all without one. */
static void
test_properties (void)
{
  FlxPlot *plot = g_object_ref_sink (FLX_PLOT (flx_plot_new ()));
  int n_stale = 0, n_title = 0, n_marker = 0, n_large = 0, n_hl = 0;

  g_signal_connect (plot, "notify::stale", G_CALLBACK (count_cb), &n_stale);
  g_signal_connect (plot, "notify::title", G_CALLBACK (count_cb), &n_title);
  g_signal_connect (plot, "notify::marker-x", G_CALLBACK (count_cb), &n_marker);
  g_signal_connect (plot, "notify::large-text", G_CALLBACK (count_cb), &n_large);
  g_signal_connect (plot, "notify::highlight-x", G_CALLBACK (count_cb), &n_hl);

  flx_plot_set_stale (plot, TRUE);
  flx_plot_set_stale (plot, TRUE);
  g_object_set (plot, "stale", FALSE, NULL);
  g_assert_cmpint (n_stale, ==, 2);
  flx_plot_set_title (plot, "A");
  flx_plot_set_title (plot, "A");
  g_assert_cmpint (n_title, ==, 1);
  g_assert_cmpstr (flx_plot_get_title (plot), ==, "A");
  flx_plot_set_marker (plot, TRUE, 1.5, NULL);
  flx_plot_set_marker (plot, TRUE, 1.5, "label");
  g_assert_cmpint (n_marker, ==, 1);
  g_assert_cmpfloat (flx_plot_get_marker_x (plot), ==, 1.5);
  flx_plot_set_large_text (plot, TRUE);
  flx_plot_set_large_text (plot, TRUE);
  g_assert_cmpint (n_large, ==, 1);
  flx_plot_set_highlight_x (plot, 2.0);
  flx_plot_set_highlight_x (plot, 2.0);
  flx_plot_set_highlight_x (plot, NAN);
  flx_plot_set_highlight_x (plot, NAN);
  g_assert_cmpint (n_hl, ==, 2);
  g_assert_true (isnan (flx_plot_get_hover_x (plot)));

  /* linked cursors through a binding: "none" must pass GObject validation (no warning) */
  {
    FlxPlot *other = g_object_ref_sink (FLX_PLOT (flx_plot_new ()));
    double v;
    flx_plot_set_highlight_x (other, 3.0);
    g_object_bind_property (plot, "hover-x", other, "highlight-x", G_BINDING_SYNC_CREATE);
    g_assert_true (isnan (flx_plot_get_highlight_x (other)));
    g_object_get (plot, "hover-x", &v, NULL);
    g_assert_true (isinf (v));
    g_assert_finalize_object (other);
  }
  flx_plot_set_preview_text (plot, "Preview");
  g_assert_cmpstr (flx_plot_get_preview_text (plot), ==, "Preview");

  g_assert_finalize_object (plot);
}

static void
test_annotations_and_axes (void)
{
  GtkWidget *window = gtk_window_new ();
  FlxPlot *plot = FLX_PLOT (flx_plot_new ());
  double x[] = { 1, 2, 3 }, y[] = { 1, 1e6, 1e12 };
  GdkRGBA red = { 1, 0, 0, 1 };
  guint a, b;
  double lo, hi;

  g_object_ref_sink (plot);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (plot));
  flx_plot_set_series (plot, "r", "R", x, y, 3);
  flx_plot_set_axis_scale (plot, FLX_AXIS_Y, FLX_AXIS_SCALE_LOG10);
  flx_plot_set_series_color (plot, "r", &red);
  flx_plot_set_series_style (plot, "r", FLX_SERIES_LINE_MARKERS);
  a = flx_plot_add_vline (plot, 2, "v", FLX_DASH_DASHED, NULL);
  b = flx_plot_add_band (plot, GTK_ORIENTATION_HORIZONTAL, 10, 100, "gap", NULL);
  flx_plot_add_text (plot, 1.5, 1e3, "E<sub>F</sub>");
  flx_plot_add_arrow (plot, 1, 1, 2, 1e6, "arrow");
  flx_plot_add_hline (plot, FLX_AXIS_Y, 1e14, "above data", FLX_DASH_DOTTED, &red);
  g_assert_cmpuint (a, !=, b);
  gtk_window_present (GTK_WINDOW (window));
  flx_test_wait_frames (GTK_WIDGET (plot), 2);

  /* the threshold line above the data widens the automatic range */
  flx_plot_get_visible_range (plot, FLX_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (hi, >=, 1e14);
  g_assert_true (flx_plot_remove_annotation (plot, a));
  g_assert_false (flx_plot_remove_annotation (plot, a));
  flx_plot_set_axis_limits (plot, FLX_AXIS_X, 0, 10);
  flx_plot_get_visible_range (plot, FLX_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 10);
  flx_plot_set_axis_auto (plot, FLX_AXIS_X);
  flx_plot_get_visible_range (plot, FLX_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1);

  /* shared view state: zoom set from outside, reset returns to the data */
  flx_plot_set_visible_range (plot, FLX_AXIS_Y, 1e3, 1e5);
  flx_plot_get_visible_range (plot, FLX_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1e3);
  g_assert_cmpfloat (hi, ==, 1e5);
  flx_plot_set_visible_range (plot, FLX_AXIS_Y, -1, 1e5); /* invalid on a log axis: ignored */
  flx_plot_get_visible_range (plot, FLX_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1e3);
  flx_test_wait_frames (GTK_WIDGET (plot), 1);
  flx_plot_reset_view (plot);
  flx_plot_get_visible_range (plot, FLX_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, <, 1);
  flx_plot_clear_annotations (plot);
  flx_test_wait_frames (GTK_WIDGET (plot), 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (plot);
}

static void
test_accessible (void)
{
  FlxPlot *plot = g_object_ref_sink (FLX_PLOT (flx_plot_new ()));
  double x[] = { 0, 1 }, y[] = { 0, 1 };

  gtk_test_accessible_assert_role (plot, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (plot, GTK_ACCESSIBLE_PROPERTY_LABEL, "Plot");
  flx_plot_set_title (plot, "Force curve");
  gtk_test_accessible_assert_property (plot, GTK_ACCESSIBLE_PROPERTY_LABEL, "Force curve");
  flx_plot_set_series (plot, "a", "Data", x, y, 2);
  gtk_test_accessible_assert_property (plot, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Data: 2 points, x from 0 to 1, y from 0 to 1");
  g_assert_finalize_object (plot);
}

static void
test_export_texture (void)
{
  FlxPlot *plot = g_object_ref_sink (FLX_PLOT (flx_plot_new ()));
  double x[] = { 0, 1, 2 }, y[] = { 0, 1, 0 };
  GdkTexture *texture;
  cairo_surface_t *surface;

  flx_plot_set_series (plot, "a", "Data", x, y, 3);
  texture = flx_plot_export_to_texture (plot, 300, 200, 2);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 600);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 400);
  g_object_unref (texture);
  /* unrealized widget: default size */
  surface = flx_plot_export_to_surface (plot, 0, 0, 1);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (plot);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/display/plot/lifecycle", test_lifecycle);
  g_test_add_func ("/display/plot/properties", test_properties);
  g_test_add_func ("/display/plot/annotations-axes", test_annotations_and_axes);
  g_test_add_func ("/display/plot/accessible", test_accessible);
  g_test_add_func ("/display/plot/export-texture", test_export_texture);
  return g_test_run ();
}
