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
#include <string.h>

#include "flx-autosave.h"
#include "flx-export.h"
#include "flx-guide.h"
#include "flx-figure.h"
#include "flx-presenter.h"
#include "flx-session.h"
#include "flx-view-util.h"

#define PRESET_DIR "/io/github/flexolab/Flexolab/presets/"

struct _FlxWindow
{
  AdwApplicationWindow parent_instance;

  GSettings    *settings; /* NULL when the schema is not installed */
  GStrv         session_problems; /* of the last session opened; NULL when clean */
  FlxAutosave  *autosave;         /* NULL unless enabled */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet      *leaflet;
  GtkListBox      *model_list;
  GtkStack        *page_stack;
  AdwWindowTitle  *window_title;
  GtkWidget       *content_box;
  GMenu           *presets_menu;
  GtkWidget       *menu_button;
  FlxTour         *tour;  /* the tour being shown, or NULL */
  GtkWidget       *sidebar;
  GtkWidget       *content_header;
  FlxPresenter    *presenter; /* presentation mode (F5) */
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

static void update_undo_actions (FlxWindow *self);
static void toast (FlxWindow *self, const char *text);

static void
select_model (FlxWindow *self, const char *id)
{
  const FlxModel *m = flx_model_find (id);

  if (m == NULL)
    return;
  gtk_stack_set_visible_child_name (self->page_stack, id);
  update_title (self, m);
  update_undo_actions (self);
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
  flx_view_set_large_text_all (GTK_WIDGET (self->page_stack), on);
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

static FlxModelPage *
visible_page (FlxWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->page_stack);
  return FLX_IS_MODEL_PAGE (page) ? FLX_MODEL_PAGE (page) : NULL;
}

/* Undo and redo act on the visible page: their sensitivity follows it. */
static void
update_undo_actions (FlxWindow *self)
{
  FlxModelPage *page = visible_page (self);
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");

  if (undo != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (undo),
                                 page != NULL && flx_model_page_can_undo (page));
  if (redo != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (redo),
                                 page != NULL && flx_model_page_can_redo (page));
}

static void
page_history_cb (FlxModelPage *page, GParamSpec *pspec, FlxWindow *self)
{
  if (page == visible_page (self))
    update_undo_actions (self);
}

static void
undo_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxModelPage *page = visible_page (FLX_WINDOW (data));

  if (page != NULL)
    flx_model_page_undo (page);
}

static void
redo_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxModelPage *page = visible_page (FLX_WINDOW (data));

  if (page != NULL)
    flx_model_page_redo (page);
}

static void
pin_result_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = FLX_WINDOW (data);
  FlxModelPage *page = visible_page (self);

  if (page != NULL && !flx_model_page_pin (page))
    toast (self, _("Nothing to pin yet: this page has no result"));
}

static void
clear_pins_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxModelPage *page = visible_page (FLX_WINDOW (data));

  if (page != NULL)
    flx_model_page_clear_pins (page);
}

static void
show_page_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  flx_window_show_model (FLX_WINDOW (data), g_variant_get_string (param, NULL));
}

