/* test-present.c: issue 9 on a real window: the validity banner, presentation mode and
 * the figure copied to the clipboard.  Needs a display (Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "flx-field-view.h"
#include "flx-figure.h"
#include "flx-plot.h"
#include "flx-presenter.h"
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

static void
count_cb (int *count)
{
  (*count)++;
}

static gboolean
action_state (FlxWindow *win, const char *name)
{
  g_autoptr (GVariant) v = g_action_get_state (g_action_map_lookup_action (G_ACTION_MAP (win),
                                                                           name));
  return g_variant_get_boolean (v);
}

static GtkWidget *
find_type (GtkWidget *w, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* F5 mode: enters and leaves restoring the layout, steps through the page's presets (the
 * five cfr files in data/presets, by file name: fig1b first), falls back to every preset
 * (16 files) on a page without its own, and the presenter goes with its window. */
static void
test_presentation (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxPresenter *presenter = g_object_get_data (G_OBJECT (win), "flx-presenter");
  FlxModelPage *cfr = flx_window_get_page (win, "cfr");
  AdwFlap *flap = flx_model_page_get_flap (cfr);
  GtkWidget *plot = find_type (GTK_WIDGET (cfr), FLX_TYPE_PLOT);
  GtkWidget *header = NULL;
  int step, n;
  gboolean flap_before;

  g_assert_nonnull (presenter);
  g_assert_nonnull (plot);
  g_object_add_weak_pointer (G_OBJECT (presenter), (gpointer *) &presenter);
  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "cfr"));
  drain ();
  header = find_type (GTK_WIDGET (win), ADW_TYPE_HEADER_BAR);
  flap_before = adw_flap_get_reveal_flap (flap);
  g_assert_false (action_state (win, "presentation"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "present-next"));

  g_action_group_activate_action (G_ACTION_GROUP (win), "presentation", NULL);
  drain ();
  g_assert_true (action_state (win, "presentation"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (win), "presentation"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (win), "large-text"));
  g_assert_true (flx_plot_get_large_text (FLX_PLOT (plot)));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_false (gtk_widget_is_visible (header));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "large-text"));
  flx_presenter_get_step (presenter, &step, &n);
  g_assert_cmpint (step, ==, -1);
  g_assert_cmpint (n, ==, 6); /* cfr: Fig 1b, Fig 3 (three tips), Fig 4 collapse, LaAlO3 */

  g_action_group_activate_action (G_ACTION_GROUP (win), "present-next", NULL);
  flx_presenter_get_step (presenter, &step, NULL);
  g_assert_cmpint (step, ==, 0);
  g_assert_nonnull (strstr (flx_presenter_get_caption (presenter), "(Fig. 1b)"));
  g_assert_cmpfloat (flx_model_page_get_values (cfr)[flx_model_find_param (
                       flx_model_page_get_model (cfr), "force")], ==, 1.5e-5);
  g_action_group_activate_action (G_ACTION_GROUP (win), "present-previous", NULL);
  flx_presenter_get_step (presenter, &step, NULL);
  g_assert_cmpint (step, ==, 0); /* stays on the first */
  for (int k = 0; k < 10; k++)
    g_action_group_activate_action (G_ACTION_GROUP (win), "present-next", NULL);
  flx_presenter_get_step (presenter, &step, NULL);
  g_assert_cmpint (step, ==, 5); /* stops at the last of the six */
  g_assert_cmpstr (flx_window_get_visible_model (win), ==, "cfr");

  /* High contrast only while presenting. */
  g_action_group_change_action_state (G_ACTION_GROUP (win), "high-contrast",
                                      g_variant_new_boolean (TRUE));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (win), "high-contrast") ||
                 gtk_widget_has_css_class (GTK_WIDGET (win), "high-contrast-dark"));

  g_action_group_activate_action (G_ACTION_GROUP (win), "presentation", NULL);
  drain ();
  g_assert_false (action_state (win, "presentation"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (win), "presentation"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (win), "large-text"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (win), "high-contrast"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (win), "high-contrast-dark"));
  g_assert_false (flx_plot_get_large_text (FLX_PLOT (plot)));
  g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, flap_before);
  g_assert_true (gtk_widget_is_visible (header));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "large-text"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (win), "present-next"));

  /* A page without presets of its own steps through all of them. */
  g_assert_true (flx_window_show_model (win, "gradients"));
  g_action_group_activate_action (G_ACTION_GROUP (win), "presentation", NULL);
  flx_presenter_get_step (presenter, NULL, &n);
  g_assert_cmpint (n, ==, 16); /* every file in data/presets */
  g_action_group_activate_action (G_ACTION_GROUP (win), "presentation", NULL);

  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
  g_assert_null (presenter);
}

