/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export of plots and fields to PNG/SVG/PDF, and the cairo heat map (displayless). */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "flx-field-draw.h"
#include "flx-plot-draw.h"

static void
plot_draw_cb (cairo_t *cr, double w, double h, gpointer user_data)
{
  FlxPlotData *d = user_data;
  d->style.fill_background = TRUE;
  flx_plot_draw (cr, d, w, h);
}

static void
field_draw_cb (cairo_t *cr, double w, double h, gpointer user_data)
{
  FlxFieldData *d = user_data;
  d->style.fill_background = TRUE;
  flx_field_draw (cr, d, w, h);
}

static FlxPlotData *
sample_plot (void)
{
  FlxPlotData *d = flx_plot_data_new ();
  FlxSeries *s = flx_plot_data_ensure_series (d, "sin");
  double x[50], y[50];

  for (int i = 0; i < 50; i++)
    {
      x[i] = i * 1e-9;
      y[i] = sin (i / 5.0) * 1e-6;
    }
  s->label = g_strdup ("sin <i>x</i> & more"); /* markup and a bare ampersand */
  flx_plot_data_set_xy (s, x, y, NULL, 50);
  d->title = g_strdup ("Export <test>");
  d->axes[FLX_AXIS_X].label = g_strdup ("Position");
  d->axes[FLX_AXIS_X].unit = g_strdup ("m");
  d->axes[FLX_AXIS_Y].label = g_strdup ("Force");
  d->axes[FLX_AXIS_Y].unit = g_strdup ("N");
  return d;
}

static char *
read_file (const char *path,
           gsize      *len)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
svg_start_element (GMarkupParseContext *context,
                   const char          *element_name,
                   const char         **attribute_names,
                   const char         **attribute_values,
                   gpointer             user_data,
                   GError             **error)
{
  char **root = user_data;

  if (*root == NULL)
    {
      *root = g_strdup (element_name);
      for (int i = 0; attribute_names[i]; i++)
        if (g_str_equal (attribute_names[i], "width"))
          g_assert_cmpstr (attribute_values[i], ==, "400pt");
    }
}

static void
test_plot_export_formats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("flx-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "plot.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plot.pdf", NULL);
  FlxPlotData *d = sample_plot ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  /* PNG: signature, IHDR size = size × scale */
  g_assert_true (_flx_export_draw (plot_draw_cb, d, png, FLX_EXPORT_PNG, 400, 300, 2, &error));
  g_assert_no_error (error);
  data = read_file (png, &len);
  g_assert_cmpuint (len, >, 33);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (be32 ((guchar *) data + 16), ==, 800);
  g_assert_cmpuint (be32 ((guchar *) data + 20), ==, 600);
  g_clear_pointer (&data, g_free);

  /* SVG: well-formed XML with an <svg> root */
  g_assert_true (_flx_export_draw (plot_draw_cb, d, svg, FLX_EXPORT_SVG, 400, 300, 1, &error));
  g_assert_no_error (error);
  data = read_file (svg, &len);
  {
    char *root = NULL;
    GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
    GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, &root, NULL);
    g_assert_true (g_markup_parse_context_parse (ctx, data, len, &error));
    g_assert_no_error (error);
    g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
    g_assert_no_error (error);
    g_markup_parse_context_free (ctx);
    g_assert_cmpstr (root, ==, "svg");
    g_free (root);
  }
  g_clear_pointer (&data, g_free);

  /* PDF: header and end-of-file marker */
  g_assert_true (_flx_export_draw (plot_draw_cb, d, pdf, FLX_EXPORT_PDF, 400, 300, 1, &error));
  g_assert_no_error (error);
  data = read_file (pdf, &len);
  g_assert_true (g_str_has_prefix (data, "%PDF-1."));
  g_assert_nonnull (g_strstr_len (data + len - MIN (len, 32), MIN (len, 32), "%%EOF"));
  g_clear_pointer (&data, g_free);

  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
  flx_plot_data_free (d);
}

/* Replacing goes through a temporary file and a rename: nothing is left behind, and a
 * failed export leaves the old file as it was. */
