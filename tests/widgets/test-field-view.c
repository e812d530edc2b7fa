/* SPDX-License-Identifier: GPL-3.0-or-later */
/* FlxFieldView under a display.  Runs twice in the README: with GL, and with
 * GDK_DEBUG=gl-disable where the cairo fallback must draw the same cells in the same
 * rectangle. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "flx-field-view-private.h"
#include "flx-test-display.h"

#define NX 32
#define NY 16

static gboolean
gl_disabled_by_env (void)
{
  const char *dbg = g_getenv ("GDK_DEBUG");
  return dbg && strstr (dbg, "gl-disable");
}

static void
gradient (double *v,
          int     nx,
          int     ny,
          double  offset)
{
  for (int j = 0; j < ny; j++)
    for (int i = 0; i < nx; i++)
      v[j * nx + i] = offset + (double) i / (nx - 1);
}

static gboolean
close_argb (guint32 a, guint32 b, int tol)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tol)
      return FALSE;
  return TRUE;
}

/* Every cell centre along the middle row has its colormap colour, and the pixels just
 * outside the image rectangle do not: the heat map has exactly the layout's extent. */
static void
check_pixels (FlxFieldView *view,
              int           nx)
{
  GdkTexture *texture = flx_test_render_widget (GTK_WIDGET (view));
  guint32 *px = flx_test_download (texture);
  int w = gdk_texture_get_width (texture);
  FlxRect r;
  double lo, hi;
  int y;

  _flx_field_view_get_image_rect (view, &r);
  flx_field_view_get_limits (view, &lo, &hi);
  g_assert_cmpfloat (r.w, >, 2 * nx);
  y = (int) (r.y + r.h / 2);
  for (int i = 0; i < nx; i++)
    {
      int x = (int) (r.x + r.w * (i + 0.5) / nx);
      double value = (double) i / (nx - 1);
      guint32 expected = flx_colormap_argb (flx_field_view_get_colormap (view), (value - lo) / (hi - lo));
      if (!close_argb (px[y * w + x], expected, 4))
        g_error ("cell %d at (%d, %d): got %08x, expected %08x", i, x, y, px[y * w + x], expected);
    }
  /* 3 px left of the map and 3 px below it: the frame, not map colours */
  {
    guint32 left = px[y * w + (int) r.x - 3];
    guint32 first = flx_colormap_argb (flx_field_view_get_colormap (view), (0 - lo) / (hi - lo));
    g_assert_false (close_argb (left, first, 12));
  }
  g_free (px);
  g_object_unref (texture);
}

