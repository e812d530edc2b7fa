/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-style.h: read FlxDrawStyle from a widget's CSS (internal). */
#pragma once

#include <gtk/gtk.h>

#include "flx-draw-common.h"

G_BEGIN_DECLS

gboolean _flx_draw_style_update_from_widget (GtkWidget    *widget,
                                             FlxDrawStyle *style,
                                             double        last_fg[4]);

G_END_DECLS
