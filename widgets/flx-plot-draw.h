/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-plot-draw.h: the plot model and its pure cairo drawing.  FlxPlot owns one
 * FlxPlotData; snapshot, export and the tests all draw through flx_plot_draw(). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "flx-draw-common.h"
#include "flx-widgets-types.h"

G_BEGIN_DECLS

typedef struct
{
  char          *id;
  char          *label;
  FlxSeriesStyle style;
  FlxDash        dash;
  int            palette_index;
  gboolean       has_color;
  double         rgba[4];
  FlxAxisId      y_axis;       /* FLX_AXIS_Y or FLX_AXIS_Y2 */
  double        *x, *y, *y_hi; /* y_hi only for FILL_BETWEEN */
  gsize          n;
  gboolean       x_sorted;     /* non-decreasing x allows per-column decimation */
  gboolean       warned_log;   /* log-axis message printed once per data set */
} FlxSeries;

typedef enum
{
  FLX_ANNOT_VLINE,
  FLX_ANNOT_HLINE,
  FLX_ANNOT_TEXT,
  FLX_ANNOT_VBAND,
  FLX_ANNOT_HBAND,
  FLX_ANNOT_ARROW,
} FlxAnnotKind;

typedef struct
{
  guint        id;
  FlxAnnotKind kind;
  FlxAxisId    y_axis;
  double       x0, y0, x1, y1;
  char        *text;
  FlxDash      dash;
  gboolean     has_color;
  double       rgba[4];
} FlxAnnotation;

typedef struct
{
  char        *label;
  char        *unit;
  FlxAxisScale scale;
  gboolean     fixed;       /* limits set by the page */
  double       fixed_min, fixed_max;
  gboolean     zoomed;      /* limits set by the user (zoom/pan); reset by double-click */
  double       view_min, view_max;
} FlxAxis;

typedef struct
{
  GPtrArray   *series;       /* FlxSeries*, in insertion order */
  GPtrArray   *annotations;  /* FlxAnnotation* */
  guint        next_annot_id;
  FlxAxis      axes[FLX_N_AXES];
  char        *title;
  char        *preview_text;
  gboolean     legend_visible;
  gboolean     large_text;
  gboolean     marker_visible;
  double       marker_x;
  char        *marker_label;
  FlxDrawStyle style;
} FlxPlotData;

/* Resolved geometry of one drawing: the transforms use it. */
typedef struct
{
  double   width, height;
  FlxRect  area;                 /* plotting rectangle, px */
  double   lo[FLX_N_AXES];       /* visible range, SI */
  double   hi[FLX_N_AXES];
  gboolean log[FLX_N_AXES];
  gboolean has_y2;
  double   font_size;            /* after large-text scaling */
  FlxRect  legend;               /* where the legend went; w = 0 when none */
  double   line_scale;
} FlxPlotLayout;

FlxPlotData *flx_plot_data_new          (void);
void         flx_plot_data_free         (FlxPlotData       *data);
FlxSeries   *flx_plot_data_find_series  (FlxPlotData       *data,
                                         const char        *id);
FlxSeries   *flx_plot_data_ensure_series (FlxPlotData      *data,
                                         const char        *id);
void         flx_plot_data_set_xy       (FlxSeries         *series,
                                         const double      *x,
                                         const double      *y,
                                         const double      *y_hi,
                                         gsize              n);
void         flx_plot_series_color      (const FlxSeries   *series,
                                         int                index,
                                         const FlxDrawStyle *style,
                                         double             rgba[4]);
gboolean     flx_plot_data_auto_range   (FlxPlotData       *data,
                                         FlxAxisId          axis,
                                         double            *lo,
                                         double            *hi);
gboolean     flx_plot_data_uses_y2      (const FlxPlotData *data);

void         flx_plot_layout_compute    (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         double             width,
                                         double             height,
                                         FlxPlotLayout     *layout);
double       flx_plot_layout_to_px      (const FlxPlotLayout *layout,
                                         FlxAxisId          axis,
                                         double             value);
double       flx_plot_layout_from_px    (const FlxPlotLayout *layout,
                                         FlxAxisId          axis,
                                         double             px);

void         flx_plot_draw              (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         double             width,
                                         double             height);
void         flx_plot_draw_content      (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         double             width,
                                         double             height,
                                         FlxPlotLayout     *layout);
void         flx_plot_draw_marker       (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         const FlxPlotLayout *layout,
                                         gboolean           active);
void         flx_plot_draw_vcursor      (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         const FlxPlotLayout *layout,
                                         double             x);
gboolean     flx_plot_nearest_point     (FlxPlotData       *data,
                                         const FlxPlotLayout *layout,
                                         double             px,
                                         double             py,
                                         double             max_dist,
                                         guint             *series_index,
                                         gsize             *point_index);
void         flx_plot_draw_hover        (cairo_t           *cr,
                                         FlxPlotData       *data,
                                         const FlxPlotLayout *layout,
                                         guint              series_index,
                                         gsize              point_index);
char        *flx_plot_data_describe     (FlxPlotData       *data);

G_END_DECLS
