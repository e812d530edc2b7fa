/* SPDX-License-Identifier: GPL-3.0-or-later */
/* flx-widgets.h: umbrella header for Flexolab's physics-free widgets. */
#pragma once

#include "flx-widgets-types.h"
#include "flx-colormap.h"
#include "flx-ticks.h"
#include "flx-plot.h"
#include "flx-field-view.h"
