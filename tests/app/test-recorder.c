/* test-recorder.c: a recorded parameter path replays the values in force at each instant,
 * scrubbing and replay are one undo step, replay stops by itself and when the user takes
 * over, and the frame export writes one PNG per frame with the refined result of that
 * frame's values.  Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "flx-recorder.h"
#include "flx-window.h"

static void
wait_ms (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static double
force (FlxModelPage *page)
{
  const FlxModel *m = flx_model_page_get_model (page);
  return flx_model_page_get_values (page)[flx_model_find_param (m, "force")];
}

static void
export_finished_cb (FlxRecorder *rec, guint frames, const char *error, gpointer data)
{
  int *done = data;
  *done = error == NULL ? (int) frames : -1;
}

static void
test_recorder (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page;
  FlxRecorder *rec;
  double f0, duration;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GFile) dir_file = NULL;
  g_autoptr (GFile) missing = NULL;
  GdkTexture *first = NULL, *last = NULL;
  int done = 0;
  guint n_frames;

  gtk_window_set_default_size (GTK_WINDOW (win), 1400, 900);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "cfr"));
  page = flx_window_get_page (win, "cfr");
  rec = FLX_RECORDER (flx_model_page_get_recorder (page));
  g_assert_nonnull (rec);
  wait_ms (300);
  f0 = force (page);

  /* Record: three force changes 150 ms apart, then a hold until stop. */
  flx_recorder_start (rec);
  g_assert_true (flx_recorder_is_recording (rec));
  wait_ms (150);
  flx_model_page_set_value (page, "force", 5e-6);
  wait_ms (150);
  flx_model_page_set_value (page, "force", 10e-6);
  wait_ms (150);
  flx_model_page_set_value (page, "force", 20e-6);
  wait_ms (150);
  flx_recorder_stop (rec);
  g_assert_false (flx_recorder_is_recording (rec));
  g_assert_cmpuint (flx_recorder_get_n_samples (rec), ==, 5); /* start, 3 changes, stop */
  duration = flx_recorder_get_duration (rec);
  g_assert_cmpfloat (duration, >=, 0.6);
  g_assert_cmpfloat (duration, <, 5);

  /* Scrub: sample and hold. Samples 1-3 are the three changes, in order and apart. */
  for (guint i = 1; i < 5; i++)
    g_assert_cmpfloat (flx_recorder_get_sample_time (rec, i), >,
                       flx_recorder_get_sample_time (rec, i - 1) + 0.1);
  flx_recorder_seek (rec, 0);
  g_assert_cmpfloat (force (page), ==, f0);
  flx_recorder_seek (rec, flx_recorder_get_sample_time (rec, 1) - 0.01);
  g_assert_cmpfloat (force (page), ==, f0);
  flx_recorder_seek (rec, flx_recorder_get_sample_time (rec, 1));
  g_assert_cmpfloat (force (page), ==, 5e-6);
  flx_recorder_seek (rec, 0.5 * (flx_recorder_get_sample_time (rec, 2) +
                                 flx_recorder_get_sample_time (rec, 3)));
  g_assert_cmpfloat (force (page), ==, 10e-6);
  flx_recorder_seek (rec, duration);
  g_assert_cmpfloat (force (page), ==, 20e-6);
  flx_recorder_seek (rec, 0);
  /* The scrubbing was one undo step: undo returns to the values before it (20 µN). */
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (force (page), ==, 20e-6);

  /* Replay at 4×: ends by itself at the last values and stops its tick. */
  flx_recorder_set_speed (rec, 4);
  flx_recorder_seek (rec, 0);
  flx_recorder_play (rec);
  g_assert_true (flx_recorder_is_playing (rec));
  wait_ms ((int) (duration / 4 * 1000) + 1500);
  g_assert_false (flx_recorder_is_playing (rec));
  g_assert_cmpfloat (force (page), ==, 20e-6);
  g_assert_cmpfloat (flx_recorder_get_position (rec), ==, duration);

  /* A change by the user during replay stops the replay. */
  flx_recorder_set_speed (rec, 0.25);
  flx_recorder_play (rec);
  wait_ms (50);
  g_assert_true (flx_recorder_is_playing (rec));
  flx_model_page_set_value (page, "force", 12e-6);
  g_assert_false (flx_recorder_is_playing (rec));

  /* Export: refused for a bad frame rate or a folder that does not exist. */
  dir = g_dir_make_tmp ("flexolab-frames-XXXXXX", NULL);
  dir_file = g_file_new_for_path (dir);
  g_assert_false (flx_recorder_export_frames (rec, dir_file, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  missing = g_file_get_child (dir_file, "nosuch");
  g_assert_false (flx_recorder_export_frames (rec, missing, 10, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  g_signal_connect (rec, "export-finished", G_CALLBACK (export_finished_cb), &done);
  g_assert_true (flx_recorder_export_frames (rec, dir_file, 5, &error));
  g_assert_no_error (error);
  g_assert_false (flx_recorder_export_frames (rec, dir_file, 5, NULL)); /* one at a time */
  n_frames = (guint) (duration * 5) + 1;
  for (int i = 0; i < 1200 && done == 0; i++)
    wait_ms (100);
  g_assert_cmpint (done, ==, (int) n_frames);
  g_assert_false (flx_recorder_is_exporting (rec));

  for (guint k = 1; k <= n_frames; k++)
    {
      g_autofree char *name = g_strdup_printf ("flexolab-cfr-%04u.png", k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *part = g_strconcat (path, ".part", NULL);
      GdkTexture *t = gdk_texture_new_from_filename (path, &error);

      g_assert_no_error (error);
      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
      g_assert_cmpint (gdk_texture_get_width (t), ==,
                       gtk_widget_get_width (flx_model_page_get_results (page)));
      if (k == 1)
        first = t;
      else if (k == n_frames)
        last = t;
      else
        g_object_unref (t);
      g_unlink (path);
    }
  /* Frame 1 shows the default force, the last one 20 µN: the pictures differ. */
  {
    int w = gdk_texture_get_width (first), h = gdk_texture_get_height (first);
    g_autofree guchar *a = g_malloc ((gsize) w * h * 4);
    g_autofree guchar *b = g_malloc ((gsize) w * h * 4);

    g_assert_cmpint (gdk_texture_get_height (last), ==, h);
    gdk_texture_download (first, a, (gsize) w * 4);
    gdk_texture_download (last, b, (gsize) w * 4);
    g_assert_true (memcmp (a, b, (gsize) w * h * 4) != 0);
  }
  g_assert_cmpfloat (force (page), ==, 20e-6);
  g_object_unref (first);
  g_object_unref (last);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (win));
  wait_ms (100);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/recorder/record-replay-export", test_recorder);
  return g_test_run ();
}
