/* flx-gradients-view.h: result area of the gradient-engineering page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_GRADIENTS_VIEW (flx_gradients_view_get_type ())
G_DECLARE_FINAL_TYPE (FlxGradientsView, flx_gradients_view, FLX, GRADIENTS_VIEW, GtkWidget)

/* Implements FlxView. */
FlxView   *flx_gradients_view_new          (const FlxModel *model);

/* For tests: the scenario shown (FlxGradientsScenario, -1 before the first result), the
 * schematic, and the plot of a model series by its name ("profile", "d_eff_vs_force"...). */
int        flx_gradients_view_get_scenario (FlxGradientsView *self);
GtkWidget *flx_gradients_view_get_schematic (FlxGradientsView *self);
GtkWidget *flx_gradients_view_get_plot     (FlxGradientsView *self, const char *series);

G_END_DECLS
