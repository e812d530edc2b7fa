/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-view.h: 2D scalar field as a colour-mapped image (OpenGL, cairo fallback)
 * with colour bar, physical axes, contours, vector arrows and an overlay polyline. */
#pragma once

#include <gtk/gtk.h>

#include "flx-colormap.h"
#include "flx-widgets-types.h"

G_BEGIN_DECLS

#define FLX_TYPE_FIELD_VIEW (flx_field_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxFieldView, flx_field_view, FLX, FIELD_VIEW, GtkWidget)

GtkWidget  *flx_field_view_new              (void);

void        flx_field_view_set_data         (FlxFieldView   *self,
                                             const double   *data,
                                             int             nx,
                                             int             ny,
                                             double          x0,
                                             double          x1,
                                             double          y0,
                                             double          y1);
void        flx_field_view_set_vectors      (FlxFieldView   *self,
                                             const double   *u,
                                             const double   *v,
                                             int             nx,
                                             int             ny);
void        flx_field_view_set_contours     (FlxFieldView   *self,
                                             const double   *levels,
                                             int             n_levels);
void        flx_field_view_set_overlay      (FlxFieldView   *self,
                                             const double   *x,
                                             const double   *y,
                                             int             n);

void        flx_field_view_set_colormap     (FlxFieldView   *self,
                                             FlxColormap     colormap);
FlxColormap flx_field_view_get_colormap     (FlxFieldView   *self);
void        flx_field_view_set_limits       (FlxFieldView   *self,
                                             double          min,
                                             double          max);
void        flx_field_view_set_auto_limits  (FlxFieldView   *self,
                                             gboolean        symmetric);
void        flx_field_view_get_limits       (FlxFieldView   *self,
                                             double         *min,
                                             double         *max);
void        flx_field_view_set_value_label  (FlxFieldView   *self,
                                             const char     *label,
                                             const char     *unit);
void        flx_field_view_set_axis_labels  (FlxFieldView   *self,
                                             const char     *x_label,
                                             const char     *y_label,
                                             const char     *unit);
void        flx_field_view_set_title        (FlxFieldView   *self,
                                             const char     *title);
void        flx_field_view_set_keep_aspect  (FlxFieldView   *self,
                                             gboolean        keep_aspect);
void        flx_field_view_set_large_text   (FlxFieldView   *self,
                                             gboolean        large_text);
void        flx_field_view_set_stale        (FlxFieldView   *self,
                                             gboolean        stale);
gboolean    flx_field_view_get_stale        (FlxFieldView   *self);
void        flx_field_view_set_highlight    (FlxFieldView   *self,
                                             double          x,
                                             double          y);
gboolean    flx_field_view_get_using_gl     (FlxFieldView   *self);

gboolean    flx_field_view_export           (FlxFieldView   *self,
                                             const char     *path,
                                             FlxExportFormat format,
                                             int             width,
                                             int             height,
                                             double          scale,
                                             GError        **error);

G_END_DECLS
