/* test-autosave.c: autosave and crash recovery (app/flx-autosave.c): a change is written
 * atomically and only when something changed, by the timer too; a clean end removes the
 * files; a crashed run's autosave (lock file with a dead PID) is offered and restored or
 * discarded; a second instance leaves the first one's files alone.  Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flx-autosave.h"
#include "flx-session.h"
#include "flx-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
page_value (FlxWindow *win, const char *model, const char *param)
{
  FlxModelPage *page = flx_window_get_page (win, model);
  int i = flx_model_find_param (flx_model_page_get_model (page), param);

  g_assert_cmpint (i, >=, 0);
  return flx_model_page_get_values (page)[i];
}

static double
default_of (const char *model, const char *param)
{
  const FlxModel *m = flx_model_find (model);
  return m->params[flx_model_find_param (m, param)].def;
}

static FlxWindow *
new_window (void)
{
  FlxWindow *win = flx_window_new (NULL);

  gtk_window_present (GTK_WINDOW (win));
  drain ();
  return win;
}

static char *
file_text (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) ? text : NULL;
}

static gboolean
file_exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The autosave as the loader reads it: force (cfr) in N. */
static double
saved_force (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "autosave.flexolab", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (FlxSession) s = flx_session_load (file, &error);
  const FlxModel *m = flx_model_find ("cfr");

  g_assert_no_error (error);
  g_assert_nonnull (flx_session_get_values (s, "cfr"));
  return flx_session_get_values (s, "cfr")[flx_model_find_param (m, "force")];
}

static void
remove_dir (char *dir)
{
  g_assert_cmpint (g_rmdir (dir), ==, 0); /* fails if anything was left behind */
  g_free (dir);
}

static void
test_save_and_clean_quit (void)
{
  char *dir = g_dir_make_tmp ("flx-autosave-XXXXXX", NULL);
  FlxWindow *win = new_window ();
  FlxAutosave *as;
  g_autofree char *lock = NULL;
  g_autofree char *pid = g_strdup_printf ("%ld\n", (long) getpid ());
  g_autofree char *path = g_build_filename (dir, "autosave.flexolab", NULL);

  flx_window_enable_autosave (win, dir);
  as = flx_window_get_autosave (win);
  g_assert_true (flx_autosave_is_active (as));
  g_assert_false (flx_autosave_get_recovery_pending (as));
  g_assert_cmpstr (flx_autosave_get_path (as), ==, path);
  lock = file_text (dir, "running");
  g_assert_cmpstr (lock, ==, pid);

  /* Nothing changed yet: nothing to write. */
  g_assert_true (flx_autosave_save_now (as, NULL));
  g_assert_false (file_exists (dir, "autosave.flexolab"));

  /* A change is written, through the session writer (no temporary file left over). */
  g_assert_true (flx_model_page_set_value (flx_window_get_page (win, "cfr"), "force", 7e-6));
  g_assert_true (flx_autosave_save_now (as, NULL));
  g_assert_cmpfloat (saved_force (dir), ==, 7e-6);

  /* Unchanged since: the file is not rewritten (a marker text would be overwritten). */
  g_assert_true (g_file_set_contents (path, "untouched", -1, NULL));
  g_assert_true (flx_autosave_save_now (as, NULL));
  {
    g_autofree char *text = file_text (dir, "autosave.flexolab");
    g_assert_cmpstr (text, ==, "untouched");
  }

  /* The clean end (the window goes away) removes the autosave and the lock. */
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_false (file_exists (dir, "autosave.flexolab"));
  g_assert_false (file_exists (dir, "running"));
  remove_dir (dir);
}

