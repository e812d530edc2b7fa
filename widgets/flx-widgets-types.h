/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-widgets-types.h: enums shared by FlxPlot and FlxFieldView. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FlxExportFormat:
 * @FLX_EXPORT_PNG: raster, size × scale pixels
 * @FLX_EXPORT_SVG: vector, size in points
 * @FLX_EXPORT_PDF: vector, size in points
 */
typedef enum
{
  FLX_EXPORT_PNG,
  FLX_EXPORT_SVG,
  FLX_EXPORT_PDF,
} FlxExportFormat;

/**
 * FlxAxisId:
 * @FLX_AXIS_X: bottom axis
 * @FLX_AXIS_Y: left axis
 * @FLX_AXIS_Y2: right (secondary) axis; shown when a series or annotation uses it
 */
typedef enum
{
  FLX_AXIS_X,
  FLX_AXIS_Y,
  FLX_AXIS_Y2,
} FlxAxisId;
#define FLX_N_AXES 3

/**
 * FlxAxisScale:
 * @FLX_AXIS_SCALE_LINEAR: linear
 * @FLX_AXIS_SCALE_LOG10: base-10 logarithmic; values <= 0 are skipped (with a message
 *   and a note in the plot)
 */
typedef enum
{
  FLX_AXIS_SCALE_LINEAR,
  FLX_AXIS_SCALE_LOG10,
} FlxAxisScale;

/**
 * FlxSeriesStyle:
 * @FLX_SERIES_LINE: polyline; decimated per pixel column when dense
 * @FLX_SERIES_MARKERS: markers only
 * @FLX_SERIES_LINE_MARKERS: line and markers
 * @FLX_SERIES_STEP: step line (value held until the next x)
 * @FLX_SERIES_FILL_BETWEEN: shaded region between two curves (set with
 *   flx_plot_set_series_fill())
 */
typedef enum
{
  FLX_SERIES_LINE,
  FLX_SERIES_MARKERS,
  FLX_SERIES_LINE_MARKERS,
  FLX_SERIES_STEP,
  FLX_SERIES_FILL_BETWEEN,
} FlxSeriesStyle;

/**
 * FlxDash:
 * @FLX_DASH_SOLID: solid
 * @FLX_DASH_DASHED: long dashes
 * @FLX_DASH_DOTTED: dots
 * @FLX_DASH_DASH_DOT: dash-dot
 */
typedef enum
{
  FLX_DASH_SOLID,
  FLX_DASH_DASHED,
  FLX_DASH_DOTTED,
  FLX_DASH_DASH_DOT,
} FlxDash;

G_END_DECLS