static void
toast (FlxWindow *self, const char *text)
{
  AdwToast *t = adw_toast_new (text);
  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Copy Figure: the focused plot or map, else the one under the pointer, else the page's
 * result area (flx-figure.c). */
static void
copy_figure_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  FlxModelPage *page = visible_page (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *msg = NULL;
  GtkWidget *target;

  if (page == NULL)
    return;
  target = flx_figure_pick (GTK_WIDGET (self), GTK_WIDGET (flx_model_page_get_view (page)));
  if (flx_figure_copy (target, &error))
    msg = g_strdup (_("Figure copied"));
  else
    msg = g_strdup_printf (_("Could not copy the figure: %s"), error->message);
  toast (self, msg);
}

/* Export runs on a GTask thread: the outcome is immutable and reference counted, and
 * flx_export_result serialises HDF5 itself, so the UI never waits on the disk. */
typedef struct {
  FlxJobOutcome *outcome;
  char          *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;
  flx_job_outcome_unref (job->outcome);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (flx_export_result (job->outcome->result, job->outcome->values, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  FlxWindow *self = FLX_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr (GError) error = NULL;
  g_autofree char *msg = NULL;

  if (g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_autofree char *base = g_path_get_basename (job->path);
      msg = g_strdup_printf (_("Exported to %s"), base);
    }
  else
    msg = g_strdup_printf (_("Export failed: %s"), error->message);
  toast (self, msg);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  FlxWindow *self = data;
  FlxModelPage *page = FLX_MODEL_PAGE (gtk_stack_get_visible_child (self->page_stack));
  FlxJobOutcome *outcome = flx_model_page_get_outcome (page);

  if (response == GTK_RESPONSE_ACCEPT && outcome != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      ExportJob *job;
      GTask *task;

      if (path == NULL)
        toast (self, _("Export failed: only local files can be written"));
      else
        {
          /* No extension typed: the filter tells which format was meant. */
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *fname = filter ? gtk_file_filter_get_name (filter) : NULL;
          job = g_new0 (ExportJob, 1);
          job->outcome = flx_job_outcome_ref (outcome);
          job->path = flx_export_kind_for_path (path) != FLX_EXPORT_UNKNOWN
                        ? g_strdup (path)
                        : g_strconcat (path, g_strcmp0 (fname, _("CSV table")) == 0 ? ".csv" : ".h5",
                                       NULL);
          task = g_task_new (self, NULL, export_done_cb, NULL);
          g_task_set_task_data (task, job, export_job_free);
          g_task_run_in_thread (task, export_thread);
          g_object_unref (task);
        }
    }
  g_object_unref (dialog);
}

static void
export_data_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  FlxModelPage *page = FLX_IS_MODEL_PAGE (child) ? FLX_MODEL_PAGE (child) : NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *h5, *csv;
  g_autofree char *name = NULL;

  if (page == NULL || flx_model_page_get_outcome (page) == NULL)
    {
      toast (self, _("Nothing to export yet: this page has no result"));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Data"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  h5 = gtk_file_filter_new ();
  gtk_file_filter_set_name (h5, _("HDF5 (NeXus-style)"));
  gtk_file_filter_add_suffix (h5, "h5");
  csv = gtk_file_filter_new ();
  gtk_file_filter_set_name (csv, _("CSV table"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), h5);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  g_object_unref (h5);
  g_object_unref (csv);
  name = g_strdup_printf ("%s.h5", flx_model_page_get_model (page)->id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- sessions and presets ------------------------------------------------------------- */

static void
session_problems_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->session_problems == NULL)
    return;
  /* A file of another program can have hundreds of bad keys: keep the dialog on screen. */
  if (g_strv_length (self->session_problems) > 20)
    {
      GString *text = g_string_new (NULL);
      guint n = g_strv_length (self->session_problems);

      for (guint i = 0; i < 20; i++)
        g_string_append_printf (text, "%s\n", self->session_problems[i]);
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "… and %u more",
                                                 "… and %u more", n - 20), n - 20);
      body = g_string_free (text, FALSE);
    }
  else
    body = g_strjoinv ("\n", self->session_problems);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Values Not Loaded"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* View settings of a 1.1 file: each page the file has values for gets its view group
 * (an absent group returns that view to its defaults); problems join the session's. */
static void
apply_view_state (FlxWindow *self, FlxSession *session, const char *name)
{
  if (session->large_text >= 0)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "large-text",
                                        g_variant_new_boolean (session->large_text));
  if (session->view_state == NULL)
    return;
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const char *id = flx_model_get (i)->id;
      FlxModelPage *page = flx_window_get_page (self, id);
      g_autofree char *group = flx_session_view_group (id);
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      if (page == NULL || (flx_session_get_values (session, id) == NULL &&
                           !g_key_file_has_group (session->view_state, group)))
        continue;
      flx_model_page_load_view_state (page, session->view_state, group, problems);
      for (guint k = 0; k < problems->len; k++)
        g_ptr_array_add (session->problems,
                         g_strdup_printf ("%s: %s", name, (char *) problems->pdata[k]));
    }
}