/* The timer path: "autosave-interval" seconds after a change, without any explicit call. */
static void
test_timer (void)
{
  char *dir = g_dir_make_tmp ("flx-autosave-XXXXXX", NULL);
  g_autoptr (GSettings) settings = g_settings_new ("io.github.flexolab.Flexolab");
  FlxWindow *win;
  gint64 t0, deadline;
  double waited;

  g_settings_set_uint (settings, "autosave-interval", 1);
  win = new_window ();
  flx_window_enable_autosave (win, dir);
  g_assert_true (flx_model_page_set_value (flx_window_get_page (win, "cfr"), "force", 3e-6));
  t0 = g_get_monotonic_time ();
  deadline = t0 + 10 * G_USEC_PER_SEC;
  while (!file_exists (dir, "autosave.flexolab") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  waited = (g_get_monotonic_time () - t0) / 1e6;
  g_test_message ("autosave written %.2f s after the change (interval 1 s)", waited);
  g_assert_true (file_exists (dir, "autosave.flexolab"));
  g_assert_cmpfloat (saved_force (dir), ==, 3e-6);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_settings_reset (settings, "autosave-interval");
  g_assert_false (file_exists (dir, "autosave.flexolab"));
  remove_dir (dir);
}

/* A crashed run: its lock file names a process that no longer exists, and its autosave
 * (cfr force 9 µN, the lsmo page visible) is still there. */
static char *
make_crashed_run (void)
{
  char *dir = g_dir_make_tmp ("flx-autosave-XXXXXX", NULL);
  g_autofree char *lock = g_build_filename (dir, "running", NULL);
  g_autofree char *save = g_build_filename (dir, "autosave.flexolab", NULL);
  g_autofree char *pid_text = NULL;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid); /* reaped: the PID is dead */
  pid_text = g_strdup_printf ("%ld\n", (long) pid);
  g_assert_true (g_file_set_contents (lock, pid_text, -1, NULL));
  g_assert_true (g_file_set_contents (save,
                                      "[flexolab]\nversion=1.0\nvisible-model=lsmo\n"
                                      "[cfr]\nforce=9 µN\n", -1, NULL));
  return dir;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
test_recover (void)
{
  char *dir = make_crashed_run ();
  g_autofree char *pid = g_strdup_printf ("%ld\n", (long) getpid ());
  g_autofree char *lock = NULL;
  FlxWindow *win = new_window ();
  FlxAutosave *as;
  AdwMessageDialog *dialog;

  g_assert_null (find_dialog ());
  flx_window_enable_autosave (win, dir);
  as = flx_window_get_autosave (win);
  drain ();
  g_assert_true (flx_autosave_is_active (as)); /* the dead owner's lock is taken over */
  lock = file_text (dir, "running");
  g_assert_cmpstr (lock, ==, pid);
  g_assert_true (flx_autosave_get_recovery_pending (as));
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, default_of ("cfr", "force"));

  /* While the question is open the crashed run's file is not overwritten. */
  g_assert_true (flx_autosave_save_now (as, NULL));
  g_assert_cmpfloat (saved_force (dir), ==, 9e-6);

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  drain ();
  g_assert_false (flx_autosave_get_recovery_pending (as));
  g_assert_null (find_dialog ());
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, 9e-6);
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "lsmo");
  /* Restored values are autosaved from now on, and a clean end removes them. */
  g_assert_true (flx_autosave_save_now (as, NULL));
  g_assert_cmpfloat (saved_force (dir), ==, 9e-6);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_false (file_exists (dir, "autosave.flexolab"));
  g_assert_false (file_exists (dir, "running"));
  remove_dir (dir);
}

static void
test_decline (void)
{
  char *dir = make_crashed_run ();
  FlxWindow *win = new_window ();
  AdwMessageDialog *dialog;
  FlxAutosave *as;

  flx_window_enable_autosave (win, dir);
  as = flx_window_get_autosave (win);
  drain ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  drain ();
  g_assert_false (flx_autosave_get_recovery_pending (as));
  g_assert_false (file_exists (dir, "autosave.flexolab")); /* discarded at once */
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, default_of ("cfr", "force"));

  /* Autosaving goes on as usual. */
  g_assert_true (flx_model_page_set_value (flx_window_get_page (win, "cfr"), "force", 5e-6));
  g_assert_true (flx_autosave_save_now (as, NULL));
  g_assert_cmpfloat (saved_force (dir), ==, 5e-6);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  remove_dir (dir);
}

/* Quitting without answering keeps the crashed run's file for the next start. */
static void
test_unanswered (void)
{
  char *dir = make_crashed_run ();
  FlxWindow *win = new_window ();
  g_autofree char *save = g_build_filename (dir, "autosave.flexolab", NULL);

  flx_window_enable_autosave (win, dir);
  drain ();
  g_assert_nonnull (find_dialog ());
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_null (find_dialog ()); /* went with its window */
  g_assert_false (file_exists (dir, "running"));
  g_assert_cmpfloat (saved_force (dir), ==, 9e-6);

  g_assert_cmpint (g_remove (save), ==, 0);
  remove_dir (dir);
}

/* Two instances on one folder: the second stays passive and touches nothing. */
static void
test_second_instance (void)
{
  char *dir = g_dir_make_tmp ("flx-autosave-XXXXXX", NULL);
  FlxWindow *first = new_window ();
  FlxWindow *second = new_window ();
  FlxAutosave *a, *b;

  flx_window_enable_autosave (first, dir);
  flx_window_enable_autosave (second, dir);
  a = flx_window_get_autosave (first);
  b = flx_window_get_autosave (second);
  g_assert_true (flx_autosave_is_active (a));
  g_assert_false (flx_autosave_is_active (b));
  g_assert_null (find_dialog ());

  g_assert_true (flx_model_page_set_value (flx_window_get_page (first, "cfr"), "force", 4e-6));
  g_assert_true (flx_model_page_set_value (flx_window_get_page (second, "cfr"), "force", 6e-6));
  g_assert_true (flx_autosave_save_now (a, NULL));
  g_assert_true (flx_autosave_save_now (b, NULL)); /* passive: writes nothing */
  g_assert_cmpfloat (saved_force (dir), ==, 4e-6);

  gtk_window_destroy (GTK_WINDOW (second));
  drain ();
  g_assert_true (file_exists (dir, "running"));
  g_assert_cmpfloat (saved_force (dir), ==, 4e-6);
  gtk_window_destroy (GTK_WINDOW (first));
  drain ();
  g_assert_false (file_exists (dir, "running"));
  g_assert_false (file_exists (dir, "autosave.flexolab"));
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/autosave/save-and-clean-quit", test_save_and_clean_quit);
  g_test_add_func ("/autosave/timer", test_timer);
  g_test_add_func ("/autosave/recover", test_recover);
  g_test_add_func ("/autosave/decline", test_decline);
  g_test_add_func ("/autosave/unanswered", test_unanswered);
  g_test_add_func ("/autosave/second-instance", test_second_instance);
  return g_test_run ();
}
