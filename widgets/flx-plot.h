/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-plot.h: 2D line/marker plot with SI-aware axes, annotations and export. */
#pragma once

#include <gtk/gtk.h>

#include "flx-widgets-types.h"

G_BEGIN_DECLS

#define FLX_TYPE_PLOT (flx_plot_get_type ())
G_DECLARE_FINAL_TYPE (FlxPlot, flx_plot, FLX, PLOT, GtkWidget)

GtkWidget *flx_plot_new                (void);

/* Series: identified by a page-chosen id; data is copied.  A new id gets the next palette
 * colour; replacing data keeps the series' style and colour. */
void       flx_plot_set_series         (FlxPlot        *self,
                                        const char     *id,
                                        const char     *label,
                                        const double   *x,
                                        const double   *y,
                                        gsize           n);
void       flx_plot_set_series_fill    (FlxPlot        *self,
                                        const char     *id,
                                        const char     *label,
                                        const double   *x,
                                        const double   *y_lo,
                                        const double   *y_hi,
                                        gsize           n);
gboolean   flx_plot_remove_series      (FlxPlot        *self,
                                        const char     *id);
void       flx_plot_clear_series       (FlxPlot        *self);
void       flx_plot_set_series_style   (FlxPlot        *self,
                                        const char     *id,
                                        FlxSeriesStyle  style);
void       flx_plot_set_series_dash    (FlxPlot        *self,
                                        const char     *id,
                                        FlxDash         dash);
void       flx_plot_set_series_palette_index (FlxPlot  *self,
                                        const char     *id,
                                        int             index);
void       flx_plot_set_series_color   (FlxPlot        *self,
                                        const char     *id,
                                        const GdkRGBA  *color);
void       flx_plot_set_series_y_axis  (FlxPlot        *self,
                                        const char     *id,
                                        FlxAxisId       axis);

/* Axes */
void       flx_plot_set_axis           (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        const char     *label,
                                        const char     *unit);
void       flx_plot_set_axis_scale     (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        FlxAxisScale    scale);
void       flx_plot_set_axis_limits    (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        double          min,
                                        double          max);
void       flx_plot_set_axis_auto      (FlxPlot        *self,
                                        FlxAxisId       axis);
void       flx_plot_get_visible_range  (FlxPlot        *self,
                                        FlxAxisId       axis,
                                        double         *min,
                                        double         *max);
void       flx_plot_reset_view         (FlxPlot        *self);

/* Annotations; each call returns an id for flx_plot_remove_annotation(). Labels accept
 * Pango markup (E<sub>F</sub>). @color may be %NULL for the text colour. */
guint      flx_plot_add_vline          (FlxPlot        *self,
                                        double          x,
                                        const char     *label,
                                        FlxDash         dash,
                                        const GdkRGBA  *color);
guint      flx_plot_add_hline          (FlxPlot        *self,
                                        FlxAxisId       y_axis,
                                        double          y,
                                        const char     *label,
                                        FlxDash         dash,
                                        const GdkRGBA  *color);
guint      flx_plot_add_text           (FlxPlot        *self,
                                        double          x,
                                        double          y,
                                        const char     *text);
guint      flx_plot_add_band           (FlxPlot        *self,
                                        GtkOrientation  orientation,
                                        double          from,
                                        double          to,
                                        const char     *label,
                                        const GdkRGBA  *color);
guint      flx_plot_add_arrow          (FlxPlot        *self,
                                        double          x0,
                                        double          y0,
                                        double          x1,
                                        double          y1,
                                        const char     *label);
gboolean   flx_plot_remove_annotation  (FlxPlot        *self,
                                        guint           id);
void       flx_plot_clear_annotations  (FlxPlot        *self);

/* Draggable marker (property "marker-x", signal "marker-moved") */
void       flx_plot_set_marker         (FlxPlot        *self,
                                        gboolean        visible,
                                        double          x,
                                        const char     *label);
double     flx_plot_get_marker_x       (FlxPlot        *self);

/* Properties */
void        flx_plot_set_title         (FlxPlot        *self,
                                        const char     *title);
const char *flx_plot_get_title         (FlxPlot        *self);
void        flx_plot_set_large_text    (FlxPlot        *self,
                                        gboolean        large_text);
gboolean    flx_plot_get_large_text    (FlxPlot        *self);
void        flx_plot_set_stale         (FlxPlot        *self,
                                        gboolean        stale);
gboolean    flx_plot_get_stale         (FlxPlot        *self);
void        flx_plot_set_preview_text  (FlxPlot        *self,
                                        const char     *text);
const char *flx_plot_get_preview_text  (FlxPlot        *self);
void        flx_plot_set_legend_visible (FlxPlot       *self,
                                        gboolean        visible);
void        flx_plot_set_highlight_x   (FlxPlot        *self,
                                        double          x);
double      flx_plot_get_highlight_x   (FlxPlot        *self);
double      flx_plot_get_hover_x       (FlxPlot        *self);

/* Export (light "paper" colours, whatever the screen theme) */
gboolean         flx_plot_export            (FlxPlot         *self,
                                             const char      *path,
                                             FlxExportFormat  format,
                                             int              width,
                                             int              height,
                                             double           scale,
                                             GError         **error);
cairo_surface_t *flx_plot_export_to_surface (FlxPlot         *self,
                                             int              width,
                                             int              height,
                                             double           scale);
GdkTexture      *flx_plot_export_to_texture (FlxPlot         *self,
                                             int              width,
                                             int              height,
                                             double           scale);

G_END_DECLS
