/* flx-view.h: what a model page's result area implements.  The generic FlxResultView
 * serves every model from its tables; models with a richer layout (cfr, lsmo) provide
 * their own view and register it in flx-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-model.h"

G_BEGIN_DECLS

#define FLX_TYPE_VIEW (flx_view_get_type ())
G_DECLARE_INTERFACE (FlxView, flx_view, FLX, VIEW, GtkWidget)

struct _FlxViewInterface
{
  GTypeInterface parent_iface;

  /* Show a new result; values are the parameters it was computed with (SI). */
  void (*update)    (FlxView *self, const FlxResult *result, const double *values);
  /* A newer result is being computed: mark what is shown as stale. */
  void (*set_stale) (FlxView *self, gboolean stale);
  /* Optional, for views that animate (lsmo's sweep replay): replay speed, 1 = normal. */
  void   (*set_speed) (FlxView *self, double speed);
  double (*get_speed) (FlxView *self);
};

void       flx_view_update    (FlxView *self, const FlxResult *result, const double *values);
void       flx_view_set_stale (FlxView *self, gboolean stale);
/* Animation speed (1 = normal); has_speed is FALSE for views that do not animate, and
 * get_speed then returns 1.  The view may round to the speeds it offers, and emits
 * "speed-changed" when its speed changes (by set_speed or its own control). */
gboolean   flx_view_has_speed (FlxView *self);
void       flx_view_set_speed (FlxView *self, double speed);
double     flx_view_get_speed (FlxView *self);

/* Views ask the page to change a parameter (e.g. the user dragged the force marker on a
 * curve) by emitting "request-parameter" (const char *name, double value_si). */
void       flx_view_request_parameter (FlxView *self, const char *name, double value);

/* The view for a model: its own if it has one, else the generic FlxResultView. */
FlxView   *flx_view_new_for_model (const FlxModel *model);

G_END_DECLS
