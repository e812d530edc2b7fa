/* flx-session.h: session files (.flexolab): the visible model and every model's parameter
 * values, as a versioned GKeyFile.  The format is described in docs/session-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This part knows no widgets: it turns files into checked value vectors and back, so the
 * format and its error cases are tested without a display.  The window applies a loaded
 * session to its pages.
 */
#pragma once

#include <gio/gio.h>

#include "flx-model.h"

G_BEGIN_DECLS

/* The format this build writes: major.minor.  A different major is refused; a newer minor
 * of the same major loads, with its unknown keys reported. */
#define FLX_SESSION_VERSION_MAJOR 1
#define FLX_SESSION_VERSION_MINOR 2 /* 1.1 added the view groups, 1.2 pinned runs */

/* Pinned runs per model page: FLX_MAX_PINS of flx-view.h (this part knows no widgets). */
#define FLX_SESSION_MAX_PINS 4

#define FLX_SESSION_ERROR (flx_session_error_quark ())

typedef enum {
  FLX_SESSION_ERROR_FORMAT,  /* not a key file, or no [flexolab] group */
  FLX_SESSION_ERROR_VERSION, /* missing, malformed or unknown major version */
  FLX_SESSION_ERROR_EMPTY,   /* no model in the file could be used */
} FlxSessionError;

/* One model's values as loaded: every parameter has a value, from the file when it was
 * valid there, else the model's default (and a problem says so). */
typedef struct {
  const FlxModel *model;
  double         *values; /* n_params, SI, table order */
  guint           pin;    /* a [pin:MODEL:N] group: N (1 = oldest); 0 for [MODEL] */
} FlxSessionModel;

typedef struct {
  char      *visible_model; /* a registered model id, or NULL */
  /* [preset] group: NULL when absent */
  char      *title, *figure, *paper, *caption;
  GPtrArray *models;   /* FlxSessionModel *, in file order */
  GPtrArray *problems; /* char *: one translated sentence per key that was not used */
  /* View settings (format 1.1): the [view:MODEL] groups as read, values unchecked (each
   * page's view checks its own keys when the window applies them); NULL when the file
   * has no [view] or [view:MODEL] group, so the views stay as they are. */
  GKeyFile  *view_state;
  int        large_text; /* [view] large-text: 1 or 0; -1 when absent or unusable */
  /* Pinned runs (format 1.2): the [pin:MODEL:N] groups that loaded (every value valid),
   * FlxSessionModel *, by model (registry order), then N.  pin_state: the file is 1.2 or
   * newer, so the page of each [MODEL] group takes the file's pins (none: cleared); an
   * older file leaves pins as they are. */
  GPtrArray *pins;
  gboolean   pin_state;
} FlxSession;

/* "pin:cfr:2": the group of a model page's second-oldest pinned run (1 <= n <= 4). */
char       *flx_session_pin_group (const char *model_id, guint n);

/* [view]: window-wide view settings (large-text). */
#define FLX_SESSION_VIEW_GROUP "view"
/* "view:cfr": the group of a model page's view settings. */
char       *flx_session_view_group (const char *model_id);

GQuark      flx_session_error_quark (void);

/* Parses a session.  Returns NULL with `error` set only when nothing can be used (see
 * FlxSessionError); otherwise every valid value is in the session and the rest is listed
 * in problems.  `name` names the source in messages (a file's basename); may be NULL. */
FlxSession *flx_session_parse (const char *data, gsize length, const char *name,
                              GError **error);
/* Loads a local file or a resource:// URI. */
FlxSession *flx_session_load (GFile *file, GError **error);
void        flx_session_free (FlxSession *session);
/* The values loaded for model `id`, or NULL when the file had none for it. */
const double *flx_session_get_values (const FlxSession *session, const char *id);

/* Writes a session: `visible_model` may be NULL; models[i] with values[i] (n models).
 * Values are written as exact SI numbers with their unit, each with a comment giving the
 * display value and the allowed range.  Returned string is owned by the caller. */
char       *flx_session_to_data (const char *visible_model, const FlxModel *const *models,
                                 const double *const *values, gsize n);
/* Saves atomically: a temporary file in the same folder, then a rename, so a failed save
 * leaves any previous file untouched. */
gboolean    flx_session_save (const char *path, const char *visible_model,
                              const FlxModel *const *models, const double *const *values,
                              gsize n, GError **error);
/* The same with pinned runs and view settings: `pins` (FlxSessionModel *, pin = N, may be
 * NULL) become [pin:MODEL:N] groups after the models, then the groups of `view_state`
 * (may be NULL; normally [view] with large-text and [view:MODEL] groups filled by the
 * pages). */
char       *flx_session_to_data_full (const char *visible_model, const FlxModel *const *models,
                                      const double *const *values, gsize n, GPtrArray *pins,
                                      GKeyFile *view_state);
gboolean    flx_session_save_full (const char *path, const char *visible_model,
                                   const FlxModel *const *models, const double *const *values,
                                   gsize n, GPtrArray *pins, GKeyFile *view_state,
                                   GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlxSession, flx_session_free)

G_END_DECLS
