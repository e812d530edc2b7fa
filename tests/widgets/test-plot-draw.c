/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Plot model and cairo drawing without a display: transforms, log axes, decimation. */
#include <math.h>
#include <string.h>

#include "flx-plot-draw.h"

static cairo_surface_t *
draw_to_image (FlxPlotData   *data,
               int            w,
               int            h,
               FlxPlotLayout *layout)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  data->style.fill_background = TRUE;
  flx_plot_draw_content (cr, data, w, h, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x];
}

static void
add_series (FlxPlotData  *d,
            const char   *id,
            const double *x,
            const double *y,
            gsize         n)
{
  FlxSeries *s = flx_plot_data_ensure_series (d, id);
  g_free (s->label);
  s->label = g_strdup (id);
  flx_plot_data_set_xy (s, x, y, NULL, n);
}

static void
check_round_trip (const FlxPlotLayout *l,
                  FlxAxisId            axis)
{
  for (int i = 0; i <= 20; i++)
    {
      double v = l->log[axis] ? l->lo[axis] * pow (l->hi[axis] / l->lo[axis], i / 20.0)
                              : l->lo[axis] + (l->hi[axis] - l->lo[axis]) * i / 20.0;
      double px = flx_plot_layout_to_px (l, axis, v);
      double back = flx_plot_layout_from_px (l, axis, px);
      g_assert_cmpfloat (fabs (back - v), <=, 1e-9 * MAX (fabs (v), fabs (l->hi[axis] - l->lo[axis])));
    }
}

static void
test_transforms (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[] = { 1e-9, 5e-9, 1e-8 }, y[] = { 1, 1e6, 1e12 };
  FlxPlotLayout l;
  cairo_surface_t *s;

  add_series (d, "a", x, y, 3);
  d->axes[FLX_AXIS_Y].scale = FLX_AXIS_SCALE_LOG10;
  s = draw_to_image (d, 600, 400, &l);
  g_assert_true (l.log[FLX_AXIS_Y]);
  /* x has no padding: data fill the width exactly */
  g_assert_cmpfloat_with_epsilon (flx_plot_layout_to_px (&l, FLX_AXIS_X, 1e-9), l.area.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (flx_plot_layout_to_px (&l, FLX_AXIS_X, 1e-8), l.area.x + l.area.w, 1e-9);
  /* y grows upwards; log: equal ratios give equal distances */
  g_assert_cmpfloat (flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1e12), <, flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1));
  g_assert_cmpfloat_with_epsilon (flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1) - flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1e6),
                                  flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1e6) - flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1e12), 1e-6);
  /* 5 % padding in decades on the log axis */
  g_assert_cmpfloat_with_epsilon (log10 (l.lo[FLX_AXIS_Y]), -0.6, 1e-9);
  check_round_trip (&l, FLX_AXIS_X);
  check_round_trip (&l, FLX_AXIS_Y);
  g_assert_cmpfloat (l.area.x, >, 0);
  g_assert_cmpfloat (l.area.x + l.area.w, <=, 600);
  g_assert_cmpfloat (l.area.y + l.area.h, <=, 400);

  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