static void
test_lifecycle (void)
{
  GtkWidget *window = gtk_window_new ();
  FlxFieldView *view = FLX_FIELD_VIEW (flx_field_view_new ());
  double *v = g_new (double, 64 * 64);
  double levels[] = { 0.25, 0.5 };
  double ox[] = { 0, 50e-9, 100e-9 }, oy[] = { 50e-9, 20e-9, 50e-9 };
  gboolean gl;
  int n_gl = 0;

  g_object_ref_sink (view);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  flx_field_view_set_value_label (view, "Strain", "");
  flx_field_view_set_axis_labels (view, "x", "y", "m");
  gradient (v, NX, NY, 0);
  flx_field_view_set_data (view, v, NX, NY, 0, 100e-9, 0, 50e-9);
  gtk_window_present (GTK_WINDOW (window));
  flx_test_wait_frames (GTK_WIDGET (view), 3);

  gl = flx_field_view_get_using_gl (view);
  g_test_message ("field view draws with %s", gl ? "OpenGL" : "cairo");
  if (gl_disabled_by_env ())
    g_assert_false (gl);
  g_signal_connect_swapped (view, "notify::using-gl", G_CALLBACK (g_atomic_int_inc), &n_gl);
  check_pixels (view, NX);

  /* resize: the map follows, same extent checks */
  gtk_widget_set_size_request (GTK_WIDGET (view), 800, 500);
  flx_test_wait_frames (GTK_WIDGET (view), 2);
  check_pixels (view, NX);

  /* 100 same-size updates (GL: glTexSubImage2D), each one drawn */
  for (int k = 0; k < 100; k++)
    {
      gradient (v, NX, NY, 0);
      v[k % (NX * NY)] = k % 2 ? 0.3 : 0.7; /* change something each time */
      flx_field_view_set_data (view, v, NX, NY, 0, 100e-9, 0, 50e-9);
      flx_test_wait_frames (GTK_WIDGET (view), 1);
    }
  /* no GL error made it fall back */
  g_assert_cmpint (flx_field_view_get_using_gl (view), ==, gl);
  g_assert_cmpint (n_gl, ==, 0);

  /* new size (GL: new storage for the same texture), extras on */
  gradient (v, 64, 64, 0);
  flx_field_view_set_data (view, v, 64, 64, 0, 100e-9, 0, 100e-9);
  flx_field_view_set_contours (view, levels, 2);
  flx_field_view_set_vectors (view, v, v, 64, 64);
  flx_field_view_set_overlay (view, ox, oy, 3);
  flx_field_view_set_highlight (view, 50e-9, 50e-9);
  flx_field_view_set_stale (view, TRUE);
  flx_test_wait_frames (GTK_WIDGET (view), 2);
  flx_field_view_set_stale (view, FALSE);
  flx_field_view_set_contours (view, NULL, 0);
  flx_field_view_set_vectors (view, NULL, NULL, 0, 0);
  flx_field_view_set_overlay (view, NULL, NULL, 0);
  gradient (v, NX, NY, 0);
  flx_field_view_set_data (view, v, NX, NY, 0, 100e-9, 0, 50e-9);
  flx_test_wait_frames (GTK_WIDGET (view), 2);
  check_pixels (view, NX);
  g_assert_cmpint (flx_field_view_get_using_gl (view), ==, gl);

  /* diverging map, symmetric limits */
  flx_field_view_set_colormap (view, FLX_COLORMAP_DIVERGING);
  gradient (v, NX, NY, -0.5);
  flx_field_view_set_data (view, v, NX, NY, 0, 100e-9, 0, 50e-9);
  {
    double lo, hi;
    flx_field_view_get_limits (view, &lo, &hi);
    g_assert_cmpfloat (lo, ==, -hi);
  }
  flx_test_wait_frames (GTK_WIDGET (view), 2);

  /* wider than any GL texture (and than cairo's image limit): GL gives way to cairo,
   * cairo samples it down; either way it is drawn without errors */
  {
    double *wide = g_new (double, 70000 * 2);
    gradient (wide, 70000, 2, 0);
    flx_field_view_set_data (view, wide, 70000, 2, 0, 100e-9, 0, 50e-9);
    flx_test_wait_frames (GTK_WIDGET (view), 3);
    g_assert_false (flx_field_view_get_using_gl (view));
    g_assert_cmpint (n_gl, ==, gl ? 1 : 0);
    g_free (wide);
  }

  /* clearing the data is fine too */
  flx_field_view_set_data (view, NULL, 0, 0, 0, 1, 0, 1);
  flx_test_wait_frames (GTK_WIDGET (view), 1);

  g_free (v);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (view);
}

static void
test_export_full_resolution (void)
{
  FlxFieldView *view = g_object_ref_sink (FLX_FIELD_VIEW (flx_field_view_new ()));
  g_autofree char *dir = g_dir_make_tmp ("flx-field-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "field.png", NULL);
  double *v = g_new (double, 1000 * 500);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gradient (v, 1000, 500, 0);
  flx_field_view_set_data (view, v, 1000, 500, 0, 2e-6, 0, 1e-6);
  g_assert_true (flx_field_view_export (view, path, FLX_EXPORT_PNG, 0, 0, 1, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  /* at least one pixel per sample */
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 1000);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, 500);
  g_remove (path);
  g_rmdir (dir);
  g_free (v);
  g_assert_finalize_object (view);
}

static void
test_properties (void)
{
  FlxFieldView *view = g_object_ref_sink (FLX_FIELD_VIEW (flx_field_view_new ()));
  int n_stale = 0, n_aspect = 0, n_map = 0;

  g_signal_connect_swapped (view, "notify::stale", G_CALLBACK (g_atomic_int_inc), &n_stale);
  g_signal_connect_swapped (view, "notify::keep-aspect", G_CALLBACK (g_atomic_int_inc), &n_aspect);
  g_signal_connect_swapped (view, "notify::colormap", G_CALLBACK (g_atomic_int_inc), &n_map);
  flx_field_view_set_stale (view, TRUE);
  flx_field_view_set_stale (view, TRUE);
  flx_field_view_set_keep_aspect (view, FALSE);
  flx_field_view_set_keep_aspect (view, FALSE);
  flx_field_view_set_colormap (view, FLX_COLORMAP_DIVERGING);
  flx_field_view_set_colormap (view, FLX_COLORMAP_DIVERGING);
  g_assert_cmpint (n_stale, ==, 1);
  g_assert_cmpint (n_aspect, ==, 1);
  g_assert_cmpint (n_map, ==, 1);
  g_assert_true (flx_field_view_get_stale (view));
  g_assert_false (flx_field_view_get_using_gl (view)); /* not realized */
  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  flx_field_view_set_value_label (view, "Temperature", "K");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Temperature");
  g_assert_finalize_object (view);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/display/field-view/lifecycle", test_lifecycle);
  g_test_add_func ("/display/field-view/export-full-resolution", test_export_full_resolution);
  g_test_add_func ("/display/field-view/properties", test_properties);
  return g_test_run ();
}