/* Runs the window's capture-phase shortcut for keyval as a key press would; returns
 * whether it handled the key (FALSE lets the event go on to the focused widget). */
static gboolean
press_key (GtkWidget *win, guint keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (win);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) c = g_list_model_get_item (controllers, i);
      if (!GTK_IS_SHORTCUT_CONTROLLER (c)
          || gtk_event_controller_get_propagation_phase (c) != GTK_PHASE_CAPTURE)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr (GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), k);
          GtkShortcutTrigger *t = gtk_shortcut_get_trigger (sc);
          if (GTK_IS_KEYVAL_TRIGGER (t) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (t)) == keyval)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, win,
                                                 gtk_shortcut_get_arguments (sc));
        }
    }
  g_assert_not_reached ();
}

/* Page Down / space / Page Up / Esc while presenting; untouched otherwise (sliders keep
 * Page Up/Down). */
static void
test_presentation_keys (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxPresenter *presenter = g_object_get_data (G_OBJECT (win), "flx-presenter");
  int step;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "lsmo"));
  g_assert_false (press_key (GTK_WIDGET (win), GDK_KEY_Page_Down));
  g_assert_false (press_key (GTK_WIDGET (win), GDK_KEY_Escape));
  g_action_group_activate_action (G_ACTION_GROUP (win), "presentation", NULL);
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Page_Down));
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_space));
  flx_presenter_get_step (presenter, &step, NULL);
  g_assert_cmpint (step, ==, 1);
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Page_Up));
  flx_presenter_get_step (presenter, &step, NULL);
  g_assert_cmpint (step, ==, 0);
  g_assert_true (press_key (GTK_WIDGET (win), GDK_KEY_Escape));
  g_assert_false (action_state (win, "presentation"));
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

/* The view-level speed: lsmo's replay rounds to its speeds (1/4 .. 4, nearest in log);
 * the generic view has none. */
static void
test_view_speed (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxView *lsmo = flx_model_page_get_view (flx_window_get_page (win, "lsmo"));
  FlxView *wo3 = flx_model_page_get_view (flx_window_get_page (win, "wo3"));

  int changed = 0;

  g_signal_connect_swapped (lsmo, "speed-changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (flx_view_has_speed (lsmo));
  g_assert_cmpfloat (flx_view_get_speed (lsmo), ==, 1.0);
  flx_view_set_speed (lsmo, 2.0);
  g_assert_cmpfloat (flx_view_get_speed (lsmo), ==, 2.0);
  flx_view_set_speed (lsmo, 3.0); /* |ln 4/3| < |ln 2/3| */
  g_assert_cmpfloat (flx_view_get_speed (lsmo), ==, 4.0);
  flx_view_set_speed (lsmo, 0.1);
  g_assert_cmpfloat (flx_view_get_speed (lsmo), ==, 0.25);
  g_assert_cmpint (changed, ==, 3);
  g_assert_false (flx_view_has_speed (wo3));
  g_assert_cmpfloat (flx_view_get_speed (wo3), ==, 1.0);
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

static void
texture_read_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  GdkTexture **tex = data;
  GError *error = NULL;

  *tex = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), res, &error);
  g_assert_no_error (error);
}

