/* flx-figure.h: figures for slides and papers (issue 9): copy a plot, a map or a page's
 * result area to the clipboard as an image, and "Export Figure…" (PNG, SVG or PDF at a
 * chosen size) from a right-click menu on every plot and map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Plots and maps render in their light "paper" colours at twice their size on screen;
 * any other widget (a result area) renders as drawn, at its size, over the window
 * background.  Returns NULL with error set when the widget cannot be drawn (unrealized,
 * empty). */
GdkTexture *flx_figure_render (GtkWidget *widget, GError **error);

/* What "Copy Figure" copies in window: the focused plot or map, else the one under the
 * pointer, else fallback (the visible page's result area). */
GtkWidget  *flx_figure_pick   (GtkWidget *window, GtkWidget *fallback);

/* Renders widget and puts the image on its clipboard (gdk_clipboard_set_texture). */
gboolean    flx_figure_copy   (GtkWidget *widget, GError **error);

/* Adds the right-click (or long-press) menu, "Copy Figure" and "Export Figure…", to every
 * FlxPlot and FlxFieldView below root.  Results are told in a toast of the nearest
 * AdwToastOverlay. */
void        flx_figure_attach (GtkWidget *root);

/* The export behind the menu, for tests: size "WxH" (e.g. "1600x1200"); the format
 * follows the extension (.png, .svg, .pdf). */
gboolean    flx_figure_export (GtkWidget *widget, const char *path, const char *size,
                               GError **error);

G_END_DECLS
