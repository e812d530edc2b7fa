/* test-session-window.c: sessions and presets applied to the window's pages: open, save
 * and open again, a refused file changes nothing, the Presets menu action.  Needs a
 * display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "flx-application.h"
#include "flx-plot.h"
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

static GFile *
write_temp (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

static void
test_open_save (void)
{
  FlxWindow *win = flx_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("flx-session-win-XXXXXX", NULL);
  g_autoptr (GFile) good = NULL;
  g_autoptr (GFile) bad = NULL;
  g_autoptr (GFile) saved = NULL;
  g_autoptr (GError) error = NULL;

  gtk_window_present (GTK_WINDOW (win));
  drain ();

  good = write_temp (dir, "good.flexolab",
                     "[flexolab]\nversion=1.0\nvisible-model=lsmo\n"
                     "[lsmo]\nt_substrate=200 K\nnosuch=1\n"
                     "[cfr]\nforce=7 µN\n");
  g_assert_true (flx_window_open_session (win, good, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "lsmo");
  g_assert_cmpfloat (page_value (win, "lsmo", "t_substrate"), ==, 200);
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, 7e-6);
  /* Problems are kept for the toast's Details: missing keys and the unknown one. */
  g_assert_nonnull (flx_window_get_session_problems (win));
  g_assert_true (g_strv_contains (flx_window_get_session_problems (win),
                                  "good.flexolab: [lsmo] unknown parameter “nosuch” ignored"));

  /* The toast's Details button lists the problems in a dialog. */
  {
    GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
    guint before = g_list_model_get_n_items (toplevels);
    g_autoptr (GtkWindow) dialog = NULL;

    gtk_widget_activate_action (GTK_WIDGET (win), "win.session-problems", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, before + 1);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (w))
          dialog = g_steal_pointer (&w);
      }
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                              "unknown parameter “nosuch”"));
    gtk_window_destroy (dialog);
    drain ();
  }

  /* A refused file changes nothing. */
  bad = write_temp (dir, "bad.flexolab", "[flexolab]\nversion=9\n[cfr]\nforce=1 µN\n");
  g_assert_false (flx_window_open_session (win, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, 7e-6);
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "lsmo");

  /* Save all pages, change them, open the saved file: back as saved, cleanly. */
  g_assert_true (flx_window_show_model (win, "cfr"));
  saved = g_file_new_build_filename (dir, "saved.flexolab", NULL);
  g_assert_true (flx_window_save_session (win, saved, &error));
  g_assert_no_error (error);
  flx_model_page_reset (flx_window_get_page (win, "cfr"));
  flx_model_page_reset (flx_window_get_page (win, "lsmo"));
  g_assert_true (flx_window_show_model (win, "wo3"));
  g_assert_true (flx_window_open_session (win, saved, &error));
  g_assert_no_error (error);
  g_assert_null (flx_window_get_session_problems (win));
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "cfr");
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, 7e-6);
  g_assert_cmpfloat (page_value (win, "lsmo", "t_substrate"), ==, 200);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  for (const char *const *n = (const char *const[]) { "good.flexolab", "bad.flexolab",
                                                      "saved.flexolab", NULL };
       *n; n++)
    {
      g_autofree char *p = g_build_filename (dir, *n, NULL);
      g_assert_cmpint (g_remove (p), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The Presets menu's action loads a shipped preset into its page; other paths are ignored. */
static void
test_preset_action (void)
{
  FlxWindow *win = flx_window_new (NULL);

  gtk_window_present (GTK_WINDOW (win));
  drain ();
  g_assert_true (flx_window_show_model (win, "cfr"));
  gtk_widget_activate_action (GTK_WIDGET (win), "win.load-preset", "s",
                              "/io/github/flexolab/Flexolab/presets/lsmo-figS6c-330K.flexolab");
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "lsmo");
  g_assert_cmpfloat (page_value (win, "lsmo", "t_substrate"), ==, 330);
  g_assert_null (flx_window_get_session_problems (win));

  gtk_widget_activate_action (GTK_WIDGET (win), "win.load-preset", "s",
                              "/io/github/flexolab/Flexolab/flx-window.ui");
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "lsmo");

  gtk_widget_activate_action (GTK_WIDGET (win), "win.load-preset", "s",
                              "/io/github/flexolab/Flexolab/presets/vacancy-blunt-punch.flexolab");
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "vacancy");
  g_assert_cmpfloat (page_value (win, "vacancy", "tip"), ==, 1); /* flat */
  g_assert_cmpfloat (page_value (win, "vacancy", "contact_radius"), ==, 15e-9);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

