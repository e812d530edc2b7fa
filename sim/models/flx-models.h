/* flx-models.h: the five model tables, one per file in sim/models/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "../flx-model.h"

extern const FlxModel flx_model_cfr;
extern const FlxModel flx_model_vacancy;
extern const FlxModel flx_model_wo3;
extern const FlxModel flx_model_gradients;
extern const FlxModel flx_model_lsmo;

#define FLX_N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))
