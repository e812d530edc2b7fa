/* flx-wo3-view.h: result area of the WO3 domain-wall page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_WO3_VIEW (flx_wo3_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxWo3View, flx_wo3_view, FLX, WO3_VIEW, GtkWidget)

/* Implements FlxView. */
FlxView   *flx_wo3_view_new          (const FlxModel *model);

/* For tests: the plot of lateral PFM vs cantilever angle (series "measured", "fit"). */
GtkWidget *flx_wo3_view_get_pfm_plot (FlxWo3View *self);

G_END_DECLS
