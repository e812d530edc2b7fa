/* test-guide.c: the guide page of every model opens (F1), the tour visits its steps and
 * remembers that it was shown, and skipping ends it the same way.  Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>

#include "flx-guide.h"
#include "flx-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_ms (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_guide_pages (void)
{
  FlxWindow *win = flx_window_new (NULL);

  gtk_window_present (GTK_WINDOW (win));
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      GtkWindow *guide;

      g_assert_true (flx_guide_has_page (m->id));
      g_assert_true (flx_window_show_model (win, m->id));
      drain ();
      guide = flx_window_show_guide (win);
      g_assert_nonnull (guide);
      drain ();
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (guide)));
      g_assert_true (gtk_window_get_transient_for (guide) == GTK_WINDOW (win));
      gtk_window_destroy (guide);
      drain ();
    }
  g_assert_false (flx_guide_has_page ("nosuch"));
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

/* The first start shows the tour once; its four steps end it and set "tour-shown". */
static void
test_tour_first_start (void)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.flexolab.Flexolab");
  FlxWindow *win;
  int steps = 0;

  g_settings_set_boolean (settings, "tour-shown", FALSE);
  win = flx_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1400, 900);
  gtk_window_present (GTK_WINDOW (win));
  flx_window_maybe_start_tour (win);
  wait_ms (1500);
  g_assert_true (flx_window_tour_active (win));
  while (flx_window_tour_active (win) && steps < 10)
    {
      flx_window_tour_next (win);
      drain ();
      steps++;
    }
  g_assert_cmpint (steps, ==, 4);  /* model list, controls, results, main menu */
  g_assert_true (g_settings_get_boolean (settings, "tour-shown"));

  /* Shown once: no tour on the next start. */
  flx_window_maybe_start_tour (win);
  wait_ms (800);
  g_assert_false (flx_window_tour_active (win));
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

static void
count_done (gpointer data)
{
  (*(int *) data)++;
}

/* Skipping (or closing) ends the tour once; unmapped targets are left out. */
static void
test_tour_skip (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *a = gtk_button_new_with_label ("a");
  GtkWidget *hidden = gtk_button_new_with_label ("hidden");
  GtkWidget *b = gtk_button_new_with_label ("b");
  FlxTourStep steps[] = { { a, "first" }, { hidden, "never" }, { b, "last" } };
  FlxTour *tour;
  int done = 0;

  gtk_box_append (GTK_BOX (box), a);
  gtk_box_append (GTK_BOX (box), hidden);
  gtk_box_append (GTK_BOX (box), b);
  gtk_widget_set_visible (hidden, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  tour = flx_tour_start (steps, G_N_ELEMENTS (steps), count_done, &done);
  g_assert_nonnull (tour);
  g_assert_cmpuint (flx_tour_get_step (tour), ==, 0);
  flx_tour_next (tour);
  drain ();
  g_assert_cmpuint (flx_tour_get_step (tour), ==, 1);  /* "b": the hidden one is skipped */
  flx_tour_stop (tour);
  drain ();
  g_assert_cmpint (done, ==, 1);

  /* Nothing to show: done at once, no tour. */
  gtk_widget_set_visible (a, FALSE);
  gtk_widget_set_visible (b, FALSE);
  g_assert_null (flx_tour_start (steps, G_N_ELEMENTS (steps), count_done, &done));
  g_assert_cmpint (done, ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int argc, char **argv)
{
  /* Before any thread exists: this test is about the tour that the variable turns off. */
  g_unsetenv ("FLEXOLAB_NO_TOUR");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/guide/pages", test_guide_pages);
  g_test_add_func ("/guide/tour-first-start", test_tour_first_start);
  g_test_add_func ("/guide/tour-skip", test_tour_skip);
  return g_test_run ();
}
