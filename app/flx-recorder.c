/* flx-recorder.c: record, replay, scrub and export a parameter path on a model page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A presenter drags the force up once while recording; later the same ramp replays at ¼×
 * for the audience, or is scrubbed back and forth, or becomes a numbered PNG sequence for
 * a slide or a video.  The path is sample-and-hold: at any time the values of the latest
 * change before it are in force, which reproduces exactly what was dragged.  Replay goes
 * through the page like a drag (FAST runs while moving, FULL when it stops) and is one
 * undo step; the export waits for the FULL result of each frame before rendering it.
 */
#include "config.h"

#include "flx-recorder.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "flx-view-util.h"

#define MAX_SAMPLES 20000       /* ~5 minutes of dragging at display rate */
#define MAX_FRAMES  3000
#define FRAME_TIMEOUT_S 120     /* a frame whose solve never arrives ends the export */

struct _FlxRecorder
{
  GtkBox        parent_instance;

  FlxModelPage *page;           /* owns us */
  guint         n_params;
  GArray       *times;          /* s since the start of recording */
  GArray       *values;         /* n_params per sample */
  gboolean      recording;
  gboolean      applying;       /* our own change: not recorded, does not stop replay */
  gint64        t0_us;
  double        position;       /* s on the path */
  double        speed;
  guint         tick_id;
  gint64        last_frame_us;

  /* Export of frames */
  gboolean      exporting, cancel;
  GFile        *dir;
  double        fps;
  guint         frame, n_frames;
  gboolean      waiting;        /* for the FULL result of the current frame */
  gulong        paint_id;
  GdkFrameClock *clock;
  guint         timeout_id;

  GtkWidget    *record_button, *play_button, *speed_dd, *scale, *label, *export_button;
  gboolean      syncing;
};

enum { EXPORT_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (FlxRecorder, flx_recorder, GTK_TYPE_BOX)

static void next_frame (FlxRecorder *self);

static guint
n_samples (FlxRecorder *self)
{
  return self->times->len;
}

static const double *
sample_values (FlxRecorder *self, guint i)
{
  return &g_array_index (self->values, double, (gsize) i * self->n_params);
}

/* The sample in force at time t: the last one at or before t. */
static guint
sample_at (FlxRecorder *self, double t)
{
  guint lo = 0, hi = n_samples (self);

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (self->times, double, mid) <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
show_toast (FlxRecorder *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
update_ui (FlxRecorder *self)
{
  double duration = flx_recorder_get_duration (self);
  gboolean has_path = !self->recording && n_samples (self) >= 2;
  g_autofree char *text = NULL;

  self->syncing = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->record_button), self->recording);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (self->record_button, !self->exporting);
  gtk_widget_set_sensitive (self->play_button, has_path && !self->exporting);
  gtk_widget_set_sensitive (self->scale, has_path && !self->exporting);
  gtk_widget_set_sensitive (self->export_button, has_path || self->exporting);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->tick_id != 0 ? "media-playback-pause-symbolic"
                                               : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, self->tick_id != 0 ? _("Pause") : _("Replay"));
  gtk_button_set_label (GTK_BUTTON (self->export_button),
                        self->exporting ? _("Cancel Export") : _("Export Frames…"));

  if (self->recording)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recording: %u change",
                                         "Recording: %u changes", n_samples (self) - 1),
                            n_samples (self) - 1);
  else if (self->exporting)
    text = g_strdup_printf (_("Writing frame %u of %u…"), self->frame + 1, self->n_frames);
  else if (has_path)
    text = g_strdup_printf (_("%.1f s of %.1f s"), self->position, duration);
  else
    text = g_strdup (_("Record a drag to replay it, scrub it or export it as frames."));
  gtk_label_set_text (GTK_LABEL (self->label), text);

  if (has_path)
    {
      GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->scale));
      self->syncing = TRUE;
      gtk_adjustment_configure (adj, self->position, 0, duration, duration / 100,
                                duration / 10, 0);
      self->syncing = FALSE;
    }
}

/* --- recording ------------------------------------------------------------------------ */

static void
append_sample (FlxRecorder *self, double t)
{
  const double *v = flx_model_page_get_values (self->page);

  /* Changes within the same microsecond: keep the latest. */
  if (n_samples (self) > 0 && g_array_index (self->times, double, n_samples (self) - 1) >= t)
    {
      memcpy (&g_array_index (self->values, double, (gsize) (n_samples (self) - 1) * self->n_params),
              v, sizeof (double) * self->n_params);
      return;
    }
  g_array_append_val (self->times, t);
  g_array_append_vals (self->values, v, self->n_params);
}