gboolean
flx_window_open_session (FlxWindow *self, GFile *file, GError **error)
{
  g_autoptr (FlxSession) session = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *base = NULL;
  g_autofree char *msg = NULL;
  AdwToast *t;

  g_return_val_if_fail (FLX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  session = flx_session_load (file, &local);
  if (session == NULL)
    {
      msg = g_strdup_printf (_("Could not open session: %s"), local->message);
      toast (self, msg);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  for (guint i = 0; i < session->models->len; i++)
    {
      FlxSessionModel *sm = session->models->pdata[i];
      FlxModelPage *page = flx_window_get_page (self, sm->model->id);

      /* The loader checked every value, so this cannot refuse. */
      if (page != NULL)
        flx_model_page_set_values (page, sm->values);
    }
  /* Pinned runs (format 1.2): each page the file sets takes the file's pins, computed
   * again in the background; an older file leaves the pins alone. */
  for (guint i = 0; session->pin_state && i < session->models->len; i++)
    {
      FlxSessionModel *sm = session->models->pdata[i];
      FlxModelPage *page = flx_window_get_page (self, sm->model->id);
      g_autoptr (GPtrArray) values = g_ptr_array_new ();

      for (guint k = 0; k < session->pins->len; k++)
        {
          FlxSessionModel *pin = session->pins->pdata[k];
          if (pin->model == sm->model)
            g_ptr_array_add (values, pin->values);
        }
      if (page != NULL)
        flx_model_page_restore_pins (page, (const double *const *) values->pdata, values->len);
    }
  if (session->visible_model != NULL)
    flx_window_show_model (self, session->visible_model);
  base = g_file_get_basename (file);
  apply_view_state (self, session, base);

  g_clear_pointer (&self->session_problems, g_strfreev);
  if (session->problems->len > 0)
    {
      g_ptr_array_add (session->problems, NULL);
      /* free (…, FALSE) hands over the strings and frees the array itself (steal left
       * the GPtrArray behind: LSan found it). */
      self->session_problems = (GStrv) g_ptr_array_free (session->problems, FALSE);
      session->problems = g_ptr_array_new_with_free_func (g_free);
    }

  if (self->session_problems != NULL)
    {
      guint n = g_strv_length (self->session_problems);
      msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Opened %s; %u value was not usable",
                                          "Opened %s; %u values were not usable", n),
                             session->title ? session->title : base, n);
    }
  else if (session->title != NULL)
    msg = session->figure != NULL
            ? g_strdup_printf (_("Preset: %s (%s)"), session->title, session->figure)
            : g_strdup_printf (_("Preset: %s"), session->title);
  else
    msg = g_strdup_printf (_("Opened %s"), base);

  t = adw_toast_new (msg);
  adw_toast_set_timeout (t, 5);
  if (self->session_problems != NULL)
    {
      adw_toast_set_button_label (t, _("_Details"));
      adw_toast_set_action_name (t, "win.session-problems");
      adw_toast_set_timeout (t, 10);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, t);
  return TRUE;
}

