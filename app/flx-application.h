/* flx-application.h: the AdwApplication.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FLX_TYPE_APPLICATION (flx_application_get_type ())
G_DECLARE_FINAL_TYPE (FlxApplication, flx_application, FLX, APPLICATION, AdwApplication)

FlxApplication *flx_application_new (void);

G_END_DECLS