static void
page_values_changed_cb (FlxModelPage *page, FlxRecorder *self)
{
  if (self->applying)
    return;
  if (self->tick_id != 0)
    flx_recorder_pause (self); /* the user takes over */
  if (!self->recording)
    return;
  append_sample (self, (g_get_monotonic_time () - self->t0_us) / (double) G_USEC_PER_SEC);
  if (n_samples (self) >= MAX_SAMPLES)
    {
      flx_recorder_stop (self);
      show_toast (self, _("Recording stopped: the path is full (20000 changes)"));
    }
  update_ui (self);
}

void
flx_recorder_start (FlxRecorder *self)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (self->recording || self->exporting)
    return;
  flx_recorder_pause (self);
  g_array_set_size (self->times, 0);
  g_array_set_size (self->values, 0);
  self->recording = TRUE;
  self->position = 0;
  self->t0_us = g_get_monotonic_time ();
  append_sample (self, 0);
  update_ui (self);
}

void
flx_recorder_stop (FlxRecorder *self)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (!self->recording)
    return;
  self->recording = FALSE;
  /* The last values hold until the stop, so a pause at the end of a drag is kept. */
  append_sample (self, (g_get_monotonic_time () - self->t0_us) / (double) G_USEC_PER_SEC);
  if (n_samples (self) < 2 || flx_recorder_get_duration (self) <= 0)
    {
      g_array_set_size (self->times, 0);
      g_array_set_size (self->values, 0);
    }
  self->position = flx_recorder_get_duration (self);
  update_ui (self);
}

gboolean
flx_recorder_is_recording (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), FALSE);
  return self->recording;
}

guint
flx_recorder_get_n_samples (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), 0);
  return n_samples (self);
}

double
flx_recorder_get_duration (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), 0);
  return n_samples (self) > 0 ? g_array_index (self->times, double, n_samples (self) - 1) : 0;
}

double
flx_recorder_get_sample_time (FlxRecorder *self, guint i)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), 0);
  g_return_val_if_fail (i < n_samples (self), 0);
  return g_array_index (self->times, double, i);
}

/* --- replay --------------------------------------------------------------------------- */

static void
apply_at (FlxRecorder *self, double t)
{
  self->applying = TRUE;
  flx_model_page_play_values (self->page, sample_values (self, sample_at (self, t)));
  self->applying = FALSE;
}

void
flx_recorder_seek (FlxRecorder *self, double t)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (self->recording || n_samples (self) < 2)
    return;
  self->position = CLAMP (t, 0, flx_recorder_get_duration (self));
  apply_at (self, self->position);
  update_ui (self);
}

double
flx_recorder_get_position (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), 0);
  return self->position;
}

void
flx_recorder_set_speed (FlxRecorder *self, double speed)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  g_return_if_fail (speed > 0);
  flx_view_speed_set (self->speed_dd, speed); /* shows the nearest it offers */
  self->speed = speed;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  FlxRecorder *self = FLX_RECORDER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_us != 0)
    self->position += (now - self->last_frame_us) * self->speed / G_USEC_PER_SEC;
  self->last_frame_us = now;
  if (self->position >= flx_recorder_get_duration (self))
    {
      self->position = flx_recorder_get_duration (self);
      self->tick_id = 0;
      apply_at (self, self->position);
      update_ui (self);
      return G_SOURCE_REMOVE;
    }
  apply_at (self, self->position);
  update_ui (self);
  return G_SOURCE_CONTINUE;
}

void
flx_recorder_play (FlxRecorder *self)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (self->recording || self->exporting || self->tick_id != 0 || n_samples (self) < 2)
    return;
  if (self->position >= flx_recorder_get_duration (self))
    self->position = 0;
  self->last_frame_us = 0;
  apply_at (self, self->position);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  update_ui (self);
}

void
flx_recorder_pause (FlxRecorder *self)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (self->tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  update_ui (self);
}

gboolean
flx_recorder_is_playing (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), FALSE);
  return self->tick_id != 0;
}

/* --- export of frames ----------------------------------------------------------------- */

static void
finish_export (FlxRecorder *self, const char *error)
{
  guint written = self->frame;

  if (self->paint_id != 0)
    g_signal_handler_disconnect (self->clock, self->paint_id);
  self->paint_id = 0;
  g_clear_object (&self->clock);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->dir);
  self->exporting = self->waiting = FALSE;
  update_ui (self);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Frames not exported: %s"), error);
      show_toast (self, text);
    }
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u frame",
                                      "Exported %u frames", written), written);
      show_toast (self, text);
    }
  g_signal_emit (self, signals[EXPORT_FINISHED], 0, written, error);
}

