/* flx-recorder.h: record a parameter path on a model page (a force ramp dragged live),
 * replay it at a chosen speed, scrub it like a timeline, export it as numbered PNG frames.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "flx-model-page.h"

G_BEGIN_DECLS

#define FLX_TYPE_RECORDER (flx_recorder_get_type ())
G_DECLARE_FINAL_TYPE (FlxRecorder, flx_recorder, FLX, RECORDER, GtkBox)

/* The recorder follows `page` (not a reference: the page owns the recorder). */
GtkWidget *flx_recorder_new (FlxModelPage *page);

/* Recording: every parameter change on the page between start and stop, with its time. */
void       flx_recorder_start (FlxRecorder *self);
void       flx_recorder_stop (FlxRecorder *self);
gboolean   flx_recorder_is_recording (FlxRecorder *self);
guint      flx_recorder_get_n_samples (FlxRecorder *self);
double     flx_recorder_get_duration (FlxRecorder *self); /* s */
double     flx_recorder_get_sample_time (FlxRecorder *self, guint i); /* s */

/* Replay: the values in force at path time t (sample and hold) are set on the page. */
void       flx_recorder_seek (FlxRecorder *self, double t);
double     flx_recorder_get_position (FlxRecorder *self);
void       flx_recorder_set_speed (FlxRecorder *self, double speed);
void       flx_recorder_play (FlxRecorder *self);
void       flx_recorder_pause (FlxRecorder *self);
gboolean   flx_recorder_is_playing (FlxRecorder *self);

/* Writes `fps` frames per second of path time, each showing the refined (full-quality)
 * result for the values of that instant, as DIR/flexolab-MODEL-0001.png …; each file is
 * written to a temporary name and renamed.  Asynchronous: "export-finished" (guint frames
 * written, const char *error or NULL) is emitted at the end; cancel stops after the frame
 * being written.  FALSE (and error set) if there is no path or an export is running. */
gboolean   flx_recorder_export_frames (FlxRecorder *self, GFile *dir, double fps, GError **error);
void       flx_recorder_cancel_export (FlxRecorder *self);
gboolean   flx_recorder_is_exporting (FlxRecorder *self);

G_END_DECLS