/* Zero and negative values on a log axis: skipped with one message and a visible note. */
static void
test_log_nonpositive (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[] = { 1, 2, 3, 4, 5 }, y[] = { 10, 0, -5, 1000, NAN };
  double lo, hi;
  FlxPlotLayout l;
  cairo_surface_t *s;

  add_series (d, "r", x, y, 5);
  d->axes[FLX_AXIS_Y].scale = FLX_AXIS_SCALE_LOG10;
  g_assert_true (flx_plot_data_auto_range (d, FLX_AXIS_Y, &lo, &hi));
  g_assert_cmpfloat (lo, >, 0);
  g_assert_cmpfloat (lo, <, 10);
  g_assert_cmpfloat (hi, >, 1000);

  g_test_expect_message ("Flexolab-widgets", G_LOG_LEVEL_MESSAGE, "*2 points ≤ 0 not shown on log axis*");
  s = draw_to_image (d, 400, 300, &l);
  g_test_assert_expected_messages ();
  cairo_surface_destroy (s);
  /* once per data set: drawing again is quiet (fatal-warnings would catch a warning) */
  s = draw_to_image (d, 400, 300, &l);
  cairo_surface_destroy (s);

  /* only non-positive data: a default decade range, no crash */
  {
    double bad[] = { 0, -1, -2, 0, 0 };
    add_series (d, "r", x, bad, 5);
    g_test_expect_message ("Flexolab-widgets", G_LOG_LEVEL_MESSAGE, "*not shown on log axis*");
    s = draw_to_image (d, 400, 300, &l);
    g_test_assert_expected_messages ();
    g_assert_cmpfloat (l.lo[FLX_AXIS_Y], >, 0);
    cairo_surface_destroy (s);
  }
  /* fixed limits that are invalid for a log axis fall back to the data */
  d->axes[FLX_AXIS_X].scale = FLX_AXIS_SCALE_LOG10;
  d->axes[FLX_AXIS_X].fixed = TRUE;
  d->axes[FLX_AXIS_X].fixed_min = -1;
  d->axes[FLX_AXIS_X].fixed_max = 10;
  s = draw_to_image (d, 400, 300, &l);
  g_assert_cmpfloat (l.lo[FLX_AXIS_X], >, 0);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

static void
test_empty_and_degenerate (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[] = { 2, 2, 2 }, y[] = { 5, 5, 5 }, nan[] = { NAN, NAN, NAN };
  FlxPlotLayout l;
  cairo_surface_t *s;

  s = draw_to_image (d, 300, 200, &l); /* "No data" */
  cairo_surface_destroy (s);
  add_series (d, "flat", x, y, 3);
  s = draw_to_image (d, 300, 200, &l);
  g_assert_cmpfloat (l.hi[FLX_AXIS_X], >, l.lo[FLX_AXIS_X]);
  g_assert_cmpfloat (l.hi[FLX_AXIS_Y], >, l.lo[FLX_AXIS_Y]);
  cairo_surface_destroy (s);
  add_series (d, "nan", nan, nan, 3);
  s = draw_to_image (d, 300, 200, &l);
  cairo_surface_destroy (s);
  /* tiny surface: area clamps, nothing asserts */
  s = draw_to_image (d, 12, 8, &l);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

/* A single spike among 100k points must survive per-column min/max decimation, and the
 * drawing must fit well within a 60 Hz frame. */
static void
test_decimation (void)
{
  enum { N = 100000 };
  FlxPlotData *d = flx_plot_data_new ();
  double *x = g_new (double, N), *y = g_new (double, N);
  FlxPlotLayout l;
  cairo_surface_t *s;
  double px, top;
  gboolean found = FALSE;
  gint64 t0, best = G_MAXINT64;

  for (int i = 0; i < N; i++)
    {
      x[i] = i;
      y[i] = 0;
    }
  y[54321] = 1;
  add_series (d, "dense", x, y, N);
  g_free (x);
  g_free (y);
  d->legend_visible = FALSE;

  for (int rep = 0; rep < 5; rep++)
    {
      t0 = g_get_monotonic_time ();
      s = draw_to_image (d, 800, 500, &l);
      best = MIN (best, g_get_monotonic_time () - t0);
      if (rep < 4)
        cairo_surface_destroy (s);
    }
  g_test_message ("100k points drawn in %" G_GINT64_FORMAT " us", best);
  /* 16.7 ms is one frame.  Timing means nothing under valgrind or sanitizers. */
#if !defined(__SANITIZE_ADDRESS__)
  if (g_getenv ("LD_PRELOAD") == NULL || strstr (g_getenv ("LD_PRELOAD"), "vgpreload") == NULL)
    g_assert_cmpint (best, <, 16000);
#endif

  px = flx_plot_layout_to_px (&l, FLX_AXIS_X, 54321);
  top = flx_plot_layout_to_px (&l, FLX_AXIS_Y, 0.9);
  for (int dx = -1; dx <= 1; dx++)
    {
      guint32 p = pixel (s, (int) px + dx, (int) top);
      /* the series colour (Okabe–Ito blue) is far from the white background */
      if ((p & 0xff) > 0x80 && ((p >> 16) & 0xff) < 0x60)
        found = TRUE;
    }
  g_assert_true (found);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

static void
test_auto_range_and_y2 (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[] = { 0, 1, 2 }, y[] = { -1, 0, 3 }, y2[] = { 100, 200, 300 };
  FlxPlotLayout l;
  cairo_surface_t *s;
  FlxAnnotation *an = g_new0 (FlxAnnotation, 1);

  add_series (d, "a", x, y, 3);
  g_assert_false (flx_plot_data_uses_y2 (d));
  add_series (d, "b", x, y2, 3);
  flx_plot_data_find_series (d, "b")->y_axis = FLX_AXIS_Y2;
  g_assert_true (flx_plot_data_uses_y2 (d));

  /* a threshold above the data stays visible */
  an->kind = FLX_ANNOT_HLINE;
  an->y_axis = FLX_AXIS_Y;
  an->y0 = 10;
  g_ptr_array_add (d->annotations, an);

  s = draw_to_image (d, 500, 300, &l);
  g_assert_true (l.has_y2);
  g_assert_cmpfloat (l.hi[FLX_AXIS_Y], >, 10);
  g_assert_cmpfloat (l.lo[FLX_AXIS_Y], <, -1);
  g_assert_cmpfloat (l.lo[FLX_AXIS_Y2], <, 100);
  g_assert_cmpfloat (l.hi[FLX_AXIS_Y2], >, 300);
  cairo_surface_destroy (s);

  /* fixed limits win over data; zoom wins over fixed */
  d->axes[FLX_AXIS_X].fixed = TRUE;
  d->axes[FLX_AXIS_X].fixed_min = -5;
  d->axes[FLX_AXIS_X].fixed_max = 5;
  s = draw_to_image (d, 500, 300, &l);
  g_assert_cmpfloat (l.lo[FLX_AXIS_X], ==, -5);
  cairo_surface_destroy (s);
  d->axes[FLX_AXIS_X].zoomed = TRUE;
  d->axes[FLX_AXIS_X].view_min = 0.5;
  d->axes[FLX_AXIS_X].view_max = 1.5;
  s = draw_to_image (d, 500, 300, &l);
  g_assert_cmpfloat (l.lo[FLX_AXIS_X], ==, 0.5);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

static void
test_nearest_and_describe (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[] = { 0, 1e-6, 2e-6 }, y[] = { 0, 1e-9, 4e-9 };
  FlxPlotLayout l;
  cairo_surface_t *s;
  guint si = 99;
  gsize pi = 99;
  g_autofree char *desc = NULL;

  add_series (d, "Force", x, y, 3);
  d->axes[FLX_AXIS_X].label = g_strdup ("Indentation");
  d->axes[FLX_AXIS_X].unit = g_strdup ("m");
  d->axes[FLX_AXIS_Y].unit = g_strdup ("N");
  s = draw_to_image (d, 400, 300, &l);
  g_assert_true (flx_plot_nearest_point (d, &l, flx_plot_layout_to_px (&l, FLX_AXIS_X, 1e-6) + 3,
                                         flx_plot_layout_to_px (&l, FLX_AXIS_Y, 1e-9) - 2, 20, &si, &pi));
  g_assert_cmpuint (si, ==, 0);
  g_assert_cmpuint (pi, ==, 1);
  g_assert_false (flx_plot_nearest_point (d, &l, l.area.x + l.area.w / 2, l.area.y + 1, 5, &si, &pi));
  cairo_surface_destroy (s);

  desc = flx_plot_data_describe (d);
  g_assert_nonnull (strstr (desc, "Force: 3 points"));
  g_assert_nonnull (strstr (desc, "Indentation from 0 m to 2 µm"));
  g_assert_nonnull (strstr (desc, "4 nN"));
  flx_plot_data_free (d);
}

/* The legend goes to the corner with the fewest points and avoids the marker. */
static void
test_legend_placement (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[200], y[200];
  FlxPlotLayout l;
  cairo_surface_t *s;

  /* a rising curve fills the top-right and bottom-left corners */
  for (int i = 0; i < 200; i++)
    {
      x[i] = i;
      y[i] = i;
    }
  add_series (d, "rising", x, y, 200);
  s = draw_to_image (d, 500, 400, &l);
  g_assert_cmpfloat (l.legend.w, >, 0);
  /* top-left is free */
  g_assert_cmpfloat (l.legend.x + l.legend.w / 2, <, l.area.x + l.area.w / 2);
  g_assert_cmpfloat (l.legend.y + l.legend.h / 2, <, l.area.y + l.area.h / 2);
  cairo_surface_destroy (s);

  /* a marker near the left edge pushes it elsewhere */
  d->marker_visible = TRUE;
  d->marker_x = 5;
  s = draw_to_image (d, 500, 400, &l);
  g_assert_cmpfloat (l.legend.x, >, flx_plot_layout_to_px (&l, FLX_AXIS_X, 5));
  cairo_surface_destroy (s);

  /* hidden legend: no rectangle for the marker label to avoid */
  d->legend_visible = FALSE;
  s = draw_to_image (d, 500, 400, &l);
  g_assert_cmpfloat (l.legend.w, ==, 0);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

/* A legend too wide for the plot shrinks its text (down to 70 %) before it disappears:
 * compared runs add long entries ("Substrate temperature 200 K"). */
static void
test_legend_shrinks (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  double x[2] = { 0, 1 }, y[2] = { 0, 1 };
  FlxPlotLayout l;
  cairo_surface_t *s;
  double full_w;
  gboolean shrunk = FALSE;

  add_series (d, "a", x, y, 2);
  g_free (flx_plot_data_find_series (d, "a")->label);
  flx_plot_data_find_series (d, "a")->label = g_strdup ("Substrate temperature 200 K");
  s = draw_to_image (d, 2000, 400, &l);
  full_w = l.legend.w;
  g_assert_cmpfloat (full_w, >, 0);
  cairo_surface_destroy (s);

  /* Narrowing the plot: somewhere the full-size legend no longer fits in 80 % of the area
   * (where it used to vanish) but a smaller one does. */
  for (int w = 1000; w > 100 && !shrunk; w -= 10)
    {
      s = draw_to_image (d, w, 400, &l);
      if (full_w > 0.8 * l.area.w && l.legend.w > 0)
        {
          g_assert_cmpfloat (l.legend.w, <=, 0.8 * l.area.w);
          g_assert_cmpfloat (l.legend.w, >=, 0.7 * full_w - 1);
          shrunk = TRUE;
        }
      cairo_surface_destroy (s);
    }
  g_assert_true (shrunk);
  /* Far too narrow even at 70 %: no legend rather than one over the data. */
  s = draw_to_image (d, 120, 400, &l);
  g_assert_cmpfloat (l.legend.w, ==, 0);
  cairo_surface_destroy (s);
  flx_plot_data_free (d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/plot-draw/transforms", test_transforms);
  g_test_add_func ("/widgets/plot-draw/log-nonpositive", test_log_nonpositive);
  g_test_add_func ("/widgets/plot-draw/empty-degenerate", test_empty_and_degenerate);
  g_test_add_func ("/widgets/plot-draw/decimation", test_decimation);
  g_test_add_func ("/widgets/plot-draw/auto-range-y2", test_auto_range_and_y2);
  g_test_add_func ("/widgets/plot-draw/nearest-describe", test_nearest_and_describe);
  g_test_add_func ("/widgets/plot-draw/legend-placement", test_legend_placement);
  g_test_add_func ("/widgets/plot-draw/legend-shrinks", test_legend_shrinks);
  return g_test_run ();
}
