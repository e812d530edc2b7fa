/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-plot.h: 2D line/marker plot with SI-aware axes, annotations and export.
 *
 * Values are SI everywhere (m, N, Ohm ...); the plot picks display prefixes itself.
 * Main thread only.  Users hover for read-outs, zoom with the wheel (Ctrl+wheel inside a
 * GtkScrolledWindow) or a pinch, pan by dragging and reset with a double click.  Typical use on a model page:
 *
 *   flx_plot_set_axis (plot, FLX_AXIS_X, "Indentation", "m");
 *   flx_plot_set_axis (plot, FLX_AXIS_Y, "Force", "N");          // shows "Force (µN)"
 *   flx_plot_set_series (plot, "force", "Force", x, y, n);      // copied
 *   flx_plot_set_marker (plot, TRUE, x_set, NULL);
 *   g_signal_connect (plot, "marker-moved", G_CALLBACK (on_marker_moved), page);
 *   g_object_bind_property (plot, "hover-x", other_plot, "highlight-x", 0);
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-widgets-types.h"

G_BEGIN_DECLS

#define FLX_TYPE_PLOT (flx_plot_get_type ())
G_DECLARE_FINAL_TYPE (FlxPlot, flx_plot, FLX, PLOT, GtkWidget)

/**
 * flx_plot_new:
 *
 * Returns: (transfer floating): an empty plot (accessible role IMG)
 */
GtkWidget *flx_plot_new                (void);

/* ---- Series --------------------------------------------------------------------------- */

/**
 * flx_plot_set_series:
 * @id: page-chosen key; a new id gets the next palette colour
 * @label: (nullable): legend text, Pango markup allowed; %NULL keeps it out of the legend
 * @x: (array length=n): x values (SI), copied
 * @y: (array length=n): y values (SI), copied; NaN breaks the line
 *
 * Adds or replaces a series; replacing keeps its style, dash and colour.
 */
void       flx_plot_set_series         (FlxPlot        *self,
                                        const char     *id,
                                        const char     *label,
                                        const double   *x,
                                        const double   *y,
                                        gsize           n);
/**
 * flx_plot_set_series_fill:
 * @y_lo: (array length=n): lower curve
 * @y_hi: (array length=n): upper curve
 *
 * Adds or replaces a translucent region between two curves sharing @x (confidence
 * bands, band gaps).
 */
void       flx_plot_set_series_fill    (FlxPlot        *self,
                                        const char     *id,
                                        const char     *label,
                                        const double   *x,
                                        const double   *y_lo,
                                        const double   *y_hi,
                                        gsize           n);
/** flx_plot_remove_series: Returns: %TRUE if @id existed. */
gboolean   flx_plot_remove_series      (FlxPlot        *self,
                                        const char     *id);
/** flx_plot_clear_series: Removes all series (annotations stay). */
void       flx_plot_clear_series       (FlxPlot        *self);
/**
 * flx_plot_get_series_info:
 * @style: (out) (optional): how the series is drawn
 * @n: (out) (optional): its number of points
 *
 * Returns: %FALSE if there is no series @id (pages' tests check what is drawn)
 */
gboolean   flx_plot_get_series_info    (FlxPlot        *self,
                                        const char     *id,
                                        FlxSeriesStyle *style,
                                        gsize          *n);
/** flx_plot_set_series_style: Line, markers, line + markers or step. */
void       flx_plot_set_series_style   (FlxPlot        *self,
                                        const char     *id,
                                        FlxSeriesStyle  style);
/** flx_plot_set_series_dash: Solid, dashed, dotted or dash-dot. */
void       flx_plot_set_series_dash    (FlxPlot        *self,
                                        const char     *id,
                                        FlxDash         dash);
/**
 * flx_plot_set_series_palette_index:
 * @index: Okabe–Ito palette entry (wraps); also picks the marker shape.  Use the same
 *   index for the same quantity across plots.  Adapts to dark mode.
 */
void       flx_plot_set_series_palette_index (FlxPlot  *self,
                                        const char     *id,
                                        int             index);
/**
 * flx_plot_set_series_color:
 * @color: (nullable): explicit colour (does not adapt to dark mode); %NULL: palette
 */
void       flx_plot_set_series_color   (FlxPlot        *self,
                                        const char     *id,
                                        const GdkRGBA  *color);
