/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-draw-common.h: drawing style and helpers shared by the plot and field view
 * (text layout, export to files).  Internal to widgets/ and its tests. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include <gio/gio.h>

#include "flx-widgets-types.h"

G_BEGIN_DECLS

typedef struct
{
  double x, y, w, h;
} FlxRect;

/* Colours and fonts for one rendering: from the GTK style on screen, fixed for export. */
typedef struct
{
  gboolean dark;
  double   fg[4];          /* text and axes */
  double   bg[4];          /* used when fill_background */
  double   accent[4];      /* draggable marker */
  gboolean fill_background;
  char     font_family[64];
  double   font_size;      /* px, before large-text scaling */
} FlxDrawStyle;

void   _flx_draw_style_init_light (FlxDrawStyle *style);
void   _flx_draw_style_init_dark  (FlxDrawStyle *style);

/* Anchor: 0 = left/top, 0.5 = centre, 1 = right/bottom of the text box. */
void   _flx_draw_text   (cairo_t            *cr,
                         const FlxDrawStyle *style,
                         const char         *text,
                         double              size,
                         gboolean            bold,
                         double              x,
                         double              y,
                         double              ax,
                         double              ay,
                         double              angle,
                         double             *out_w,
                         double             *out_h);
void   _flx_draw_text_fit (cairo_t          *cr,
                         const FlxDrawStyle *style,
                         const char         *text,
                         double              size,
                         gboolean            bold,
                         double              x,
                         double              y,
                         double              max_w);
void   _flx_text_size   (cairo_t            *cr,
                         const FlxDrawStyle *style,
                         const char         *text,
                         double              size,
                         gboolean            bold,
                         double             *w,
                         double             *h);
void   _flx_set_rgba    (cairo_t            *cr,
                         const double        rgba[4],
                         double              alpha_scale);
void   _flx_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r);
void   _flx_draw_badge  (cairo_t            *cr,
                         const FlxDrawStyle *style,
                         const char         *text,
                         double              size,
                         double              x,
                         double              y,
                         double              ax);

typedef void (*FlxDrawFunc) (cairo_t *cr, double width, double height, gpointer user_data);

gboolean _flx_export_draw (FlxDrawFunc      func,
                           gpointer         user_data,
                           const char      *path,
                           FlxExportFormat  format,
                           int              width,
                           int              height,
                           double           scale,
                           GError         **error);
cairo_surface_t *_flx_draw_to_image (FlxDrawFunc func,
                                     gpointer    user_data,
                                     int         width,
                                     int         height,
                                     double      scale);

G_END_DECLS
