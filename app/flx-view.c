/* flx-view.c: the result-view interface and the per-model view table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "flx-view.h"

#include <string.h>

#include "flx-cfr-view.h"
#include "flx-gradients-view.h"
#include "flx-lsmo-view.h"
#include "flx-result-view.h"
#include "flx-wo3-view.h"
#include "flx-vacancy-view.h"

G_DEFINE_INTERFACE (FlxView, flx_view, GTK_TYPE_WIDGET)

static void
flx_view_default_init (FlxViewInterface *iface)
{
  g_signal_new ("request-parameter", FLX_TYPE_VIEW, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
  g_signal_new ("speed-changed", FLX_TYPE_VIEW, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
}

void
flx_view_update (FlxView *self, const FlxResult *result, const double *values)
{
  g_return_if_fail (FLX_IS_VIEW (self));
  FLX_VIEW_GET_IFACE (self)->update (self, result, values);
}

void
flx_view_set_stale (FlxView *self, gboolean stale)
{
  FlxViewInterface *iface;

  g_return_if_fail (FLX_IS_VIEW (self));
  iface = FLX_VIEW_GET_IFACE (self);
  if (iface->set_stale != NULL)
    iface->set_stale (self, stale);
}

gboolean
flx_view_has_speed (FlxView *self)
{
  g_return_val_if_fail (FLX_IS_VIEW (self), FALSE);
  return FLX_VIEW_GET_IFACE (self)->set_speed != NULL;
}

void
flx_view_set_speed (FlxView *self, double speed)
{
  g_return_if_fail (FLX_IS_VIEW (self));
  if (FLX_VIEW_GET_IFACE (self)->set_speed != NULL)
    FLX_VIEW_GET_IFACE (self)->set_speed (self, speed);
}

double
flx_view_get_speed (FlxView *self)
{
  g_return_val_if_fail (FLX_IS_VIEW (self), 1.0);
  return FLX_VIEW_GET_IFACE (self)->get_speed != NULL ? FLX_VIEW_GET_IFACE (self)->get_speed (self)
                                                       : 1.0;
}

void
flx_view_set_pins (FlxView *self, const FlxPin *pins, guint n)
{
  FlxViewInterface *iface;

  g_return_if_fail (FLX_IS_VIEW (self));
  g_return_if_fail (n == 0 || pins != NULL);
  iface = FLX_VIEW_GET_IFACE (self);
  if (iface->set_pins != NULL)
    iface->set_pins (self, pins, n);
}

void
flx_view_save_state (FlxView *self, GKeyFile *kf, const char *group)
{
  FlxViewInterface *iface;

  g_return_if_fail (FLX_IS_VIEW (self));
  iface = FLX_VIEW_GET_IFACE (self);
  if (iface->save_state != NULL)
    iface->save_state (self, kf, group);
}

void
flx_view_load_state (FlxView *self, GKeyFile *kf, const char *group, GPtrArray *problems)
{
  FlxViewInterface *iface;

  g_return_if_fail (FLX_IS_VIEW (self));
  iface = FLX_VIEW_GET_IFACE (self);
  if (iface->load_state != NULL)
    iface->load_state (self, kf, group, problems);
}

void
flx_view_request_parameter (FlxView *self, const char *name, double value)
{
  g_return_if_fail (FLX_IS_VIEW (self));
  g_signal_emit_by_name (self, "request-parameter", name, value);
}

typedef FlxView *(*ViewFactory) (const FlxModel *model);

/* Models with their own view.  Add an entry when a model page gets a custom layout. */
static const struct {
  const char *id;
  ViewFactory factory;
} custom_views[] = {
  { "cfr", flx_cfr_view_new },
  { "lsmo", flx_lsmo_view_new },
  { "wo3", flx_wo3_view_new },
  { "gradients", flx_gradients_view_new },
  { "vacancy", flx_vacancy_view_new },
};

FlxView *
flx_view_new_for_model (const FlxModel *model)
{
  for (gsize i = 0; i < G_N_ELEMENTS (custom_views); i++)
    if (strcmp (custom_views[i].id, model->id) == 0)
      return custom_views[i].factory (model);
  return FLX_VIEW (flx_result_view_new (model));
}