/** flx_plot_set_series_y_axis: %FLX_AXIS_Y or %FLX_AXIS_Y2 (right axis appears when used). */
void       flx_plot_set_series_y_axis  (FlxPlot        *self,
                                        const char     *id,
                                        FlxAxisId       axis);

/** flx_plot_get_n_series: Returns: the number of series, fills included. */
guint      flx_plot_get_n_series       (FlxPlot        *self);
/**
 * flx_plot_get_series_label:
 * Returns: (nullable): the legend text of @id; %NULL if it has none or does not exist
 */
const char *flx_plot_get_series_label  (FlxPlot        *self,
                                        const char     *id);
/**
 * flx_plot_get_series_dash:
 * @dash: (out) (optional):
 * @y_axis: (out) (optional):
 *
 * Returns: %FALSE (outputs untouched) when there is no series @id.
 */
gboolean   flx_plot_get_series_dash    (FlxPlot        *self,
                                        const char     *id,
                                        FlxDash        *dash,
                                        FlxAxisId      *y_axis);

/* ---- Axes ----------------------------------------------------------------------------- */

/**
 * flx_plot_set_axis:
 * @label: (nullable): quantity, e.g. "Force"
 * @unit: (nullable): SI unit in ASCII: "N", "m", "Ohm", "A", "V", "eV", "1/m", "C/m^2",
 *   "K", "".  Simple units get a prefix ("Force (µN)"); "K", compound units and "" do
 *   not (very large/small values then show a common power of ten: "Strain (×10⁻³)").
 */
void       flx_plot_set_axis           (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        const char     *label,
                                        const char     *unit);
/** flx_plot_set_axis_scale: Linear or log10; values <= 0 are skipped on log axes with a note. */
void       flx_plot_set_axis_scale     (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        FlxAxisScale    scale);
/** flx_plot_set_axis_limits: Fixed range (SI), @max > @min; a double click returns here. */
void       flx_plot_set_axis_limits    (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        double          min,
                                        double          max);
/** flx_plot_set_axis_auto: Range from the data (the default). */
void       flx_plot_set_axis_auto      (FlxPlot        *self,
                                        FlxAxisId       axis);
/** flx_plot_get_visible_range: The range currently shown, after zoom (SI). */
void       flx_plot_get_visible_range  (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        double         *min,
                                        double         *max);
/**
 * flx_plot_set_visible_range:
 *
 * Zooms @axis to [@min, @max] (SI), e.g. to follow a linked plot's "view-changed"
 * signal (emitted when the user zooms, pans or resets).  Ignored if invalid for the axis.
 */
void       flx_plot_set_visible_range  (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        double          min,
                                        double          max);
/** flx_plot_get_axis_zoomed: Returns: %TRUE while the user's zoom/pan (or a set visible range) holds on @axis. */
gboolean   flx_plot_get_axis_zoomed    (FlxPlot        *self,
                                        FlxAxisId       axis);
/** flx_plot_reset_view: Undoes zoom and pan (as a double click does). */
void       flx_plot_reset_view         (FlxPlot        *self);

/* ---- Annotations: each returns an id for flx_plot_remove_annotation().  Labels accept
 * Pango markup (E<sub>F</sub>); @color %NULL uses the text colour. ------------------------ */

/** flx_plot_add_vline: Vertical line at @x with @label along it (thresholds). */
guint      flx_plot_add_vline          (FlxPlot        *self,
                                        double          x,
                                        const char     *label,
                                        FlxDash         dash,
                                        const GdkRGBA  *color);
/** flx_plot_add_hline: Horizontal line at @y on @y_axis, @label above its right end. */
guint      flx_plot_add_hline          (FlxPlot        *self,
                                        FlxAxisId       y_axis,
                                        double          y,
                                        const char     *label,
                                        FlxDash         dash,
                                        const GdkRGBA  *color);
/** flx_plot_add_text: Text whose left edge is vertically centred on (@x, @y). */
guint      flx_plot_add_text           (FlxPlot        *self,
                                        double          x,
                                        double          y,
                                        const char     *text);
/**
 * flx_plot_add_band:
 * @orientation: HORIZONTAL shades y in [@from, @to] (band gap); VERTICAL shades x
 * @color: (nullable): fill, drawn translucent; %NULL for a faint grey
 */
guint      flx_plot_add_band           (FlxPlot        *self,
                                        GtkOrientation  orientation,
                                        double          from,
                                        double          to,
                                        const char     *label,
                                        const GdkRGBA  *color);
