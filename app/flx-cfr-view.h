/* flx-cfr-view.h: result area of the colossal flexoresistance page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_CFR_VIEW (flx_cfr_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxCfrView, flx_cfr_view, FLX, CFR_VIEW, GtkWidget)

/* Implements FlxView; emits "request-parameter" ("force", F) when the force marker is
 * dragged. */
FlxView *flx_cfr_view_new (const FlxModel *model);

G_END_DECLS
