/* test-window.c: the window opens with five model pages built from the registry; pages
 * without a solver say so; implemented pages show a result.  Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "flx-window.h"

static void
wait_for (gboolean (*cond) (gpointer), gpointer data, int seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  while (!cond (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
page_has_outcome (gpointer page)
{
  return flx_model_page_get_outcome (FLX_MODEL_PAGE (page)) != NULL;
}

static void
test_window_pages (void)
{
  FlxWindow *win = flx_window_new (NULL);

  gtk_window_present (GTK_WINDOW (win));
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      FlxModelPage *page = flx_window_get_page (win, m->id);

      g_assert_nonnull (page);
      g_assert_true (flx_model_page_get_model (page) == m);
      g_assert_true (flx_window_show_model (win, m->id));
      g_assert_cmpstr (flx_window_get_visible_model (win), ==, m->id);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (m->run == NULL)
        g_assert_null (flx_model_page_get_runner (page));
      else
        {
          wait_for (page_has_outcome, page, 60);
          g_assert_nonnull (flx_model_page_get_outcome (page));
        }
    }
  g_assert_false (flx_window_show_model (win, "nosuch"));
  gtk_window_destroy (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Setting a parameter from code goes through the same validation as the controls. */
static void
test_page_values (void)
{
  const FlxModel *m = flx_model_find ("lsmo");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  int idx = flx_model_find_param (m, "t_substrate");

  g_assert_true (flx_model_page_set_value (page, "t_substrate", 200));
  g_assert_cmpfloat (flx_model_page_get_values (page)[idx], ==, 200);
  g_assert_false (flx_model_page_set_value (page, "t_substrate", 5000)); /* above 330 K */
  g_assert_false (flx_model_page_set_value (page, "t_substrate", NAN));
  g_assert_false (flx_model_page_set_value (page, "nosuch", 1));
  g_assert_cmpfloat (flx_model_page_get_values (page)[idx], ==, 200);
  flx_model_page_reset (page);
  g_assert_cmpfloat (flx_model_page_get_values (page)[idx], ==, m->params[idx].def);
  g_object_unref (page);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/page-values", test_page_values);
  return g_test_run ();
}