/* Hundreds of bad keys must not make a dialog taller than the screen: 20 lines and a
 * count.  Empty [lsmo] and [wo3] groups: 20 + 15 missing keys. */
static void
test_many_problems (void)
{
  FlxWindow *win = flx_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("flx-session-win-XXXXXX", NULL);
  g_autoptr (GFile) file = write_temp (dir, "empty.flexolab",
                                       "[flexolab]\nversion=1.0\n[lsmo]\n[wo3]\n");
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */
  guint n_problems = flx_model_find ("lsmo")->n_params + flx_model_find ("wo3")->n_params;
  g_autofree char *more = g_strdup_printf ("… and %u more", n_problems - 20);
  g_autofree char *path = g_file_get_path (file);
  gboolean found = FALSE;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_open_session (win, file, NULL));
  g_assert_cmpuint (g_strv_length ((GStrv) flx_window_get_session_problems (win)), ==,
                    n_problems);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.session-problems", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w))
        {
          const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (w));
          g_assert_true (g_str_has_suffix (body, more));
          gtk_window_destroy (w);
          found = TRUE;
          break;
        }
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* `flexolab FILE`: GApplication's open loads the file into a new window. */
static void
test_app_open (void)
{
  g_autoptr (FlxApplication) app = flx_application_new ();
  g_autoptr (GFile) file = g_file_new_for_uri (
    "resource:///io/github/flexolab/Flexolab/presets/vacancy-sharp-tip.flexolab");
  g_autoptr (GError) error = NULL;
  GtkWindow *win;

  /* Never hand the test's files to another running instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                             G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  win = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (FLX_IS_WINDOW (win));
  g_assert_cmpstr (flx_window_get_visible_model (FLX_WINDOW (win)), ==, "vacancy");
  g_assert_null (flx_window_get_session_problems (FLX_WINDOW (win)));
  gtk_window_destroy (win);
  drain ();
}

static GtkWidget *
find_widget (GtkWidget *w, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (match (w, data))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_plot_titled (GtkWidget *w, gconstpointer prefix)
{
  return FLX_IS_PLOT (w) && g_str_has_prefix (flx_plot_get_title (FLX_PLOT (w)), prefix);
}

static gboolean
has_tooltip (GtkWidget *w, gconstpointer text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (w), text) == 0;
}

static GtkWidget *
page_widget (FlxWindow *win, const char *model, gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  GtkWidget *w = find_widget (GTK_WIDGET (flx_window_get_page (win, model)), match, data);
  g_assert_nonnull (w);
  return w;
}

static gboolean
large_text_on (FlxWindow *win)
{
  g_autoptr (GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (win),
                                                                "large-text");
  return g_variant_get_boolean (state);
}

/* The [view:MODEL] part of a saved file, for comparing two saves. */
static char *
view_part (GFile *file)
{
  g_autofree char *text = NULL;
  const char *at;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  at = strstr (text, "\n[view]");
  g_assert_nonnull (at);
  return g_strdup (at);
}

/* View settings (format 1.1): zoomed plots, the lsmo and vacancy replay speeds and large text
 * are saved, come back after being changed, and save again identically; bad view keys are
 * listed while the parameters load. */
static void
test_view_state (void)
{
  FlxWindow *win = flx_window_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("flx-session-win-XXXXXX", NULL);
  g_autoptr (GFile) saved = g_file_new_build_filename (dir, "view.flexolab", NULL);
  g_autoptr (GFile) again = g_file_new_build_filename (dir, "again.flexolab", NULL);
  g_autoptr (GFile) bad = NULL;
  g_autoptr (GFile) absent = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  const char *const *problems;
  FlxPlot *fig1b, *iv, *sweep;
  GtkDropDown *speed, *vspeed;
  double lo, hi;

  gtk_window_present (GTK_WINDOW (win));
  drain ();
  fig1b = FLX_PLOT (page_widget (win, "cfr", is_plot_titled, "Tunnelling resistance"));
  iv = FLX_PLOT (page_widget (win, "lsmo", is_plot_titled, "I-V of the network"));
  speed = GTK_DROP_DOWN (page_widget (win, "lsmo", has_tooltip, "Replay Speed"));
  sweep = FLX_PLOT (page_widget (win, "vacancy", is_plot_titled, "Remaining vacancies vs force"));
  vspeed = GTK_DROP_DOWN (page_widget (win, "vacancy", has_tooltip, "Replay Speed"));

  /* Odd numbers, so an exact reload is not luck: 1/3 eV .. 1.9 eV, R/R0 1e-5 .. 0.3. */
  flx_plot_set_visible_range (fig1b, FLX_AXIS_X, 1.0 / 3.0, 1.9);
  flx_plot_set_visible_range (fig1b, FLX_AXIS_Y, 1e-5, 0.3);
  flx_plot_set_visible_range (iv, FLX_AXIS_X, 0.1, 0.7);
  gtk_drop_down_set_selected (speed, 4); /* 4× */
  flx_plot_set_visible_range (sweep, FLX_AXIS_X, 1.3e-6, 7.1e-6);
  gtk_drop_down_set_selected (vspeed, 0); /* ¼× */
  g_action_group_change_action_state (G_ACTION_GROUP (win), "large-text",
                                      g_variant_new_boolean (TRUE));
  g_assert_true (flx_window_save_session (win, saved, &error));
  g_assert_no_error (error);
  first = view_part (saved);
  g_test_message ("%s", first);
  g_assert_nonnull (strstr (first, "\n[view:cfr]\nfig1b.x="));
  g_assert_nonnull (strstr (first, "replay-speed=4\n"));
  g_assert_nonnull (strstr (first, "large-text=true\n"));
  g_assert_nonnull (strstr (first, "\n[view:vacancy]\n"));
  g_assert_nonnull (strstr (first, "sig-force.x=1.3e-06;7.1e-06\n"));
  g_assert_nonnull (strstr (first, "replay-speed=0.25\n"));

  flx_plot_reset_view (fig1b);
  flx_plot_reset_view (iv);
  gtk_drop_down_set_selected (speed, 2);
  flx_plot_reset_view (sweep);
  gtk_drop_down_set_selected (vspeed, 2);
  g_action_group_change_action_state (G_ACTION_GROUP (win), "large-text",
                                      g_variant_new_boolean (FALSE));
  g_assert_true (flx_window_open_session (win, saved, &error));
  g_assert_no_error (error);
  g_assert_null (flx_window_get_session_problems (win));
  g_assert_true (flx_plot_get_axis_zoomed (fig1b, FLX_AXIS_X));
  flx_plot_get_visible_range (fig1b, FLX_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1.0 / 3.0);
  g_assert_cmpfloat (hi, ==, 1.9);
  flx_plot_get_visible_range (fig1b, FLX_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1e-5);
  g_assert_cmpfloat (hi, ==, 0.3);
  g_assert_true (flx_plot_get_axis_zoomed (iv, FLX_AXIS_X));
  g_assert_false (flx_plot_get_axis_zoomed (iv, FLX_AXIS_Y));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 4);
  g_assert_true (flx_plot_get_axis_zoomed (sweep, FLX_AXIS_X));
  flx_plot_get_visible_range (sweep, FLX_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1.3e-6);
  g_assert_cmpfloat (hi, ==, 7.1e-6);
  g_assert_false (flx_plot_get_axis_zoomed (sweep, FLX_AXIS_Y));
  g_assert_cmpuint (gtk_drop_down_get_selected (vspeed), ==, 0);
  g_assert_true (large_text_on (win));
  g_assert_true (flx_window_save_session (win, again, &error));
  second = view_part (again);
  g_assert_cmpstr (first, ==, second);

  /* Bad view keys: each listed, that setting automatic or unchanged, values still load. */
  bad = write_temp (dir, "bad.flexolab",
                    "[flexolab]\nversion=1.1\n[cfr]\nforce=7 µN\n"
                    "[view:cfr]\nfig1b.x=abc\niv.y=5;1\nband.y=1;2;3\nnosuch=1\n"
                    "[view:lsmo]\nreplay-speed=3\n"
                    "[view:vacancy]\nreplay-speed=0.3\nsig-bias.x=2;1\n");
  g_assert_true (flx_window_open_session (win, bad, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (page_value (win, "cfr", "force"), ==, 7e-6);
  problems = flx_window_get_session_problems (win);
  g_assert_nonnull (problems);
  for (guint i = 0; problems[i] != NULL; i++)
    g_test_message ("problem: %s", problems[i]);
  for (const char *const *want = (const char *const[]) {
         "[view:cfr] fig1b.x: “abc”", "[view:cfr] iv.y: “5;1”", "[view:cfr] band.y: “1;2;3”",
         "[view:cfr] unknown view setting “nosuch”", "[view:lsmo] replay-speed: “3”",
         "[view:vacancy] replay-speed: “0.3”", "[view:vacancy] sig-bias.x: “2;1”", NULL };
       *want != NULL; want++)
    {
      gboolean found = FALSE;
      for (guint i = 0; problems[i] != NULL; i++)
        found |= strstr (problems[i], *want) != NULL;
      g_assert_true (found);
    }
  /* The file describes the cfr view: an axis it cannot set is automatic. */
  g_assert_false (flx_plot_get_axis_zoomed (fig1b, FLX_AXIS_X));
  g_assert_false (flx_plot_get_axis_zoomed (fig1b, FLX_AXIS_Y));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 4); /* unchanged */
  g_assert_cmpuint (gtk_drop_down_get_selected (vspeed), ==, 0);
  g_assert_false (flx_plot_get_axis_zoomed (sweep, FLX_AXIS_X));

  /* A 1.1 file with lsmo values but no [view:lsmo]: that view returns to its defaults. */
  flx_plot_set_visible_range (iv, FLX_AXIS_X, 0.1, 0.7);
  absent = write_temp (dir, "absent.flexolab",
                       "[flexolab]\nversion=1.1\n[lsmo]\nt_substrate=200 K\n"
                       "[view]\nlarge-text=false\n");
  g_assert_true (flx_window_open_session (win, absent, NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (speed), ==, 2); /* 1× */
  g_assert_false (flx_plot_get_axis_zoomed (iv, FLX_AXIS_X));
  g_assert_false (large_text_on (win));

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  for (const char *const *n = (const char *const[]) { "view.flexolab", "again.flexolab",
                                                      "bad.flexolab", "absent.flexolab", NULL };
       *n; n++)
    {
      g_autofree char *p = g_build_filename (dir, *n, NULL);
      g_assert_cmpint (g_remove (p), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/session-window/open-save", test_open_save);
  g_test_add_func ("/session-window/preset-action", test_preset_action);
  g_test_add_func ("/session-window/many-problems", test_many_problems);
  g_test_add_func ("/session-window/app-open", test_app_open);
  g_test_add_func ("/session-window/view-state", test_view_state);
  return g_test_run ();
}
