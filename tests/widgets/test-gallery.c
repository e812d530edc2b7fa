/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renders the widget gallery offscreen to PNG (widget-gallery.png in G_TEST_BUILDDIR) and
 * destroys it again: every widget feature drawn once under Xvfb, no warnings, no leak. */
#include "flx-widget-gallery.h"
#include "flx-test-display.h"

static void
test_gallery_render (void)
{
  GtkWindow *window = flx_widget_gallery_new (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "widget-gallery.png", NULL);
  GdkTexture *texture;

  g_object_ref (window);
  gtk_window_present (window);
  flx_test_wait_frames (GTK_WIDGET (window), 3);
  texture = flx_test_render_widget (GTK_WIDGET (window));
  g_assert_cmpint (gdk_texture_get_width (texture), >, 600);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
  g_object_unref (texture);
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/display/gallery/render", test_gallery_render);
  return g_test_run ();
}
