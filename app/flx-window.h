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
/* Opens the guide of the visible page (F1). */
GtkWindow    *flx_window_show_guide (FlxWindow *self);
/* The introductory tour (main menu, or once on the first start: see
 * flx_window_maybe_start_tour); ending it in any way sets the "tour-shown" key. */
gboolean      flx_window_start_tour (FlxWindow *self);
void          flx_window_maybe_start_tour (FlxWindow *self);
gboolean      flx_window_tour_active (FlxWindow *self);
void          flx_window_tour_next (FlxWindow *self);

/* Loads a session file (local path or resource:// URI) into the pages and tells the user
 * how it went in a toast.  FALSE with `error` set when the file was refused and nothing
 * changed; TRUE when it loaded, possibly with problems (listed in the toast's details). */
gboolean      flx_window_open_session (FlxWindow *self, GFile *file, GError **error);
/* Saves the visible model and every page's values atomically. */
gboolean      flx_window_save_session (FlxWindow *self, GFile *file, GError **error);
/* The problems of the last session opened (NULL-terminated, owned by the window), or NULL
 * when it loaded cleanly. */
const char *const *flx_window_get_session_problems (FlxWindow *self);

/* Autosaves the session into `dir` every "autosave-interval" seconds after a change and
 * offers to restore a crashed run's autosave (flx-autosave.h); the application's window
 * only.  get returns NULL until enabled. */
typedef struct _FlxAutosave FlxAutosave;
void          flx_window_enable_autosave (FlxWindow *self, const char *dir);
FlxAutosave  *flx_window_get_autosave (FlxWindow *self);

G_END_DECLS
