/* flx-pins.h: the pinned runs of a model page (compare runs, issue 9): at most
 * FLX_MAX_PINS outcomes, oldest first, each with a colour it keeps for its life and a
 * legend label naming the parameters in which it differs from the run on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-view.h"

G_BEGIN_DECLS

typedef struct _FlxPins FlxPins;

FlxPins      *flx_pins_new (const FlxModel *model);
void          flx_pins_free (FlxPins *pins);
/* Pins `outcome` (referenced).  When FLX_MAX_PINS are pinned already the oldest goes:
 * returns its label then (free it), else NULL. */
char         *flx_pins_add (FlxPins *pins, FlxJobOutcome *outcome);
void          flx_pins_clear (FlxPins *pins);
guint         flx_pins_get_n (FlxPins *pins);
/* The pins as the array FlxView::set_pins takes (oldest first); valid until the next
 * change. */
const FlxPin *flx_pins_get (FlxPins *pins);
/* A new result is on screen: a pin taken from the FAST preview of the same values takes
 * the FULL result, and every label is remade against `now` (its parameter values). */
void          flx_pins_update (FlxPins *pins, FlxJobOutcome *outcome, const double *now);

/* "Force 10 µN, Tip radius 165 nm": `values` where they differ from `now`, in table order,
 * at most three and then ", 2 more"; "pinned, same parameters" when none differ. */
char         *flx_pin_label (const FlxModel *model, const double *values, const double *now);

/* The key above the results: each pin's line style in its colour and its label, so pins
 * stay identifiable where a narrow plot has no room for a legend.  A wrapping box. */
GtkWidget    *flx_pin_key_new (void);
void          flx_pin_key_update (GtkWidget *key, const FlxPin *pins, guint n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlxPins, flx_pins_free)

G_END_DECLS
