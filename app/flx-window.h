/* flx-window.h: the main window: a sidebar of models and one page per model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "flx-model-page.h"

G_BEGIN_DECLS

#define FLX_TYPE_WINDOW (flx_window_get_type ())
G_DECLARE_FINAL_TYPE (FlxWindow, flx_window, FLX, WINDOW, AdwApplicationWindow)

FlxWindow    *flx_window_new (AdwApplication *app);
/* Shows the page of model `id` ("cfr", ...); FALSE for an unknown id. */
gboolean      flx_window_show_model (FlxWindow *self, const char *id);
FlxModelPage *flx_window_get_page (FlxWindow *self, const char *id);
const char   *flx_window_get_visible_model (FlxWindow *self);

G_END_DECLS
