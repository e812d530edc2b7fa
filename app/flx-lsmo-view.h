/* flx-lsmo-view.h: result area of the LSMO switching page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_LSMO_VIEW (flx_lsmo_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxLsmoView, flx_lsmo_view, FLX, LSMO_VIEW, GtkWidget)

/* Implements FlxView; replays the sweep stored in the result's FlxLsmoExtra. */
FlxView *flx_lsmo_view_new (const FlxModel *model);

G_END_DECLS
