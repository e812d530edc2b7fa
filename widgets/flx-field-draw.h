/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-draw.h: the field-view model and its cairo drawing (frame, colour bar, heat
 * map, contours, arrows, overlay).  FlxFieldView draws the heat map with GL when it can
 * and everything else through these functions; export and tests use them directly. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "flx-colormap.h"
#include "flx-draw-common.h"

G_BEGIN_DECLS

typedef struct
{
  double         *values;      /* row-major, values[j * nx + i], j along y (upwards) */
  int             nx, ny;
  double          x0, x1, y0, y1;
  double          lo, hi;      /* colour limits in use */
  gboolean        auto_limits;
  double          fixed_lo, fixed_hi;
  FlxColormap     colormap;
  gboolean        symmetric;   /* auto limits symmetric about 0 (signed fields) */

  double         *u, *v;       /* optional vectors, same layout, size vnx × vny */
  int             vnx, vny;

  double         *levels;      /* contour levels */
  int             n_levels;
  GArray         *contour_segs; /* double x0,y0,x1,y1 (data coords), rebuilt on change */

  double         *poly_x, *poly_y; /* overlay polyline, data coords; NaN breaks it */
  int             n_poly;

  char           *title;
  char           *value_label, *value_unit;
  char           *x_label, *y_label, *axis_unit;
  gboolean        keep_aspect;
  gboolean        large_text;
  FlxDrawStyle    style;

  cairo_surface_t *image;      /* nx × ny colour-mapped, built lazily for cairo drawing */
} FlxFieldData;

typedef struct
{
  double  width, height;
  FlxRect image;      /* heat map rectangle, px */
  FlxRect colorbar;
  double  font_size;
  double  ytick_w;    /* widest y tick label, to place the y title beside the image */
  double  tick_h;
} FlxFieldLayout;

FlxFieldData *flx_field_data_new        (void);
void          flx_field_data_free       (FlxFieldData       *data);
void          flx_field_data_set_values (FlxFieldData       *data,
                                         const double       *values,
                                         int                 nx,
                                         int                 ny,
                                         double              x0,
                                         double              x1,
                                         double              y0,
                                         double              y1);
void          flx_field_data_update_limits (FlxFieldData    *data);
void          flx_field_data_update_contours (FlxFieldData  *data);
void          flx_field_data_invalidate_image (FlxFieldData *data);
void          flx_field_data_normalized (const FlxFieldData *data,
                                         float              *out);
gboolean      flx_field_data_value_at   (const FlxFieldData *data,
                                         double              x,
                                         double              y,
                                         double             *value);

void          flx_field_layout_compute  (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         double              width,
                                         double              height,
                                         FlxFieldLayout     *layout);
void          flx_field_to_px           (const FlxFieldData *data,
                                         const FlxFieldLayout *layout,
                                         double              x,
                                         double              y,
                                         double             *px,
                                         double             *py);
void          flx_field_from_px         (const FlxFieldData *data,
                                         const FlxFieldLayout *layout,
                                         double              px,
                                         double              py,
                                         double             *x,
                                         double             *y);

void          flx_field_draw_frame      (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         const FlxFieldLayout *layout);
void          flx_field_draw_image      (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         const FlxFieldLayout *layout);
void          flx_field_draw_overlay    (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         const FlxFieldLayout *layout);
void          flx_field_draw_cursor     (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         const FlxFieldLayout *layout,
                                         double              x,
                                         double              y,
                                         gboolean            readout);
void          flx_field_draw            (cairo_t            *cr,
                                         FlxFieldData       *data,
                                         double              width,
                                         double              height);

G_END_DECLS
