/* flx-view.h: what a model page's result area implements.  The generic FlxResultView
 * serves every model from its tables; models with a richer layout (cfr, lsmo) provide
 * their own view and register it in flx-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-job-runner.h"
#include "flx-model.h"

G_BEGIN_DECLS

/* A pinned run shown for comparison.  The page owns its pins (at most FLX_MAX_PINS) and
 * hands views a read-only array that is valid only during the set_pins call: views copy
 * what they draw (FlxPlot copies series anyway). */
#define FLX_MAX_PINS 4

typedef struct {
  FlxJobOutcome *outcome; /* owned reference: the result and the values it ran with */
  char          *label;   /* legend text: the parameters that differ from the current run */
  int            palette; /* FlxPlot palette index, fixed for the pin's life */
} FlxPin;

#define FLX_TYPE_VIEW (flx_view_get_type ())
G_DECLARE_INTERFACE (FlxView, flx_view, FLX, VIEW, GtkWidget)

struct _FlxViewInterface
{
  GTypeInterface parent_iface;

  /* Show a new result; values are the parameters it was computed with (SI). */
  void (*update)    (FlxView *self, const FlxResult *result, const double *values);
  /* A newer result is being computed: mark what is shown as stale. */
  void (*set_stale) (FlxView *self, gboolean stale);

  /* Optional (a view without it shows no pins).  Overlay these pinned runs (n <=
   * FLX_MAX_PINS; n == 0 clears) on every plot of the view; maps are not overlaid.  The
   * page keeps the pins across results (FAST and FULL) and calls this after every update
   * (labels name what differs from the run on screen) and when the pins change.  Usually
   * one line per plot (flx-view-util.h):
   *   flx_view_plot_add_pins (plot, (const char *[]) { "iv_up", "iv_down", NULL }, pins, n);
   * and flx_view_plot_add_pin_points marks a pinned run's own state (e.g. force and
   * resistivity) where a curve alone would not show it. */
  void (*set_pins)   (FlxView *self, const FlxPin *pins, guint n);

  /* Optional.  View settings for session files (docs/session-format.md): write them as
   * keys of `group` (zoomed plot ranges, replay speed ...); read them back, keeping the
   * current setting and appending one translated sentence to `problems` (char *) for
   * each key that cannot be used.  The key file is the caller's scratch copy: load_state
   * removes each key it reads (g_key_file_remove_key), and the page reports what is left
   * as unknown.  Helpers for plot zoom: flx_view_plot_save_state/_load_state. */
  void (*save_state) (FlxView *self, GKeyFile *kf, const char *group);
  void (*load_state) (FlxView *self, GKeyFile *kf, const char *group, GPtrArray *problems);

  /* Optional, for views that animate (lsmo's sweep replay): replay speed, 1 = normal. */
  void   (*set_speed) (FlxView *self, double speed);
  double (*get_speed) (FlxView *self);
};

void       flx_view_update    (FlxView *self, const FlxResult *result, const double *values);
void       flx_view_set_stale (FlxView *self, gboolean stale);
/* These three do nothing for views that do not implement them. */
void       flx_view_set_pins  (FlxView *self, const FlxPin *pins, guint n);
void       flx_view_save_state (FlxView *self, GKeyFile *kf, const char *group);
void       flx_view_load_state (FlxView *self, GKeyFile *kf, const char *group,
                                GPtrArray *problems);
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
