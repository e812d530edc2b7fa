/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-colormap.h: perceptual colormaps for fields and the series palette for plots. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FlxColormap:
 * @FLX_COLORMAP_VIRIDIS: sequential, perceptually uniform (default)
 * @FLX_COLORMAP_DIVERGING: blue–grey–red for signed fields; use symmetric limits
 */
typedef enum
{
  FLX_COLORMAP_VIRIDIS,
  FLX_COLORMAP_DIVERGING,
} FlxColormap;

#define FLX_COLORMAP_LUT_SIZE 256

void          flx_colormap_eval     (FlxColormap  map,
                                     double       t,
                                     double       rgb[3]);
const guint8 *flx_colormap_lut_rgba (FlxColormap  map);
guint32       flx_colormap_argb     (FlxColormap  map,
                                     double       t);

#define FLX_PALETTE_SIZE 8

void          flx_palette_color     (int          index,
                                     gboolean     dark,
                                     double       rgb[3]);

G_END_DECLS