static void
test_export_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("flx-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "figure.png", NULL);
  FlxPlotData *d = sample_plot ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GDir *gdir;
  int n_files = 0;
  gsize len;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (_flx_export_draw (plot_draw_cb, d, path, FLX_EXPORT_PNG, 0, 300, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  data = read_file (path, &len);
  g_assert_cmpstr (data, ==, "old");
  g_clear_pointer (&data, g_free);

  g_assert_false (_flx_export_draw (plot_draw_cb, d, missing, FLX_EXPORT_PNG, 100, 100, 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (_flx_export_draw (plot_draw_cb, d, path, FLX_EXPORT_PNG, 200, 100, 1, &error));
  g_assert_no_error (error);
  data = read_file (path, &len);
  g_assert_cmpmem (data, 4, "\x89PNG", 4);

  gdir = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (gdir))
    n_files++;
  g_dir_close (gdir);
  g_assert_cmpint (n_files, ==, 1);

  g_remove (path);
  g_rmdir (dir);
  flx_plot_data_free (d);
}

static FlxFieldData *
gradient_field (int nx,
                int ny)
{
  FlxFieldData *d = flx_field_data_new ();
  double *v = g_new (double, nx * ny);

  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      v[j * nx + i] = (double) i / (nx - 1);
  d->axis_unit = g_strdup ("m");
  d->value_label = g_strdup ("Temperature");
  d->value_unit = g_strdup ("K");
  flx_field_data_set_values (d, v, nx, ny, 0, 100e-9, 0, 50e-9);
  g_free (v);
  return d;
}

static guint32
pixel (cairo_surface_t *s, int x, int y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x];
}

static gboolean
close_argb (guint32 a, guint32 b, int tol)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tol)
      return FALSE;
  return TRUE;
}

/* The cairo heat map fills exactly the layout's image rectangle, cell by cell. */
static void
test_field_cairo_extent (void)
{
  FlxFieldData *d = gradient_field (16, 8);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cairo_t *cr = cairo_create (s);
  FlxFieldLayout l;
  double px, py, x, y;

  d->style.fill_background = TRUE;
  flx_field_layout_compute (cr, d, 500, 300, &l);
  flx_field_draw (cr, d, 500, 300);
  cairo_destroy (cr);
  cairo_surface_flush (s);

  /* aspect kept: 100 nm × 50 nm */
  g_assert_cmpfloat_with_epsilon (l.image.w / l.image.h, 2.0, 0.02);
  for (int i = 0; i < 16; i++)
    {
      guint32 expected = flx_colormap_argb (FLX_COLORMAP_VIRIDIS, (i / 15.0 - d->lo) / (d->hi - d->lo));
      int cx = (int) (l.image.x + l.image.w * (i + 0.5) / 16);
      g_assert_true (close_argb (pixel (s, cx, (int) (l.image.y + l.image.h / 2)), expected, 2));
    }
  /* just outside the rectangle is background */
  g_assert_true (close_argb (pixel (s, (int) l.image.x - 3, (int) (l.image.y + l.image.h / 2)), 0xffffffff, 2));
  g_assert_true (close_argb (pixel (s, (int) (l.image.x + l.image.w / 2), (int) l.image.y - 3), 0xffffffff, 2));

  /* pixel ↔ data round trip and value look-up */
  flx_field_to_px (d, &l, 25e-9, 10e-9, &px, &py);
  flx_field_from_px (d, &l, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 25e-9, 1e-18);
  g_assert_cmpfloat_with_epsilon (y, 10e-9, 1e-18);
  {
    double v;
    g_assert_true (flx_field_data_value_at (d, 99e-9, 1e-9, &v));
    g_assert_cmpfloat (v, ==, 1.0);
    g_assert_false (flx_field_data_value_at (d, 101e-9, 1e-9, &v));
  }
  cairo_surface_destroy (s);
  flx_field_data_free (d);
}

/* Marching squares on r² gives segments on the circle r = R (within a cell). */
static void
test_contours_circle (void)
{
  enum { N = 64 };
  FlxFieldData *d = flx_field_data_new ();
  double *v = g_new (double, N * N), level = 0.3 * 0.3, cell = 2.0 / N;
  const double *s;

  for (int j = 0; j < N; j++)
    for (int i = 0; i < N; i++)
      {
        double x = -1 + (i + 0.5) * cell, y = -1 + (j + 0.5) * cell;
        v[j * N + i] = x * x + y * y;
      }
  d->levels = g_memdup2 (&level, sizeof level);
  d->n_levels = 1;
  flx_field_data_set_values (d, v, N, N, -1, 1, -1, 1);
  g_assert_cmpuint (d->contour_segs->len, >, 4 * 40);
  s = (const double *) d->contour_segs->data;
  for (guint k = 0; k < d->contour_segs->len; k += 2)
    g_assert_cmpfloat (fabs (hypot (s[k], s[k + 1]) - 0.3), <, cell);
  g_free (v);
  flx_field_data_free (d);
}