gboolean
flx_window_save_session (FlxWindow *self, GFile *file, GError **error)
{
  g_autofree const FlxModel **models = NULL;
  g_autofree const double **values = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GKeyFile) view = NULL;
  g_autoptr (GVariant) large = NULL;
  g_autoptr (GPtrArray) pins = g_ptr_array_new_with_free_func (g_free);
  gsize n = 0;

  g_return_val_if_fail (FLX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("only local files can be written"));
      return FALSE;
    }
  models = g_new0 (const FlxModel *, flx_model_count ());
  values = g_new0 (const double *, flx_model_count ());
  for (size_t i = 0; i < flx_model_count (); i++)
    {
      FlxModelPage *page = flx_window_get_page (self, flx_model_get (i)->id);
      if (page == NULL)
        continue;
      models[n] = flx_model_page_get_model (page);
      values[n] = flx_model_page_get_values (page);
      n++;
    }
  large = g_action_group_get_action_state (G_ACTION_GROUP (self), "large-text");
  view = g_key_file_new ();
  g_key_file_set_boolean (view, FLX_SESSION_VIEW_GROUP, "large-text",
                          g_variant_get_boolean (large));
  for (gsize k = 0; k < n; k++)
    {
      FlxModelPage *page = flx_window_get_page (self, models[k]->id);
      g_autofree char *group = flx_session_view_group (models[k]->id);

      flx_model_page_save_view_state (page, view, group);
      /* Pinned runs, oldest first: their values (the results are recomputed on opening). */
      for (guint i = 0; i < flx_model_page_get_n_pins (page); i++)
        {
          FlxSessionModel *pin = g_new0 (FlxSessionModel, 1);
          pin->model = models[k];
          pin->values = flx_model_page_get_pin (page, i)->outcome->values;
          pin->pin = i + 1;
          g_ptr_array_add (pins, pin); /* values borrowed: the array frees the structs only */
        }
    }
  return flx_session_save_full (path, flx_window_get_visible_model (self), models, values, n,
                                pins, view, error);
}

const char *const *
flx_window_get_session_problems (FlxWindow *self)
{
  g_return_val_if_fail (FLX_IS_WINDOW (self), NULL);
  return (const char *const *) self->session_problems;
}

static GtkFileFilter *
session_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Flexolab sessions"));
  gtk_file_filter_add_suffix (filter, "flexolab");
  gtk_file_filter_add_mime_type (filter, "application/x-flexolab");
  return filter;
}

/* Sessions the user opened or saved through a dialog show up in the desktop's recent files. */
static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  if (g_file_is_native (file))
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
open_session_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  FlxWindow *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      /* The toast reports either way. */
      if (file != NULL && flx_window_open_session (self, file, NULL))
        add_to_recent (file);
    }
  g_object_unref (dialog);
}

static void
open_session_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = session_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Session"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_session_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_session_response_cb (GtkNativeDialog *dialog, int response, gpointer data)
{
  FlxWindow *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr (GFile) file = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *base = chosen ? g_file_get_basename (chosen) : NULL;
      g_autofree char *msg = NULL;

      if (chosen == NULL)
        goto out;
      /* No suffix typed: add ours, so the file is recognised when opened again. */
      if (base != NULL && !g_str_has_suffix (base, ".flexolab"))
        {
          g_autofree char *named = g_strconcat (base, ".flexolab", NULL);
          g_autoptr (GFile) parent = g_file_get_parent (chosen);
          file = parent ? g_file_get_child (parent, named) : g_object_ref (chosen);
          g_free (base);
          base = g_steal_pointer (&named);
        }
      else
        file = g_object_ref (chosen);
      if (flx_window_save_session (self, file, &error))
        {
          msg = g_strdup_printf (_("Session saved to %s"), base);
          add_to_recent (file);
        }
      else
        msg = g_strdup_printf (_("Could not save session: %s"), error->message);
      toast (self, msg);
    }
out:
  g_object_unref (dialog);
}