static GdkTexture *
read_clipboard (GtkWidget *w)
{
  GdkTexture *tex = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  gdk_clipboard_read_texture_async (gtk_widget_get_clipboard (w), NULL, texture_read_cb, &tex);
  while (tex == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (tex);
  return tex;
}

/* Copy Figure: a focused plot is copied at twice its size on screen (FIGURE_SCALE in
 * flx-figure.c); the result area at its own size; the right-click menu's action too.
 * Export Figure writes the chosen size, refuses an unknown extension and names a path it
 * cannot write. */
static void
test_copy_figure (void)
{
  FlxWindow *win = flx_window_new (NULL);
  FlxModelPage *page = flx_window_get_page (win, "cfr");
  GtkWidget *view = GTK_WIDGET (flx_model_page_get_view (page));
  GtkWidget *plot = find_type (view, FLX_TYPE_PLOT);
  GtkWidget *map = find_type (view, FLX_TYPE_FIELD_VIEW);
  g_autofree char *dir = g_dir_make_tmp ("flx-figure-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "f.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "f.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "f.png", NULL);
  g_autoptr (GError) error = NULL;
  GdkTexture *tex;

  gtk_window_present (GTK_WINDOW (win));
  g_assert_true (flx_window_show_model (win, "cfr"));
  wait_result (page);
  g_assert_nonnull (g_object_get_data (G_OBJECT (plot), "flx-figure-menu"));
  g_assert_nonnull (g_object_get_data (G_OBJECT (map), "flx-figure-menu"));

  gtk_widget_grab_focus (plot);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (win)) == plot);
  g_assert_true (flx_figure_pick (GTK_WIDGET (win), view) == plot);
  g_action_group_activate_action (G_ACTION_GROUP (win), "copy-figure", NULL);
  tex = read_clipboard (GTK_WIDGET (win));
  g_assert_cmpint (gdk_texture_get_width (tex), ==, 2 * gtk_widget_get_width (plot));
  g_assert_cmpint (gdk_texture_get_height (tex), ==, 2 * gtk_widget_get_height (plot));
  g_object_unref (tex);

  g_assert_true (flx_figure_copy (view, &error));
  g_assert_no_error (error);
  tex = read_clipboard (GTK_WIDGET (win));
  g_assert_cmpint (gdk_texture_get_width (tex), ==, gtk_widget_get_width (view));
  g_assert_cmpint (gdk_texture_get_height (tex), ==, gtk_widget_get_height (view));
  g_object_unref (tex);

  g_assert_true (gtk_widget_activate_action (map, "figure.copy", NULL));
  tex = read_clipboard (GTK_WIDGET (win));
  g_assert_cmpint (gdk_texture_get_width (tex), ==, 2 * gtk_widget_get_width (map));
  g_object_unref (tex);

  g_assert_true (flx_figure_export (plot, png, "800x600", &error));
  g_assert_no_error (error);
  tex = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (tex), ==, 800);
  g_assert_cmpint (gdk_texture_get_height (tex), ==, 600);
  g_object_unref (tex);
  g_assert_true (flx_figure_export (map, svg, "1920x1080", &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = NULL;
    g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "<svg"));
    g_assert_nonnull (strstr (text, "width=\"1920\""));
  }
  g_assert_false (flx_figure_export (plot, bad, "800x600", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-dir"));
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_assert_false (flx_figure_export (plot, "figure.jpg", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_remove (svg), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  gtk_window_destroy (GTK_WINDOW (win));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/present/validity-banner", test_validity_banner);
  g_test_add_func ("/present/presentation", test_presentation);
  g_test_add_func ("/present/presentation-keys", test_presentation_keys);
  g_test_add_func ("/present/view-speed", test_view_speed);
  g_test_add_func ("/present/copy-figure", test_copy_figure);
  return g_test_run ();
}
