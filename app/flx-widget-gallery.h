/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-widget-gallery.h: a window showing every FlxPlot and FlxFieldView feature with
 * sample data, for visual checks (flexolab --widget-gallery). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWindow *flx_widget_gallery_new (GtkApplication *app);

G_END_DECLS