static void
save_session_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = session_filter ();
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (_("Save Session"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = g_strdup_printf ("%s.flexolab", flx_window_get_visible_model (self));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_session_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
load_preset_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  FlxWindow *self = data;
  const char *path = g_variant_get_string (param, NULL);
  g_autofree char *uri = NULL;
  g_autoptr (GFile) file = NULL;

  /* Only our own resources: the parameter comes from a menu, but actions are public. */
  if (!g_str_has_prefix (path, PRESET_DIR))
    return;
  uri = g_strconcat ("resource://", path, NULL);
  file = g_file_new_for_uri (uri);
  flx_window_open_session (self, file, NULL);
}

/* Natural order, so "60K" comes before "200K". */
static int
compare_file_names (gconstpointer a, gconstpointer b, gpointer data)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (*(char *const *) a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (*(char *const *) b, -1);

  return strcmp (ka, kb);
}

/* One menu section per model, items titled from each preset's [preset] group, so adding a
 * preset is adding a file to the resource bundle. */
static void
build_presets_menu (FlxWindow *self)
{
  g_auto (GStrv) names = g_resources_enumerate_children (PRESET_DIR, 0, NULL);
  g_autoptr (GPtrArray) sections = NULL;

  if (names == NULL)
    return;
  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_file_names,
                     NULL);
  sections = g_ptr_array_new_with_free_func (g_object_unref);
  for (size_t i = 0; i < flx_model_count (); i++)
    g_ptr_array_add (sections, g_menu_new ());

  for (gsize k = 0; names[k] != NULL; k++)
    {
      g_autofree char *path = g_strconcat (PRESET_DIR, names[k], NULL);
      g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr (FlxSession) s = NULL;
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      gsize len;
      const char *data;

      if (bytes == NULL || !g_str_has_suffix (names[k], ".flexolab"))
        continue;
      data = g_bytes_get_data (bytes, &len);
      s = flx_session_parse (data, len, names[k], NULL);
      if (s == NULL)
        continue; /* tests/app/test-session checks that every shipped preset loads */
      label = s->title == NULL ? g_strdup (names[k])
              : s->figure == NULL ? g_strdup (s->title)
              /* Translators: a preset's title and the paper figure it reproduces */
              : g_strdup_printf (_("%s (%s)"), s->title, s->figure);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.load-preset", "s", path);
      for (size_t i = 0; i < flx_model_count (); i++)
        if (g_strcmp0 (flx_model_get (i)->id, s->visible_model) == 0)
          g_menu_append_item (sections->pdata[i], item);
    }
  for (size_t i = 0; i < flx_model_count (); i++)
    if (g_menu_model_get_n_items (sections->pdata[i]) > 0)
      g_menu_append_section (self->presets_menu, _(flx_model_get (i)->title),
                             sections->pdata[i]);
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

  if (self->tour != NULL)
    flx_tour_stop (self->tour); /* its popover hangs on our widgets */
  g_clear_object (&self->autosave); /* the clean end: removes the autosave */
  g_clear_object (&self->settings);
  g_clear_pointer (&self->session_problems, g_strfreev);
  g_clear_object (&self->presenter);
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
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, FlxWindow, content_header);
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

/* --- guide and tour ------------------------------------------------------------------- */

GtkWindow *
flx_window_show_guide (FlxWindow *self)
{
  const char *id;
  const FlxModel *m;

  g_return_val_if_fail (FLX_IS_WINDOW (self), NULL);
  id = flx_window_get_visible_model (self);
  m = id ? flx_model_find (id) : NULL;
  if (m == NULL || !flx_guide_has_page (id))
    return NULL;
  return flx_guide_show (GTK_WINDOW (self), id, _(m->title));
}

static void
guide_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  flx_window_show_guide (FLX_WINDOW (data));
}

static void
tour_done (gpointer data)
{
  FlxWindow *self = data;

  self->tour = NULL;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "tour-shown", TRUE);
}

gboolean
flx_window_start_tour (FlxWindow *self)
{
  FlxModelPage *page;
  FlxTourStep steps[4];

  g_return_val_if_fail (FLX_IS_WINDOW (self), FALSE);
  if (self->tour != NULL)
    flx_tour_stop (self->tour);
  page = FLX_MODEL_PAGE (gtk_stack_get_visible_child (self->page_stack));
  steps[0] = (FlxTourStep) { GTK_WIDGET (self->model_list),
    _("<b>Five models</b>, one page each. Pick one here; Alt+1 … Alt+5 switch too.") };
  steps[1] = (FlxTourStep) { flx_model_page_get_controls (page),
    _("<b>Drag a slider</b> or type an exact value with its unit (for example "
      "“250 nm”). The plots follow while you drag; a refined solve follows when you stop.") };
  steps[2] = (FlxTourStep) { flx_model_page_get_results (page),
    _("<b>Results</b>: key numbers, maps and plots. Hover a plot to read values; scroll to "
      "zoom, double-click to reset.") };
  steps[3] = (FlxTourStep) { self->menu_button,
    _("<b>Presets</b> reproduce the papers' figures. Sessions, export and this tour are "
      "here too. Press F1 for the guide to the current page.") };
  self->tour = flx_tour_start (steps, G_N_ELEMENTS (steps), tour_done, self);
  return self->tour != NULL;
}

