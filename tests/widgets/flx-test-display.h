/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the display tests: wait for frames, render a widget offscreen. */
#pragma once

#include <gtk/gtk.h>

G_GNUC_UNUSED static gboolean
flx_test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

G_GNUC_UNUSED static void
flx_test_after_paint_cb (GdkFrameClock *clock,
                         int           *count)
{
  (*count)++;
}

/* Iterates the main loop until @widget is mapped and @n frames were painted (5 s cap). */
G_GNUC_UNUSED static void
flx_test_wait_frames (GtkWidget *widget,
                      int        n)
{
  guint wake = g_timeout_add (5, flx_test_wake_cb, NULL);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GdkFrameClock *clock;
  int count = 0;
  gulong id;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (flx_test_after_paint_cb), &count);
  while (count < n && g_get_monotonic_time () < end)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, id);
  g_source_remove (wake);
  g_assert_cmpint (count, >=, n);
}

/* Renders @widget with its window's renderer, as it appears on screen. */
G_GNUC_UNUSED static GdkTexture *
flx_test_render_widget (GtkWidget *widget)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRenderNode *node;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  g_object_unref (paintable);
  return texture;
}

/* Pixels of @texture as cairo ARGB32 (premultiplied, native endian); free with g_free(). */
G_GNUC_UNUSED static guint32 *
flx_test_download (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guint32 *pixels = g_new (guint32, (gsize) w * h);

  gdk_texture_download (texture, (guchar *) pixels, (gsize) w * 4);
  return pixels;
}
