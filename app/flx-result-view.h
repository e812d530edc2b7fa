/* flx-result-view.h: shows any model's result from its tables: scalars with units, a plot
 * per series and a map per field.  Model pages with richer layouts build on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-model.h"
#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_RESULT_VIEW (flx_result_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxResultView, flx_result_view, FLX, RESULT_VIEW, GtkWidget)

/* Implements FlxView. */
FlxResultView *flx_result_view_new (const FlxModel *model);
/* The displayed text of a scalar (for tests and accessibility), or NULL. */
const char    *flx_result_view_get_scalar_text (FlxResultView *self, const char *name);

G_END_DECLS