gboolean
flx_window_tour_active (FlxWindow *self)
{
  g_return_val_if_fail (FLX_IS_WINDOW (self), FALSE);
  return self->tour != NULL;
}

void
flx_window_tour_next (FlxWindow *self)
{
  g_return_if_fail (FLX_IS_WINDOW (self));
  if (self->tour != NULL)
    flx_tour_next (self->tour);
}

static gboolean
first_tour_cb (gpointer data)
{
  FlxWindow *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->tour == NULL)
    flx_window_start_tour (self);
  return G_SOURCE_REMOVE;
}

/* Once, on the first start; FLEXOLAB_NO_TOUR (set by the tests and benchmarks) keeps it
 * away from scripted runs. */
void
flx_window_maybe_start_tour (FlxWindow *self)
{
  g_return_if_fail (FLX_IS_WINDOW (self));
  if (self->settings == NULL || g_settings_get_boolean (self->settings, "tour-shown") ||
      g_getenv ("FLEXOLAB_NO_TOUR") != NULL)
    return;
  /* After the first frames, so the targets have their size. */
  g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, 400, first_tour_cb, g_object_ref (self),
                      g_object_unref);
}

static void
tour_action_cb (GSimpleAction *action, GVariant *param, gpointer data)
{
  flx_window_start_tour (FLX_WINDOW (data));
}

static void
flx_window_init (FlxWindow *self)
{
  static const GActionEntry entries[] = {
    { "reset-parameters", reset_parameters_action_cb },
    { "show-page", show_page_action_cb, "s" },
    { "export-data", export_data_action_cb },
    { "open-session", open_session_action_cb },
    { "save-session", save_session_action_cb },
    { "load-preset", load_preset_action_cb, "s" },
    { "session-problems", session_problems_action_cb },
    { "undo", undo_action_cb },
    { "redo", redo_action_cb },
    { "guide", guide_action_cb },
    { "tour", tour_action_cb },
    { "pin-result", pin_result_action_cb },
    { "clear-pins", clear_pins_action_cb },
    { "copy-figure", copy_figure_action_cb },
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

  for (size_t i = 0; i < flx_model_count (); i++)
    {
      const FlxModel *m = flx_model_get (i);
      FlxModelPage *page = flx_model_page_new (m);

      gtk_stack_add_titled (self->page_stack, GTK_WIDGET (page), m->id, _(m->title));
      g_signal_connect_object (page, "notify::can-undo", G_CALLBACK (page_history_cb), self, 0);
      g_signal_connect_object (page, "notify::can-redo", G_CALLBACK (page_history_cb), self, 0);
      gtk_list_box_append (self->model_list, make_sidebar_row (m));
    }
  if (last == NULL || flx_model_find (last) == NULL)
    {
      g_free (last);
      last = g_strdup (flx_model_get (0)->id);
    }
  flx_window_show_model (self, last);
  build_presets_menu (self);
  large_text_changed (self, large_on); /* after the pages: it reaches their plots */
  flx_figure_attach (GTK_WIDGET (self->page_stack)); /* right-click Copy/Export Figure */
  self->presenter = flx_presenter_new (GTK_WINDOW (self), self->sidebar, self->content_header,
                                       self->page_stack, GTK_BOX (self->content_box));
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

void
flx_window_enable_autosave (FlxWindow *self, const char *dir)
{
  g_return_if_fail (FLX_IS_WINDOW (self));
  g_return_if_fail (self->autosave == NULL);

  self->autosave = flx_autosave_new (self, dir,
                                     self->settings != NULL
                                       ? g_settings_get_uint (self->settings, "autosave-interval")
                                       : 120);
}

FlxAutosave *
flx_window_get_autosave (FlxWindow *self)
{
  g_return_val_if_fail (FLX_IS_WINDOW (self), NULL);
  return self->autosave;
}