/* Renders the page's result area as it is on screen, over the window background. */
static GdkTexture *
render_results (FlxRecorder *self)
{
  GtkWidget *target = flx_model_page_get_results (self->page);
  int w = gtk_widget_get_width (target), h = gtk_widget_get_height (target);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (target);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA bg;

  gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa"); /* libadwaita's window colours */
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (target)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static gboolean
capture_idle_cb (gpointer data)
{
  FlxRecorder *self = data;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *name = NULL, *path = NULL, *tmp = NULL, *dir = NULL;

  if (!self->exporting)
    return G_SOURCE_REMOVE;
  texture = render_results (self);
  dir = g_file_get_path (self->dir);
  name = g_strdup_printf ("flexolab-%s-%04u.png", flx_model_page_get_model (self->page)->id,
                          self->frame + 1);
  path = g_build_filename (dir, name, NULL);
  tmp = g_strconcat (path, ".part", NULL);
  if (texture == NULL || !gdk_texture_save_to_png (texture, tmp) || g_rename (tmp, path) != 0)
    {
      int err = errno;
      g_autofree char *msg = g_strdup_printf (_("could not write “%s”: %s"), path,
                                              texture == NULL ? _("nothing was drawn")
                                                              : g_strerror (err));
      g_unlink (tmp);
      finish_export (self, msg);
      return G_SOURCE_REMOVE;
    }
  self->frame++;
  next_frame (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock, FlxRecorder *self)
{
  g_signal_handler_disconnect (clock, self->paint_id);
  self->paint_id = 0;
  g_clear_object (&self->clock);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, capture_idle_cb, self, NULL);
}

/* The result for this frame is on screen: render it once it has been painted. */
static void
schedule_capture (FlxRecorder *self)
{
  GtkWidget *target = flx_model_page_get_results (self->page);

  self->waiting = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!gtk_widget_get_mapped (target))
    {
      finish_export (self, _("the page must stay visible while its frames are written"));
      return;
    }
  self->clock = g_object_ref (gtk_widget_get_frame_clock (target));
  self->paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (target);
}

static gboolean
is_full_result_for_page (FlxRecorder *self, FlxJobOutcome *outcome)
{
  return outcome != NULL && outcome->status == FLX_OK && outcome->quality == FLX_QUALITY_FULL &&
         memcmp (outcome->values, flx_model_page_get_values (self->page),
                 sizeof (double) * self->n_params) == 0;
}

static void
page_result_shown_cb (FlxModelPage *page, FlxJobOutcome *outcome, FlxRecorder *self)
{
  if (self->exporting && self->waiting && is_full_result_for_page (self, outcome))
    schedule_capture (self);
}

static gboolean
frame_timeout_cb (gpointer data)
{
  FlxRecorder *self = data;

  self->timeout_id = 0;
  finish_export (self, _("the solve of a frame did not finish"));
  return G_SOURCE_REMOVE;
}

static void
next_frame (FlxRecorder *self)
{
  if (self->cancel || self->frame >= self->n_frames)
    {
      finish_export (self, self->cancel ? _("cancelled") : NULL);
      return;
    }
  /* The last frame shows the end of the path (the final values), even when the duration
   * is not a whole number of frame intervals. */
  self->position = self->frame + 1 >= self->n_frames
                     ? flx_recorder_get_duration (self)
                     : MIN (self->frame / self->fps, flx_recorder_get_duration (self));
  update_ui (self);
  self->waiting = TRUE;
  apply_at (self, self->position);
  /* Same values as the frame before, already refined: nothing new will arrive. */
  if (is_full_result_for_page (self, flx_model_page_get_outcome (self->page)) &&
      !flx_job_runner_get_busy (flx_model_page_get_runner (self->page)))
    schedule_capture (self);
  else
    self->timeout_id = g_timeout_add_seconds (FRAME_TIMEOUT_S, frame_timeout_cb, self);
}

gboolean
flx_recorder_export_frames (FlxRecorder *self, GFile *dir, double fps, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (FLX_IS_RECORDER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  if (self->exporting || self->recording || n_samples (self) < 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           self->exporting ? _("Frames are being exported already")
                                           : _("Record a parameter path first"));
      return FALSE;
    }
  if (!(fps > 0 && fps <= 120))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Frame rate %g is outside 0 to 120 frames per second"), fps);
      return FALSE;
    }
  path = g_file_get_path (dir);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("“%s” is not a local folder"), path != NULL ? path : "?");
      return FALSE;
    }
  flx_recorder_pause (self);
  self->dir = g_object_ref (dir);
  self->fps = fps;
  self->frame = 0;
  self->n_frames = MIN ((guint) (flx_recorder_get_duration (self) * fps) + 1, MAX_FRAMES);
  self->exporting = TRUE;
  self->cancel = FALSE;
  next_frame (self);
  return TRUE;
}

void
flx_recorder_cancel_export (FlxRecorder *self)
{
  g_return_if_fail (FLX_IS_RECORDER (self));
  if (!self->exporting)
    return;
  self->cancel = TRUE;
  if (self->waiting) /* nothing in flight to finish */
    finish_export (self, _("cancelled"));
}

