/* flx-autosave.h: autosave of the window's session and recovery after a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "flx-window.h"

G_BEGIN_DECLS

#define FLX_TYPE_AUTOSAVE (flx_autosave_get_type ())
G_DECLARE_FINAL_TYPE (FlxAutosave, flx_autosave, FLX, AUTOSAVE, GObject)

/* Autosaves `window`'s session to `dir`/autosave.flexolab, `interval_s` seconds after a
 * change (0: only flx_autosave_save_now()).  Takes the lock `dir`/running (holding this
 * process's PID); if another live instance holds it, this one stays passive and writes
 * nothing.  If an autosave from a run that did not quit cleanly is there, asks the user
 * whether to restore it.  Disposing it is the clean end: the autosave and the lock go. */
FlxAutosave *flx_autosave_new (FlxWindow *window, const char *dir, guint interval_s);
/* FALSE when another instance owns the folder (or it could not be used). */
gboolean     flx_autosave_is_active (FlxAutosave *self);
/* TRUE while the user has not answered the restore question. */
gboolean     flx_autosave_get_recovery_pending (FlxAutosave *self);
const char  *flx_autosave_get_path (FlxAutosave *self);
/* Writes the session now if it differs from what was last written (atomically).  TRUE
 * when the file is up to date afterwards, or nothing is to be written (passive, or a
 * recovery is pending and its file must not be overwritten). */
gboolean     flx_autosave_save_now (FlxAutosave *self, GError **error);
/* Answers the restore question: load the autosave into the window, or delete it. */
void         flx_autosave_recover (FlxAutosave *self, gboolean restore);

G_END_DECLS