/* Symmetric limits for signed data; constant and NaN-only fields give usable limits. */
static void
test_field_limits (void)
{
  FlxFieldData *d = flx_field_data_new ();
  double v[] = { -0.1, 0.3, 0.2, 0.0 }, c[] = { 5, 5, 5, 5 }, nan[] = { NAN, NAN, NAN, NAN };

  d->symmetric = TRUE;
  flx_field_data_set_values (d, v, 2, 2, 0, 1, 0, 1);
  g_assert_cmpfloat (d->lo, ==, -0.3);
  g_assert_cmpfloat (d->hi, ==, 0.3);
  d->symmetric = FALSE;
  flx_field_data_set_values (d, c, 2, 2, 0, 1, 0, 1);
  g_assert_cmpfloat (d->hi, >, d->lo);
  flx_field_data_set_values (d, nan, 2, 2, 0, 1, 1, 1); /* degenerate extent too */
  g_assert_cmpfloat (d->hi, >, d->lo);
  g_assert_cmpfloat (d->y1, >, d->y0);
  {
    float out[4];
    flx_field_data_normalized (d, out);
    g_assert_cmpfloat (out[0], ==, -1.0f);
  }
  flx_field_data_free (d);
}

/* Pixels that differ between two same-size images. */
static guint
count_changed (cairo_surface_t *a, cairo_surface_t *b)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      n += !close_argb (pixel (a, x, y), pixel (b, x, y), 8);
  return n;
}

/* Arrows on a feature one cell wide (a domain wall on a 96 × 96 map) are drawn whatever
 * the thinning: the wall on the diagonal i + j = c gets arrows for every c, and they
 * stay on its side of the map.  A fixed sample grid (every 12th cell at this size) would
 * hit at most one of two neighbouring diagonals. */
static void
test_field_vectors_thin_feature (void)
{
  enum { N = 96, W = 300, H = 300 };
  FlxFieldData *d = gradient_field (N, N);
  double *u = g_new0 (double, N * N), *v = g_new0 (double, N * N);
  cairo_surface_t *bare = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  FlxFieldLayout l;
  cairo_t *cr;

  flx_field_data_set_values (d, d->values, N, N, 0, 100e-9, 0, 100e-9);
  cr = cairo_create (bare);
  flx_field_layout_compute (cr, d, W, H, &l);
  flx_field_draw (cr, d, W, H);
  cairo_destroy (cr);
  for (int c = 40; c <= 41; c++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
      guint upper = 0, lower = 0;

      memset (u, 0, sizeof (double) * N * N);
      memset (v, 0, sizeof (double) * N * N);
      for (int i = 0; i <= c; i++)
        u[(c - i) * N + i] = 1, v[(c - i) * N + i] = -1; /* along the wall */
      d->u = u, d->v = v, d->vnx = N, d->vny = N;
      cr = cairo_create (s);
      flx_field_draw (cr, d, W, H);
      cairo_destroy (cr);
      d->u = d->v = NULL, d->vnx = d->vny = 0;
      g_assert_cmpuint (count_changed (bare, s), >, 100);
      /* The changes lie near the wall (lower-left half), not across the map. */
      for (int y = (int) l.image.y; y < (int) (l.image.y + l.image.h); y++)
        for (int x = (int) l.image.x; x < (int) (l.image.x + l.image.w); x++)
          if (!close_argb (pixel (bare, x, y), pixel (s, x, y), 8))
            {
              /* image px -> cell indices, j upward */
              double i = (x - l.image.x) / l.image.w * N;
              double j = (l.image.y + l.image.h - y) / l.image.h * N;
              if (fabs (i + j - c - 1) < 14)
                lower++;
              else
                upper++;
            }
      g_test_message ("c = %d: %u changed pixels near the wall, %u elsewhere", c, lower, upper);
      g_assert_cmpuint (lower, >, 100);
      g_assert_cmpuint (upper, <, lower / 10);
      cairo_surface_destroy (s);
    }
  cairo_surface_destroy (bare);
  g_free (u);
  g_free (v);
  flx_field_data_free (d);
}

static void
test_field_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("flx-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "field.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "field.pdf", NULL);
  FlxFieldData *d = gradient_field (300, 200);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (_flx_export_draw (field_draw_cb, d, png, FLX_EXPORT_PNG, 640, 480, 1, &error));
  g_assert_no_error (error);
  data = read_file (png, &len);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&data, g_free);
  g_assert_true (_flx_export_draw (field_draw_cb, d, pdf, FLX_EXPORT_PDF, 640, 480, 1, &error));
  g_assert_no_error (error);
  data = read_file (pdf, &len);
  g_assert_true (g_str_has_prefix (data, "%PDF-1."));
  g_remove (png);
  g_remove (pdf);
  g_rmdir (dir);
  flx_field_data_free (d);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/widgets/export/plot-formats", test_plot_export_formats);
  g_test_add_func ("/widgets/export/atomic", test_export_atomic);
  g_test_add_func ("/widgets/field/cairo-extent", test_field_cairo_extent);
  g_test_add_func ("/widgets/field/contours-circle", test_contours_circle);
  g_test_add_func ("/widgets/field/limits", test_field_limits);
  g_test_add_func ("/widgets/field/vectors-thin-feature", test_field_vectors_thin_feature);
  g_test_add_func ("/widgets/export/field", test_field_export);
  return g_test_run ();
}
