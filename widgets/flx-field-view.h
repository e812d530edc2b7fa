/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-view.h: 2D scalar field as a colour-mapped image (OpenGL, with automatic
 * cairo fallback) with colour bar, physical axes, contours, vector arrows, an overlay
 * polyline, hover read-out and linked cursor.  Values SI; main thread only.
 *
 *   flx_field_view_set_axis_labels (view, "x", "z", "m");        // "x (nm)"
 *   flx_field_view_set_value_label (view, "Temperature", "K");
 *   flx_field_view_set_data (view, t, nx, ny, -50e-9, 50e-9, 0, 100e-9);
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-colormap.h"
#include "flx-widgets-types.h"

G_BEGIN_DECLS

#define FLX_TYPE_FIELD_VIEW (flx_field_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxFieldView, flx_field_view, FLX, FIELD_VIEW, GtkWidget)

/** flx_field_view_new: Returns: (transfer floating): an empty field view (role IMG). */
GtkWidget  *flx_field_view_new              (void);

/**
 * flx_field_view_set_data:
 * @data: (array) (nullable): @nx × @ny values, row-major data[j * nx + i], j along y
 *   (upwards); copied.  NaN cells are transparent.  %NULL clears.
 * @x0: left edge of the field (SI, usually m); samples are cell centres
 * @x1: right edge
 * @y0: bottom edge
 * @y1: top edge
 *
 * Same-size updates reuse every buffer (GL: one glTexSubImage2D).
 */
void        flx_field_view_set_data         (FlxFieldView   *self,
                                             const double   *data,
                                             int             nx,
                                             int             ny,
                                             double          x0,
                                             double          x1,
                                             double          y0,
                                             double          y1);
/**
 * flx_field_view_set_vectors:
 * @u: (array) (nullable): x components, @nx × @ny, same layout and extent as the field
 * @v: (array) (nullable): y components
 *
 * Direction arrows (e.g. polarization), thinned to ~24 px spacing and scaled to the
 * largest magnitude.  %NULL clears.
 */
void        flx_field_view_set_vectors      (FlxFieldView   *self,
                                             const double   *u,
                                             const double   *v,
                                             int             nx,
                                             int             ny);
/** flx_field_view_set_contours: Contour levels in field units (also marked on the colour bar); %NULL clears. */
void        flx_field_view_set_contours     (FlxFieldView   *self,
                                             const double   *levels,
                                             int             n_levels);
/** flx_field_view_set_overlay: Polyline in data coordinates (tip outline); NaN breaks it; %NULL clears. */
void        flx_field_view_set_overlay      (FlxFieldView   *self,
                                             const double   *x,
                                             const double   *y,
                                             int             n);

/** flx_field_view_set_colormap: Viridis (default) or diverging; diverging also makes auto limits symmetric. */
void        flx_field_view_set_colormap     (FlxFieldView   *self,
                                             FlxColormap     colormap);
FlxColormap flx_field_view_get_colormap     (FlxFieldView   *self);
/** flx_field_view_set_limits: Fixed colour limits in field units, @max > @min. */
void        flx_field_view_set_limits       (FlxFieldView   *self,
                                             double          min,
                                             double          max);
/** flx_field_view_set_auto_limits: Limits from the data; @symmetric gives ±max|value|. */
void        flx_field_view_set_auto_limits  (FlxFieldView   *self,
                                             gboolean        symmetric);
/** flx_field_view_get_limits: The colour limits in use. */
void        flx_field_view_get_limits       (FlxFieldView   *self,
                                             double         *min,
                                             double         *max);
/** flx_field_view_set_value_label: Colour-bar title and read-out, unit as in flx_plot_set_axis(). */
void        flx_field_view_set_value_label  (FlxFieldView   *self,
                                             const char     *label,
                                             const char     *unit);
/** flx_field_view_set_axis_labels: Axis names and spatial unit (normally "m", shown as nm/µm). */
void        flx_field_view_set_axis_labels  (FlxFieldView   *self,
                                             const char     *x_label,
                                             const char     *y_label,
                                             const char     *unit);
/** flx_field_view_set_title: Title above the map (property "title"). */
void        flx_field_view_set_title        (FlxFieldView   *self,
                                             const char     *title);
/** flx_field_view_set_keep_aspect: One metre equally long on both axes (default %TRUE). */
void        flx_field_view_set_keep_aspect  (FlxFieldView   *self,
                                             gboolean        keep_aspect);
/** flx_field_view_set_large_text: Presentation mode. */
void        flx_field_view_set_large_text   (FlxFieldView   *self,
                                             gboolean        large_text);
/** flx_field_view_set_stale: Dims the map with an "updating…" badge. */
void        flx_field_view_set_stale        (FlxFieldView   *self,
                                             gboolean        stale);
gboolean    flx_field_view_get_stale        (FlxFieldView   *self);
/**
 * flx_field_view_set_highlight:
 * @x: linked-cursor position (SI); non-finite hides it
 *
 * Connect another view's "hover" signal (double x, double y, double value; NaN when the
 * pointer leaves) to this.
 */
void        flx_field_view_set_highlight    (FlxFieldView   *self,
                                             double          x,
                                             double          y);
/** flx_field_view_get_using_gl: Returns: %TRUE when drawing with OpenGL, %FALSE for cairo. */
gboolean    flx_field_view_get_using_gl     (FlxFieldView   *self);

/**
 * flx_field_view_export:
 * @path: replaced atomically (temporary file + rename)
 * @format: PNG normally; SVG/PDF embed the map as an image
 * @width: figure size; @width or @height <= 0 picks a size where every sample gets at
 *   least one pixel ("full resolution")
 * @scale: PNG pixel density
 *
 * Map, axes and colour bar in light "paper" colours, drawn with cairo (same cells as GL).
 *
 * Returns: %TRUE on success, else @error is set
 */
gboolean    flx_field_view_export           (FlxFieldView   *self,
                                             const char     *path,
                                             FlxExportFormat format,
                                             int             width,
                                             int             height,
                                             double          scale,
                                             GError        **error);

G_END_DECLS