gboolean
flx_recorder_is_exporting (FlxRecorder *self)
{
  g_return_val_if_fail (FLX_IS_RECORDER (self), FALSE);
  return self->exporting;
}

/* --- widgets -------------------------------------------------------------------------- */

static void
record_toggled_cb (GtkToggleButton *button, FlxRecorder *self)
{
  if (self->syncing)
    return;
  if (gtk_toggle_button_get_active (button))
    flx_recorder_start (self);
  else
    flx_recorder_stop (self);
}

static void
play_clicked_cb (GtkButton *button, FlxRecorder *self)
{
  if (self->tick_id != 0)
    flx_recorder_pause (self);
  else
    flx_recorder_play (self);
}

static void
speed_changed_cb (GtkDropDown *dd, GParamSpec *pspec, FlxRecorder *self)
{
  self->speed = flx_view_speed_get (GTK_WIDGET (dd));
}

static void
scale_changed_cb (GtkRange *range, FlxRecorder *self)
{
  if (self->syncing)
    return;
  flx_recorder_pause (self);
  flx_recorder_seek (self, gtk_range_get_value (range));
}

static void
folder_response_cb (GtkNativeDialog *dialog, int response, FlxRecorder *self)
{
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    dir = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (dir != NULL && !flx_recorder_export_frames (self, dir, 10, &error))
    show_toast (self, error->message);
  g_object_unref (self);
}

static void
export_clicked_cb (GtkButton *button, FlxRecorder *self)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->exporting)
    {
      flx_recorder_cancel_export (self);
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Frames to Folder"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (folder_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
flx_recorder_dispose (GObject *object)
{
  FlxRecorder *self = FLX_RECORDER (object);

  if (self->exporting)
    {
      self->cancel = TRUE;
      finish_export (self, _("cancelled"));
    }
  flx_recorder_pause (self);
  G_OBJECT_CLASS (flx_recorder_parent_class)->dispose (object);
}

static void
flx_recorder_finalize (GObject *object)
{
  FlxRecorder *self = FLX_RECORDER (object);

  g_array_unref (self->times);
  g_array_unref (self->values);
  G_OBJECT_CLASS (flx_recorder_parent_class)->finalize (object);
}

static void
flx_recorder_class_init (FlxRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flx_recorder_dispose;
  object_class->finalize = flx_recorder_finalize;
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
flx_recorder_init (FlxRecorder *self)
{
  GtkWidget *title, *bar, *spacer;

  self->times = g_array_new (FALSE, FALSE, sizeof (double));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->speed = 1;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  title = gtk_label_new (_("Parameter Path"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (self), title);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->record_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->record_button), "media-record-symbolic");
  gtk_widget_set_tooltip_text (self->record_button, _("Record Parameter Changes"));
  g_signal_connect (self->record_button, "toggled", G_CALLBACK (record_toggled_cb), self);
  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  g_signal_connect (self->play_button, "clicked", G_CALLBACK (play_clicked_cb), self);
  self->speed_dd = flx_view_speed_new ();
  g_signal_connect (self->speed_dd, "notify::selected", G_CALLBACK (speed_changed_cb), self);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  self->export_button = gtk_button_new_with_label (_("Export Frames…"));
  gtk_widget_set_tooltip_text (self->export_button,
                               _("Write the replay as numbered PNG images, 10 per second"));
  g_signal_connect (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), self->record_button);
  gtk_box_append (GTK_BOX (bar), self->play_button);
  gtk_box_append (GTK_BOX (bar), self->speed_dd);
  gtk_box_append (GTK_BOX (bar), spacer);
  gtk_box_append (GTK_BOX (bar), self->export_button);
  gtk_box_append (GTK_BOX (self), bar);

  self->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 0.01);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Position on the Path"), -1);
  g_signal_connect (self->scale, "value-changed", G_CALLBACK (scale_changed_cb), self);
  gtk_box_append (GTK_BOX (self), self->scale);

  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_box_append (GTK_BOX (self), self->label);
}

GtkWidget *
flx_recorder_new (FlxModelPage *page)
{
  FlxRecorder *self;

  g_return_val_if_fail (FLX_IS_MODEL_PAGE (page), NULL);
  self = g_object_new (FLX_TYPE_RECORDER, NULL);
  self->page = page;
  self->n_params = (guint) flx_model_page_get_model (page)->n_params;
  g_signal_connect_object (page, "values-changed", G_CALLBACK (page_values_changed_cb), self, 0);
  g_signal_connect_object (page, "result-shown", G_CALLBACK (page_result_shown_cb), self, 0);
  update_ui (self);
  return GTK_WIDGET (self);
}
