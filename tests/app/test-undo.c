/* test-undo.c: per-page undo and redo of parameter changes: single steps, a drag coalesced
 * into one step, reset and loaded values undoable, the bound on the history, notify
 * counts, and win.undo / win.redo acting on the visible page.  Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "flx-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
value_of (FlxModelPage *page, const char *name)
{
  const FlxModel *m = flx_model_page_get_model (page);
  return flx_model_page_get_values (page)[flx_model_find_param (m, name)];
}

static void
count_cb (GObject *object, GParamSpec *pspec, int *count)
{
  (*count)++;
}

/* The page's history and its coalescing window (0.5 s in flx-model-page.c): waiting
 * 0.6 s guarantees the next change starts a new step. */
static void
pause_past_coalescing (void)
{
  g_usleep (600 * G_TIME_SPAN_MILLISECOND);
}

static void
test_undo_steps (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  int n_undo = 0, n_redo = 0;
  double def_force = m->params[flx_model_find_param (m, "force")].def;
  double def_radius = m->params[flx_model_find_param (m, "tip_radius")].def;

  g_signal_connect (page, "notify::can-undo", G_CALLBACK (count_cb), &n_undo);
  g_signal_connect (page, "notify::can-redo", G_CALLBACK (count_cb), &n_redo);
  g_assert_false (flx_model_page_can_undo (page));
  g_assert_false (flx_model_page_can_redo (page));
  g_assert_false (flx_model_page_undo (page));
  g_assert_false (flx_model_page_redo (page));

  /* A refused value is no step. */
  g_assert_false (flx_model_page_set_value (page, "force", 1.0));
  g_assert_false (flx_model_page_can_undo (page));

  g_assert_true (flx_model_page_set_value (page, "force", 5e-6));
  g_assert_true (flx_model_page_can_undo (page));
  g_assert_cmpint (n_undo, ==, 1);
  /* Another control: a new step even right away. */
  g_assert_true (flx_model_page_set_value (page, "tip_radius", 200e-9));
  g_assert_cmpint (n_undo, ==, 1); /* can-undo did not change */

  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "tip_radius"), ==, def_radius);
  g_assert_cmpfloat (value_of (page, "force"), ==, 5e-6);
  g_assert_true (flx_model_page_can_redo (page));
  g_assert_cmpint (n_redo, ==, 1);
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, def_force);
  g_assert_false (flx_model_page_can_undo (page));
  g_assert_cmpint (n_undo, ==, 2);

  g_assert_true (flx_model_page_redo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, 5e-6);
  g_assert_true (flx_model_page_redo (page));
  g_assert_cmpfloat (value_of (page, "tip_radius"), ==, 200e-9);
  g_assert_false (flx_model_page_can_redo (page));
  g_assert_false (flx_model_page_redo (page));

  /* A new change after an undo drops the redo branch. */
  g_assert_true (flx_model_page_undo (page));
  g_assert_true (flx_model_page_can_redo (page));
  g_assert_true (flx_model_page_set_value (page, "bias", 0.5));
  g_assert_false (flx_model_page_can_redo (page));

  /* Reset is one undoable step that restores everything. */
  flx_model_page_reset (page);
  g_assert_cmpfloat (value_of (page, "force"), ==, def_force);
  g_assert_cmpfloat (value_of (page, "bias"), ==, m->params[flx_model_find_param (m, "bias")].def);
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, 5e-6);
  g_assert_cmpfloat (value_of (page, "bias"), ==, 0.5);
  g_assert_cmpfloat (value_of (page, "tip_radius"), ==, def_radius);
  g_assert_true (flx_model_page_redo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, def_force);
  /* Resetting defaults changes nothing and adds no step. */
  g_assert_false (flx_model_page_can_redo (page));
  flx_model_page_reset (page);
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "bias"), ==, 0.5);

  g_object_unref (page);
}

/* Many changes to one control in quick succession (a slider drag) undo in one step; after
 * a pause the same control starts a new one. */
static void
test_undo_drag (void)
{
  const FlxModel *m = flx_model_find ("cfr");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  double def_force = m->params[flx_model_find_param (m, "force")].def;
  double last = 0;

  for (int k = 1; k <= 50; k++)
    {
      last = k * 0.5e-6;
      g_assert_true (flx_model_page_set_value (page, "force", last));
    }
  pause_past_coalescing ();
  g_assert_true (flx_model_page_set_value (page, "force", 2e-6));

  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, last);
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "force"), ==, def_force);
  g_assert_false (flx_model_page_can_undo (page));
  g_object_unref (page);
}

