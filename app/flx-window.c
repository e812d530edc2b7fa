/* flx-window.c: the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AdwLeaflet rather than AdwNavigationSplitView because the floor is libadwaita 1.2.
 * Window size, maximised state and the last page persist in GSettings when the schema is
 * installed; running from a build tree without it simply skips persistence.
 */
#include "config.h"

#include "flx-window.h"

#include <glib/gi18n.h>

struct _FlxWindow
{
  AdwApplicationWindow parent_instance;

  GSettings    *settings; /* NULL when the schema is not installed */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkListBox      *model_list;
  GtkStack        *page_stack;
  AdwWindowTitle  *window_title;
  GtkWidget       *content_box;
};

G_DEFINE_FINAL_TYPE (FlxWindow, flx_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *
row_model_id (GtkListBoxRow *row)
{
  return row ? g_object_get_data (G_OBJECT (row), "flx-model-id") : NULL;
}

static void
update_title (FlxWindow *self, const FlxModel *m)
{
  adw_window_title_set_title (self->window_title, _(m->title));
  adw_window_title_set_subtitle (self->window_title, m->id);
}

static void
select_model (FlxWindow *self, const char *id)
{
  const FlxModel *m = flx_model_find (id);

  if (m == NULL)
    return;
  gtk_stack_set_visible_child_name (self->page_stack, id);
  update_title (self, m);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-page", id);
}

static void
model_list_row_selected_cb (GtkListBox *box, GtkListBoxRow *row, FlxWindow *self)
{
  if (row != NULL)
    select_model (self, row_model_id (row));
}

static void
model_list_row_activated_cb (GtkListBox *box, GtkListBoxRow *row, FlxWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (GtkButton *button, FlxWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static GtkWidget *
make_sidebar_row (const FlxModel *m)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_(m->title));
  GtkWidget *sub = gtk_label_new (m->id);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, _(m->summary));
  g_object_set_data_full (G_OBJECT (row), "flx-model-id", g_strdup (m->id), g_free);
  return row;
}

static void
large_text_changed (FlxWindow *self, gboolean on)
{
  if (on)
    gtk_widget_add_css_class (GTK_WIDGET (self), "large-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "large-text");
}

static void
large_text_action_cb (GSimpleAction *action, GVariant *value, gpointer data)
{
  FlxWindow *self = data;
  gboolean on = g_variant_get_boolean (value);

  g_simple_action_set_state (action, value);
  large_text_changed (self, on);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "large-text", on);
}

static void
reset_parameters_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  GtkWidget *page = gtk_stack_get_visible_child (self->page_stack);

  if (FLX_IS_MODEL_PAGE (page))
    flx_model_page_reset (FLX_MODEL_PAGE (page));
}

static void
show_page_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  flx_window_show_model (FLX_WINDOW (data), g_variant_get_string (param, NULL));
}

static gboolean
flx_window_close_request (GtkWindow *window)
{
  FlxWindow *self = FLX_WINDOW (window);

  if (self->settings != NULL)
    {
      int w, h;
      gtk_window_get_default_size (window, &w, &h);
      g_settings_set_int (self->settings, "window-width", w);
      g_settings_set_int (self->settings, "window-height", h);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (flx_window_parent_class)->close_request (window);
}

static void
flx_window_dispose (GObject *object)
{
  FlxWindow *self = FLX_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), FLX_TYPE_WINDOW);
  G_OBJECT_CLASS (flx_window_parent_class)->dispose (object);
}

static void
flx_window_class_init (FlxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = flx_window_dispose;
  window_class->close_request = flx_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/flexolab/Flexolab/flx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, model_list);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, content_box);
  gtk_widget_class_bind_template_callback (widget_class, model_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, model_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
}

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *src = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (src != NULL)
    schema = g_settings_schema_source_lookup (src, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("GSettings schema %s not installed; window state will not be saved", APP_ID);
      return NULL;
    }
  return g_settings_new (APP_ID);
}

static void
flx_window_init (FlxWindow *self)
{
  static const GActionEntry entries[] = {
    { "reset-parameters", reset_parameters_action_cb },
    { "show-page", show_page_action_cb, "s" },
  };
  g_autoptr (GSimpleAction) large = NULL;
  g_autofree char *last = NULL;
  gboolean large_on = FALSE;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  self->settings = settings_if_installed ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last = g_settings_get_string (self->settings, "last-page");
      large_on = g_settings_get_boolean (self->settings, "large-text");
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  large = g_simple_action_new_stateful ("large-text", NULL, g_variant_new_boolean (large_on));
  g_signal_connect (large, "change-state", G_CALLBACK (large_text_action_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (large));
  large_text_changed (self, large_on);

  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      FlxModelPage *page = flx_model_page_new (m);

      gtk_stack_add_titled (self->page_stack, GTK_WIDGET (page), m->id, _(m->title));
      gtk_list_box_append (self->model_list, make_sidebar_row (m));
    }
  if (last == NULL || flx_model_find (last) == NULL)
    {
      g_free (last);
      last = g_strdup (flx_model_get (0)->id);
    }
  flx_window_show_model (self, last);
}

FlxWindow *
flx_window_new (AdwApplication *app)
{
  return g_object_new (FLX_TYPE_WINDOW, "application", app, NULL);
}

gboolean
flx_window_show_model (FlxWindow *self, const char *id)
{
  g_return_val_if_fail (FLX_IS_WINDOW (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->model_list, i);
      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (row_model_id (row), id) == 0)
        {
          gtk_list_box_select_row (self->model_list, row);
          select_model (self, id);
          return TRUE;
        }
    }
}

FlxModelPage *
flx_window_get_page (FlxWindow *self, const char *id)
{
  GtkWidget *child;

  g_return_val_if_fail (FLX_IS_WINDOW (self), NULL);
  child = gtk_stack_get_child_by_name (self->page_stack, id);
  return child ? FLX_MODEL_PAGE (child) : NULL;
}

const char *
flx_window_get_visible_model (FlxWindow *self)
{
  g_return_val_if_fail (FLX_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}
