/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-field-view-private.h: internals exposed to the widget tests only. */
#pragma once

#include "flx-field-view.h"
#include "flx-draw-common.h"

G_BEGIN_DECLS

void _flx_field_view_get_image_rect (FlxFieldView *self,
                                     FlxRect      *rect);

G_END_DECLS