/* Setting all values at once (a loaded session) is one step; the history keeps the last
 * 100 steps. */
static void
test_undo_bounded (void)
{
  const FlxModel *m = flx_model_find ("lsmo");
  FlxModelPage *page = g_object_ref_sink (flx_model_page_new (m));
  g_autofree double *v = g_new0 (double, m->n_params);
  int idx = flx_model_find_param (m, "t_substrate");
  int steps = 0;

  flx_model_defaults (m, v);
  v[idx] = 300;
  v[flx_model_find_param (m, "steps")] = 60;
  g_assert_true (flx_model_page_set_values (page, v));
  g_assert_true (flx_model_page_undo (page));
  g_assert_cmpfloat (value_of (page, "t_substrate"), ==, m->params[idx].def);
  g_assert_cmpfloat (value_of (page, "steps"), ==, 120);
  g_assert_false (flx_model_page_can_undo (page));
  v[idx] = NAN;
  g_assert_false (flx_model_page_set_values (page, v)); /* refused, no step */
  g_assert_false (flx_model_page_can_undo (page));

  /* 150 steps, alternating controls so none coalesce. */
  for (int k = 0; k < 150; k++)
    g_assert_true (flx_model_page_set_value (page, k % 2 ? "t_substrate" : "t_c",
                                             k % 2 ? 61 + k : 301 + k));
  while (flx_model_page_undo (page))
    steps++;
  g_assert_cmpint (steps, ==, 100);
  /* The oldest 50 steps are gone: the values are those after step 50, not the defaults. */
  g_assert_cmpfloat (value_of (page, "t_c"), ==, 301 + 48);
  g_assert_cmpfloat (value_of (page, "t_substrate"), ==, 61 + 49);
  g_object_unref (page);
}

/* win.undo and win.redo act on the visible page and are enabled only when it can. */
static void
test_undo_actions (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *cfr, *lsmo;
  GAction *undo, *redo;

  gtk_window_present (GTK_WINDOW (win));
  drain ();
  cfr = flx_window_get_page (win, "cfr");
  lsmo = flx_window_get_page (win, "lsmo");
  undo = g_action_map_lookup_action (G_ACTION_MAP (win), "undo");
  redo = g_action_map_lookup_action (G_ACTION_MAP (win), "redo");
  g_assert_nonnull (undo);
  g_assert_nonnull (redo);

  g_assert_true (flx_window_show_model (win, "cfr"));
  g_assert_false (g_action_get_enabled (undo));
  g_assert_true (flx_model_page_set_value (cfr, "force", 3e-6));
  g_assert_true (flx_model_page_set_value (lsmo, "t_substrate", 250));
  g_assert_true (g_action_get_enabled (undo));
  g_assert_false (g_action_get_enabled (redo));

  gtk_widget_activate_action (GTK_WIDGET (win), "win.undo", NULL);
  g_assert_cmpfloat (value_of (cfr, "force"), ==, 15e-6);
  g_assert_cmpfloat (value_of (lsmo, "t_substrate"), ==, 250); /* other page untouched */
  g_assert_false (g_action_get_enabled (undo));
  g_assert_true (g_action_get_enabled (redo));

  /* Switching pages switches what the actions act on. */
  g_assert_true (flx_window_show_model (win, "lsmo"));
  g_assert_true (g_action_get_enabled (undo));
  g_assert_false (g_action_get_enabled (redo));
  gtk_widget_activate_action (GTK_WIDGET (win), "win.undo", NULL);
  g_assert_cmpfloat (value_of (lsmo, "t_substrate"), ==, 100);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.redo", NULL);
  g_assert_cmpfloat (value_of (lsmo, "t_substrate"), ==, 250);

  /* Reset through its action is undoable too. */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.reset-parameters", NULL);
  g_assert_cmpfloat (value_of (lsmo, "t_substrate"), ==, 100);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.undo", NULL);
  g_assert_cmpfloat (value_of (lsmo, "t_substrate"), ==, 250);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/undo/steps", test_undo_steps);
  g_test_add_func ("/undo/drag", test_undo_drag);
  g_test_add_func ("/undo/bounded", test_undo_bounded);
  g_test_add_func ("/undo/actions", test_undo_actions);
  return g_test_run ();
}