/** flx_plot_add_arrow: Arrow from (@x0, @y0) to the head at (@x1, @y1); @label at the tail. */
guint      flx_plot_add_arrow          (FlxPlot        *self,
                                        double          x0,
                                        double          y0,
                                        double          x1,
                                        double          y1,
                                        const char     *label);
/** flx_plot_remove_annotation: Returns: %TRUE if @id existed. */
gboolean   flx_plot_remove_annotation  (FlxPlot        *self,
                                        guint           id);
/** flx_plot_clear_annotations: Removes all annotations. */
void       flx_plot_clear_annotations  (FlxPlot        *self);

/* ---- Draggable marker ----------------------------------------------------------------- */

/**
 * flx_plot_set_marker:
 * @label: (nullable): text beside it; %NULL shows the x value with unit
 *
 * Shows/moves the vertical marker the user can drag (or move with ←/→ when focused).
 * User moves emit "marker-moved" (double x, SI); this call does not.
 */
void       flx_plot_set_marker         (FlxPlot        *self,
                                        gboolean        visible,
                                        double          x,
                                        const char     *label);
/** flx_plot_get_marker_x: Returns: marker position (SI). */
double     flx_plot_get_marker_x       (FlxPlot        *self);

/* ---- Properties (all notify) ---------------------------------------------------------- */

/** flx_plot_set_title: Title above the plot; also the accessible label. */
void        flx_plot_set_title         (FlxPlot        *self,
                                        const char     *title);
const char *flx_plot_get_title         (FlxPlot        *self);
/** flx_plot_set_large_text: Presentation mode: 1.5× text, thicker lines. */
void        flx_plot_set_large_text    (FlxPlot        *self,
                                        gboolean        large_text);
gboolean    flx_plot_get_large_text    (FlxPlot        *self);
/** flx_plot_set_stale: Dims the plot and shows "updating…" while a new result computes. */
void        flx_plot_set_stale         (FlxPlot        *self,
                                        gboolean        stale);
gboolean    flx_plot_get_stale         (FlxPlot        *self);
/** flx_plot_set_preview_text: Badge such as "Preview: coarse mesh"; %NULL hides it. */
void        flx_plot_set_preview_text  (FlxPlot        *self,
                                        const char     *text);
const char *flx_plot_get_preview_text  (FlxPlot        *self);
/** flx_plot_set_legend_visible: The legend goes where it covers the fewest points. */
void        flx_plot_set_legend_visible (FlxPlot       *self,
                                        gboolean        visible);
/**
 * flx_plot_set_highlight_x:
 * @x: linked cursor (SI) from another view, dashed line; non-finite hides it
 *
 * Property "highlight-x".  Bind "hover-x" of another view to it: "no position" is +∞
 * through properties (GObject rejects NaN) and NaN from the C getters.
 */
void        flx_plot_set_highlight_x   (FlxPlot        *self,
                                        double          x);
double      flx_plot_get_highlight_x   (FlxPlot        *self);
/** flx_plot_get_hover_x: Returns: x (SI) under the pointer, NaN outside ("hover-x" notifies). */
double      flx_plot_get_hover_x       (FlxPlot        *self);

/* ---- Export: light "paper" colours whatever the theme; main thread ---------------------- */

/**
 * flx_plot_export:
 * @path: replaced atomically (temporary file + rename); a failure leaves it untouched
 * @width: px (PNG) or pt (SVG/PDF); <= 0 uses the widget size (800 × 500 if unrealized)
 * @height: likewise
 * @scale: PNG pixel density, e.g. 2 for a 2× image; ignored for SVG/PDF
 *
 * Returns: %TRUE on success, else @error is set
 */
gboolean         flx_plot_export            (FlxPlot         *self,
                                             const char      *path,
                                             FlxExportFormat  format,
                                             int              width,
                                             int              height,
                                             double           scale,
                                             GError         **error);
/** flx_plot_export_to_surface: Returns: (transfer full): the export as an ARGB32 image. */
cairo_surface_t *flx_plot_export_to_surface (FlxPlot         *self,
                                             int              width,
                                             int              height,
                                             double           scale);
/** flx_plot_export_to_texture: Returns: (transfer full): for gdk_clipboard_set_texture(). */
GdkTexture      *flx_plot_export_to_texture (FlxPlot         *self,
                                             int              width,
                                             int              height,
                                             double           scale);

G_END_DECLS
