/* flx-model-page.h: one page per model: controls built from the registry, results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "flx-job-runner.h"
#include "flx-model.h"
#include "flx-view.h"

G_BEGIN_DECLS

#define FLX_TYPE_MODEL_PAGE (flx_model_page_get_type ())
G_DECLARE_FINAL_TYPE (FlxModelPage, flx_model_page, FLX, MODEL_PAGE, AdwBin)

FlxModelPage   *flx_model_page_new (const FlxModel *model);
const FlxModel *flx_model_page_get_model (FlxModelPage *self);

/* Current parameter values (SI, table order); owned by the page. */
const double   *flx_model_page_get_values (FlxModelPage *self);
/* Sets one parameter (SI) as if the user had moved its control. FALSE if out of range. */
gboolean        flx_model_page_set_value (FlxModelPage *self, const char *name, double value);
/* Sets every parameter at once (n_params values, SI, table order) as one change: one run,
 * one undo step; the model's preset hook is not applied, so the values are taken as given.
 * FALSE, and nothing changes, if any value is out of range. */
gboolean        flx_model_page_set_values (FlxModelPage *self, const double *values);
/* Like set_values, for a replayed path: changes less than 0.5 s apart are one undo step. */
gboolean        flx_model_page_play_values (FlxModelPage *self, const double *values);
/* Back to every default; undoable. */
void            flx_model_page_reset (FlxModelPage *self);

/* Per-page undo of parameter changes: up to 100 steps; a drag of one control (changes less
 * than 0.5 s apart) is one step, as are a reset and a loaded session.  undo/redo return
 * FALSE when there is nothing to do.  Properties "can-undo" and "can-redo" notify. */
gboolean        flx_model_page_undo (FlxModelPage *self);
gboolean        flx_model_page_redo (FlxModelPage *self);
gboolean        flx_model_page_can_undo (FlxModelPage *self);
gboolean        flx_model_page_can_redo (FlxModelPage *self);
/* The latest outcome shown, or NULL. */
FlxJobOutcome  *flx_model_page_get_outcome (FlxModelPage *self);
FlxJobRunner   *flx_model_page_get_runner (FlxModelPage *self);
/* The parameter panel and the result area, for the tour to point at. */
GtkWidget      *flx_model_page_get_controls (FlxModelPage *self);
GtkWidget      *flx_model_page_get_results (FlxModelPage *self);
/* The parameter-path recorder (FlxRecorder) under the controls; NULL without a solver. */
GtkWidget      *flx_model_page_get_recorder (FlxModelPage *self);
/* The result view and the flap holding the controls (presentation mode folds it away). */
FlxView        *flx_model_page_get_view (FlxModelPage *self);
AdwFlap        *flx_model_page_get_flap (FlxModelPage *self);

/* Compare runs: pin the result on screen (FALSE when there is none yet); a pin beyond
 * FLX_MAX_PINS replaces the oldest, with a toast.  Pins are overlaid on the view's plots,
 * labelled with the parameters that differ from the run on screen, and kept across
 * results until cleared.  get_pin: oldest first, owned by the page. */
gboolean        flx_model_page_pin (FlxModelPage *self);
void            flx_model_page_clear_pins (FlxModelPage *self);
guint           flx_model_page_get_n_pins (FlxModelPage *self);
const FlxPin   *flx_model_page_get_pin (FlxModelPage *self, guint index);
/* Replaces the pins by runs with these values (n <= FLX_MAX_PINS, oldest first; each
 * copied): the pins are cleared at once and each run is pinned when its FULL result
 * arrives, in order, from a job runner of their own.  A later restore, clearing the pins
 * or closing the page stops it.  Runs that fail are skipped. */
void            flx_model_page_restore_pins (FlxModelPage *self, const double *const *values,
                                             guint n);
/* TRUE while restore_pins is still computing. */
gboolean        flx_model_page_get_restoring_pins (FlxModelPage *self);

/* The view's settings in a session file's view group (docs/session-format.md); loading
 * appends a sentence per unusable or unknown key to problems and removes what it read
 * from kf. */
void            flx_model_page_save_view_state (FlxModelPage *self, GKeyFile *kf,
                                                const char *group);
void            flx_model_page_load_view_state (FlxModelPage *self, GKeyFile *kf,
                                                const char *group, GPtrArray *problems);

/* Signals: "result-shown" (FlxJobOutcome *) after a new result is shown;
 * "values-changed" whenever the parameter values change (a run is queued). */

G_END_DECLS
